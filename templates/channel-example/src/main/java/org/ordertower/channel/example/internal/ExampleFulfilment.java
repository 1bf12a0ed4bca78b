package org.ordertower.channel.example.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.channel.example.internal.api.ExampleClient;
import org.ordertower.channel.example.internal.api.ExampleWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The write-backs: {@code order.ship} (tracking) and {@code stock.update} (absolute quantity of one SKU). */
final class ExampleFulfilment {
    private static final String ALREADY_SHIPPED = Integer.toString(ExampleConstants.ERR_ALREADY_SHIPPED);
    private final Logger logger = LoggerFactory.getLogger(ExampleFulfilment.class);
    private final ExampleClient client;

    ExampleFulfilment(ExampleClient client) {
        this.client = client;
    }

    /**
     * Ships the whole order (the platform's call has no line parameter): order_id, carrier_code (OrderTower's carrier
     * code, as the platform has no company list of its own), tracking_no. Code 40901 (the order carries tracking
     * already: a retry after a lost answer) is {@link ShipResult#ALREADY_SHIPPED}.
     */
    ShipResult ship(Shipment s) {
        if (!s.lineNos().isEmpty()) {
            logger.debug("example order {}: the platform ships whole orders, lines {} are not sent",
                    s.platformOrderId(), s.lineNos());
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("order_id", s.platformOrderId());
        p.put("carrier_code", s.carrierCode());
        p.put("tracking_no", s.trackingNo());
        try {
            client.call(ExampleConstants.ORDER_SHIP, p);
            return ShipResult.SHIPPED;
        } catch (ChannelException e) {
            if (ALREADY_SHIPPED.equals(e.platformCode())) {
                return ShipResult.ALREADY_SHIPPED;
            }
            throw e;
        }
    }

    /** Sets a SKU's quantity: sku_id is StockUpdate.channelSku (the platform's SKU id), quantity the absolute value. */
    void updateStock(StockUpdate u) {
        if (u.channelSku() == null || u.channelSku().isBlank()) {
            throw ExampleWire.failure("stock update needs the platform's sku_id as channelSku", null);
        }
        if (u.quantity() < 0) {
            throw ExampleWire.failure("stock quantity must be at least 0, was " + u.quantity(), null);
        }
        client.call(ExampleConstants.STOCK_UPDATE, Map.of("sku_id", u.channelSku(), "quantity",
                Integer.toString(u.quantity())));
    }
}

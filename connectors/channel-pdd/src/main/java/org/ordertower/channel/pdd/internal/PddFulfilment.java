package org.ordertower.channel.pdd.internal;

import java.util.Map;
import java.util.TreeMap;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.channel.pdd.internal.api.PddClient;
import org.ordertower.channel.pdd.internal.api.PddJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/** Ship ({@code pdd.logistics.online.send}) and stock ({@code pdd.goods.quantity.update}) write-backs. */
final class PddFulfilment {
    private final Logger logger = LoggerFactory.getLogger(PddFulfilment.class);
    private final PddClient client;

    PddFulfilment(PddClient client) {
        this.client = client;
    }

    /**
     * PDD ships whole orders (order_sn, logistics_id, tracking_number); line numbers are not sent. When the call is
     * refused the order is read back: if it is already shipped with this tracking number the shipment is done
     * ({@link ShipResult#ALREADY_SHIPPED}), whatever code PDD used to refuse it (the doc says a first delivery is
     * accepted only for 待发货 orders but does not publish the code).
     */
    ShipResult ship(Shipment s) {
        if (!s.carrierCode().matches("\\d{1,18}")) {
            throw PddJson.permanent("carrierCode must be PDD's numeric logistics_id (pdd.logistics.companies.get), was '"
                    + s.carrierCode() + "'", null);
        }
        if (!s.lineNos().isEmpty()) {
            logger.debug("pdd order {}: PDD ships whole orders, line numbers {} are not sent", s.platformOrderId(),
                    s.lineNos());
        }
        try {
            JsonNode r = client.call(PddConstants.SHIP, Map.of("order_sn", s.platformOrderId(), "logistics_id",
                    s.carrierCode(), "tracking_number", s.trackingNo()));
            success(r, PddConstants.SHIP);
            return ShipResult.SHIPPED;
        } catch (ChannelException e) {
            if (e.kind() == ChannelException.Kind.PERMANENT && shippedWith(s)) {
                return ShipResult.ALREADY_SHIPPED;
            }
            throw e;
        }
    }

    private boolean shippedWith(Shipment s) {
        JsonNode info;
        try {
            info = client.call(PddConstants.ORDER_DETAIL, Map.of("order_sn", s.platformOrderId())).path("order_info");
        } catch (ChannelException e) {
            logger.debug("pdd order {}: cannot read it back after a refused ship call: {}", s.platformOrderId(),
                    e.getMessage());
            return false;
        }
        int status = info.path("order_status").asInt(0);
        if (status != 2 && status != 3) {
            return false;
        }
        if (s.trackingNo().equals(info.path("tracking_number").asText())) {
            return true;
        }
        for (JsonNode extra : info.path("extra_delivery_list")) {
            if (s.trackingNo().equals(extra.path("tracking_number").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Full update (update_type 1) by sku_id when the SKU id is numeric, else by the merchant's outer_id. */
    void updateStock(StockUpdate u) {
        if (u.itemId() == null || !u.itemId().matches("\\d{1,18}")) {
            throw PddJson.permanent("stock update needs PDD's numeric goods_id as itemId, was '" + u.itemId() + "'", null);
        }
        if (u.quantity() < 0) {
            throw PddJson.permanent("stock quantity must be at least 0, was " + u.quantity(), null);
        }
        Map<String, String> p = new TreeMap<>();
        p.put("goods_id", u.itemId());
        p.put("quantity", String.valueOf(u.quantity()));
        p.put("update_type", "1");
        if (u.channelSku() != null && u.channelSku().matches("\\d{1,18}")) {
            p.put("sku_id", u.channelSku());
        } else if (u.outerCode() != null && !u.outerCode().isBlank()) {
            p.put("outer_id", u.outerCode());
        } else {
            throw PddJson.permanent("stock update needs a numeric sku_id or an outer_id for goods " + u.itemId(), null);
        }
        success(client.call(PddConstants.STOCK, p), PddConstants.STOCK);
    }

    private static void success(JsonNode r, String type) {
        JsonNode ok = r.get("is_success");
        if (ok == null || !(ok.asBoolean() || "1".equals(ok.asText()))) {
            throw PddJson.permanent(type + " answered is_success=" + ok, null);
        }
    }
}

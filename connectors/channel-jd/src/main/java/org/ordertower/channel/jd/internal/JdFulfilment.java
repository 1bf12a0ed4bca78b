package org.ordertower.channel.jd.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.channel.jd.internal.api.JdClient;
import org.ordertower.channel.jd.internal.api.JdWire;
import org.ordertower.channel.jd.internal.api.dto.JdOperatorResultDto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/** The write-backs: {@code jingdong.pop.order.shipment} (SOP 出库发货) and {@code jingdong.stock.write.updateSkuStock}. */
final class JdFulfilment {
    private final Logger logger = LoggerFactory.getLogger(JdFulfilment.class);
    private final JdClient client;
    private final JdPuller puller;

    JdFulfilment(JdClient client, JdPuller puller) {
        this.client = client;
        this.puller = puller;
    }

    /**
     * Ships the whole order (JD's shipment call has no line parameter): orderId, logiCoprId (JD's numeric carrier
     * id from the merchant's carrier list, {@link JdCatalog#logisticsCompanies()}: core translates its own codes
     * into it before calling), logiNo (the waybill). JD does not publish the code it refuses a second
     * shipment with, so a refusal is checked against the order itself: already out of the warehouse
     * (WAIT_GOODS_RECEIVE_CONFIRM or FINISHED_L) with this waybill means {@link ShipResult#ALREADY_SHIPPED}.
     */
    ShipResult ship(Shipment s) {
        if (!s.carrierCode().matches("\\d{1,10}")) {
            throw JdWire.failure("carrierCode must be JD's numeric logiCoprId, was '" + s.carrierCode() + "'", null);
        }
        if (!s.platformOrderId().matches("\\d{1,20}")) {
            throw JdWire.failure("platformOrderId must be JD's numeric orderId, was '" + s.platformOrderId() + "'", null);
        }
        if (!s.lineNos().isEmpty()) {
            logger.debug("jd order {}: JD ships whole orders, lines {} are not sent", s.platformOrderId(), s.lineNos());
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("orderId", Long.parseLong(s.platformOrderId()));
        p.put("logiCoprId", s.carrierCode());
        p.put("logiNo", s.trackingNo());
        ChannelException refused;
        try {
            JsonNode result = client.call(JdConstants.SHIPMENT, p).get("sopjosshipment_result");
            if (result == null || !result.isObject()) {
                throw JdWire.failure(JdConstants.SHIPMENT + " answered no sopjosshipment_result", null);
            }
            JdOperatorResultDto r = JdWire.as(result, JdOperatorResultDto.class, "sopjosshipment_result");
            if (Boolean.TRUE.equals(r.success())) {
                return ShipResult.SHIPPED;
            }
            refused = JdClient.businessRefusal(JdConstants.SHIPMENT, r.errorCode(), r.chineseErrCode(),
                    r.englishErrCode());
        } catch (ChannelException e) {
            if (e.kind() != ChannelException.Kind.PERMANENT) {
                throw e;
            }
            refused = e;
        }
        if (carries(s)) {
            return ShipResult.ALREADY_SHIPPED;
        }
        throw refused;
    }

    private boolean carries(Shipment s) {
        PlatformOrder order;
        try {
            order = puller.fetch(s.platformOrderId());
        } catch (ChannelException e) {
            logger.debug("jd order {}: cannot read it back after a refused shipment: {}", s.platformOrderId(),
                    e.getMessage());
            return false;
        }
        JsonNode info = JdWire.read(order.payload(), "orderInfo");
        String state = info.path("orderState").asText();
        boolean out = JdConstants.WAIT_GOODS_RECEIVE_CONFIRM.equals(state) || JdConstants.FINISHED_L.equals(state);
        // waybill lists several numbers with ',' (same carrier) and '|' (carriers), as logiNo does
        return out && Arrays.asList(info.path("waybill").asText("").split("[,|]")).contains(s.trackingNo());
    }

    /**
     * Sets a SKU's quantity: skuId is StockUpdate.channelSku (JD's numeric SKU id, as the listings give it), stockNum
     * the quantity. JD's call takes the SKU alone: itemId (the wareId) and outerCode are not sent.
     */
    void updateStock(StockUpdate u) {
        if (u.channelSku() == null || !u.channelSku().matches("\\d{1,20}")) {
            throw JdWire.failure("stock update needs JD's numeric skuId as channelSku, was '" + u.channelSku() + "'", null);
        }
        if (u.quantity() < 0) {
            throw JdWire.failure("stock quantity must be at least 0, was " + u.quantity(), null);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("skuId", Long.parseLong(u.channelSku()));
        p.put("stockNum", (long) u.quantity());
        JsonNode body = client.call(JdConstants.STOCK, p);
        if (!body.path("success").asBoolean(false)) {
            throw JdWire.failure(JdConstants.STOCK + " answered success=" + body.get("success") + " for sku "
                    + u.channelSku(), null);
        }
    }
}

package org.ordertower.channel.pdd.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.LogisticsCompany;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.channel.pdd.internal.api.PddClient;
import org.ordertower.channel.pdd.internal.api.PddJson;
import org.ordertower.channel.pdd.internal.api.dto.PddLogisticsCompaniesDto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Ship ({@code pdd.logistics.online.send}) and stock ({@code pdd.goods.quantity.update}) write-backs, and the
 * logistics company list the ship call's {@code logistics_id} comes from ({@code pdd.logistics.companies.get}).
 */
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

    /**
     * The companies the ship call accepts: {@code pdd.logistics.companies.get} lists every company PDD ever had, each
     * with {@code available} 1 (支持的快递公司) or 0 (当前不支持, refused by the ship call: 发货时必须入参支持的快递公司id，
     * 否则会报错); only the available ones are returned, so that a retired company of the same name (百世快递 3 and 204,
     * EMS经济快递 beside 邮政EMS) is never matched. shipCode = {@code id}, code = {@code code} (null when blank),
     * name = {@code logistics_company}. An entry without id or name is skipped. Fields as the API page
     * ({@code api?id=pdd.logistics.companies.get}) is generated into the .NET and Node SDKs (see the README).
     */
    List<LogisticsCompany> logisticsCompanies() {
        JsonNode r = client.call(PddConstants.LOGISTICS_COMPANIES, Map.of());
        PddLogisticsCompaniesDto dto = PddJson.bind(r, PddLogisticsCompaniesDto.class,
                PddConstants.LOGISTICS_COMPANIES + " answer");
        if (dto.logisticsCompanies() == null) {
            throw PddJson.permanent(PddConstants.LOGISTICS_COMPANIES + " answered no logistics_companies", null);
        }
        List<LogisticsCompany> companies = new ArrayList<>();
        int skipped = 0;
        for (PddLogisticsCompaniesDto.Company c : dto.logisticsCompanies()) {
            if (c == null || c.id() == null || c.logisticsCompany() == null || c.logisticsCompany().isBlank()) {
                skipped++;
            } else if (c.available() != null && c.available() == 1) {
                companies.add(new LogisticsCompany(String.valueOf(c.id()), c.code(), c.logisticsCompany().strip()));
            }
        }
        if (skipped > 0) {
            logger.debug("pdd: {} logistics companies without id or name were skipped", skipped);
        }
        return List.copyOf(companies);
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

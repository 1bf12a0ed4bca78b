package org.ordertower.channel.taobao.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.channel.taobao.internal.api.TaobaoClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Tracking and stock back to TOP: {@code taobao.logistics.offline.send} ({@code company_code} = the company's code from
 * {@code taobao.logistics.companies.get}, which core puts in {@link Shipment#carrierCode()}) and
 * {@code taobao.item.quantity.update} (宝贝/SKU库存修改: {@code num_iid}, {@code sku_id} or {@code outer_id} — "当sku_id和本字段都填写时以
 * sku_id为准" — {@code quantity}, {@code type} 1 full / 2 delta; neither SKU parameter sets the item's own quantity).
 */
final class TaobaoWriteBack {
    /**
     * offline.send's answer to a trade it will not consign: code 15, sub_code
     * {@code isv.logistics-offline-service-error:B04}, "订单状态不对该物流订单已经发货或者已关闭，不能重复发货" (already shipped
     * OR closed). The trade's status tells which.
     */
    static final String B04 = "isv.logistics-offline-service-error:B04";
    private static final Set<String> SHIPPED_STATES = Set.of("WAIT_BUYER_CONFIRM_GOODS", "TRADE_BUYER_SIGNED",
            "TRADE_FINISHED", "SELLER_CONSIGNED_PART");

    private final TaobaoClient client;

    TaobaoWriteBack(TaobaoClient client) {
        this.client = client;
    }

    ShipResult ship(Shipment s) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("tid", s.platformOrderId());
        p.put("out_sid", s.trackingNo());
        p.put("company_code", s.carrierCode());
        if (!s.lineNos().isEmpty()) {
            p.put("sub_tid", String.join(",", s.lineNos())); // partial consign: the sub-orders in this parcel
            p.put("is_split", "1");
        }
        try {
            JsonNode answer = client.call(TaobaoConstants.OFFLINE_SEND, p);
            if (!answer.path("shipping").path("is_success").asBoolean(false)) {
                throw new ChannelException(Kind.PERMANENT, "TOP did not confirm the consign of trade " + s.platformOrderId());
            }
            return ShipResult.SHIPPED;
        } catch (ChannelException e) {
            if (e.platformCode() == null || !e.platformCode().endsWith(B04)) {
                throw e;
            }
            String status = client.call(TaobaoConstants.TRADE_FULLINFO, Map.of("fields", "tid,status", "tid", s.platformOrderId()))
                    .path("trade").path("status").asText("");
            if (SHIPPED_STATES.contains(status)) {
                return ShipResult.ALREADY_SHIPPED;
            }
            throw new ChannelException(Kind.PERMANENT, "Taobao will not consign trade " + s.platformOrderId() + " in status "
                    + status + ": " + e.getMessage(), e.platformCode(), null, e);
        }
    }

    void updateStock(StockUpdate u) {
        if (u.itemId() == null || u.itemId().isBlank()) {
            throw new ChannelException(Kind.PERMANENT, "taobao.item.quantity.update needs the item id (num_iid) of "
                    + u.channelSku());
        }
        if (u.quantity() < 0) {
            throw new ChannelException(Kind.PERMANENT, "a stock quantity must be at least 0, was " + u.quantity());
        }
        Map<String, String> p = new LinkedHashMap<>();
        String item = u.itemId().strip();
        p.put("num_iid", item);
        String sku = u.channelSku() == null ? "" : u.channelSku().strip();
        // a SKU id equal to the item id is an item without SKUs (so its listing says): the item's own quantity
        if (!sku.isEmpty() && !sku.equals(item)) {
            if (sku.matches("\\d{1,19}")) {
                p.put("sku_id", sku); // the platform's SKU id, as the listings carry it
            } else if (u.outerCode() != null && !u.outerCode().isBlank()) {
                p.put("outer_id", u.outerCode().strip()); // the SKU's 商家编码: TOP finds the item's SKU by it
            } else {
                p.put("outer_id", sku);
            }
        }
        // TOP takes a full update of 0..1,000,000 and refuses the call beyond it: a SKU with more is offered the most the
        // platform shows, not left at its last quantity by a push refused for good (the peak drill stocked a million)
        p.put("quantity", String.valueOf(Math.min(u.quantity(), TaobaoConstants.MAX_QUANTITY)));
        p.put("type", "1"); // 1 = full (absolute) update, so a repeat is harmless
        client.call(TaobaoConstants.QUANTITY_UPDATE, p);
    }
}

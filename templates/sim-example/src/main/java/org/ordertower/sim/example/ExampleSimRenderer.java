package org.ordertower.sim.example;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimOrder.Line;
import org.ordertower.sim.kit.SimOrder.Refund;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a simulated order in the platform's shape: string ids, decimal-string amounts, epoch-millisecond times,
 * the receiver in clear, one item per line, the status as the platform names it.
 */
final class ExampleSimRenderer {
    static final ObjectMapper JSON = new ObjectMapper();

    private ExampleSimRenderer() {
    }

    static String status(SimOrder o) {
        return switch (o.status) {
            case UNPAID -> "WAIT_PAY";
            case PAID -> "WAIT_SHIP";
            case PARTLY_SHIPPED -> "PART_SHIPPED";
            case SHIPPED -> "SHIPPED";
            case DELIVERED -> "FINISHED";
            case CANCELLED -> "CLOSED";
        };
    }

    static ObjectNode render(SimOrder o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("order_id", o.orderId);
        n.put("status", status(o));
        n.put("created_at", o.created.toEpochMilli());
        if (o.paidAt != null) {
            n.put("paid_at", o.paidAt.toEpochMilli());
        } else {
            n.putNull("paid_at");
        }
        n.put("updated_at", o.modified.toEpochMilli());
        n.put("currency", "CNY");
        n.put("total_amount", money(o.goods()));
        n.put("discount_amount", money(o.discount));
        n.put("shipping_fee", money(o.shipping));
        n.put("paid_amount", money(o.payment()));
        n.put("buyer_id", o.buyerId);
        String[] a = o.address;
        n.putObject("receiver").put("name", o.receiverName).put("phone", o.receiverPhone).put("province", a[0])
                .put("city", a[1]).put("district", a[2]).put("street", a[3]).put("detail", a[4]).put("postcode", a[5]);
        ArrayNode items = n.putArray("items");
        for (Line l : o.lines) {
            items.addObject().put("line_id", l.lineId).put("item_id", l.listing.itemId())
                    .put("sku_id", l.listing.skuId()).put("outer_sku", l.listing.outerId())
                    .put("title", l.listing.title()).put("quantity", l.quantity).put("price", money(l.price))
                    .put("paid_amount", money(l.paid));
        }
        n.put("buyer_note", o.buyerNote == null ? "" : o.buyerNote);
        n.put("seller_note", o.sellerMemo == null ? "" : o.sellerMemo);
        boolean asked = o.lines.stream().anyMatch(l -> l.refund == Refund.REQUESTED || l.refund == Refund.RETURNING);
        n.put("refund_status", asked ? "REQUESTED" : "NONE");
        return n;
    }

    static String money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}

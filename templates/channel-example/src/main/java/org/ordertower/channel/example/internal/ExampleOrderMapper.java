package org.ordertower.channel.example.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.ordertower.api.Address;
import org.ordertower.api.Amounts;
import org.ordertower.api.Buyer;
import org.ordertower.api.ChannelFacts;
import org.ordertower.api.ChannelFacts.ChannelState;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderLine;
import org.ordertower.api.PaymentStatus;
import org.ordertower.channel.example.internal.api.ExampleWire;
import org.ordertower.channel.example.internal.api.dto.ExampleOrderDto;
import org.ordertower.channel.example.internal.api.dto.ExampleOrderDto.Item;
import org.ordertower.channel.example.internal.api.dto.ExampleOrderDto.Receiver;

/**
 * Pure mapping of one Example Mall order onto {@link NormalizedOrder}: order_id, status verbatim, created_at /
 * paid_at / updated_at (epoch ms; updated_at is also the version), currency, total_amount / discount_amount /
 * shipping_fee / paid_amount as goods / discount / shipping / paid, items as lines (line_id, outer_sku else sku_id,
 * price, paid_amount; a zero price is a gift), receiver and buyer_id as buyer and address, buyer_note / seller_note,
 * refund_status REQUESTED as the tag {@code refund-requested}. Any payload it cannot map fully is refused as
 * PERMANENT naming the field.
 */
public final class ExampleOrderMapper {
    private static final String NUMBER = "\\d+(\\.\\d+)?";

    public NormalizedOrder map(String shop, String payload) {
        ExampleOrderDto o = ExampleWire.as(ExampleWire.read(payload, "order payload"), ExampleOrderDto.class, "order");
        String id = require(o.orderId(), "order_id");
        String state = require(o.status(), "status");
        if (!ExampleConstants.STATES.contains(state)) {
            throw ExampleWire.failure("order.status '" + state + "' is not an Example Mall order state", null);
        }
        Instant created = ExampleWire.time(o.createdAt());
        Instant paid = ExampleWire.time(o.paidAt());
        Instant updated = ExampleWire.time(o.updatedAt());
        if (created == null || updated == null) {
            throw ExampleWire.failure("order." + (created == null ? "created_at" : "updated_at") + " is missing", null);
        }
        List<String> tags = "REQUESTED".equals(o.refundStatus()) ? List.of("refund-requested") : List.of();
        NormalizedOrder order = new NormalizedOrder(ExampleConstants.CHANNEL, shop, id, updated.toEpochMilli(), state,
                payment(state, paid), buyer(o), address(o.receiver()), lines(o), amounts(o), created, paid, updated,
                blankToNull(o.buyerNote()), blankToNull(o.sellerNote()), tags,
                new ChannelFacts(stateOf(state), null, null, null));
        List<String> problems = order.problems();
        if (!problems.isEmpty()) {
            throw ExampleWire.failure("order " + id + " is not a valid order: " + String.join("; ", problems), null);
        }
        return order;
    }

    /** A closed order that had been paid was refunded in full; the platform reports no partial refunds here. */
    private static PaymentStatus payment(String state, Instant paid) {
        if (ExampleConstants.WAIT_PAY.equals(state)) {
            return PaymentStatus.UNPAID;
        }
        if (ExampleConstants.CLOSED.equals(state)) {
            return paid != null ? PaymentStatus.REFUNDED : PaymentStatus.UNPAID;
        }
        return PaymentStatus.PAID;
    }

    private static ChannelState stateOf(String state) {
        return switch (state) {
            case ExampleConstants.CLOSED -> ChannelState.CANCELLED;
            case ExampleConstants.SHIPPED -> ChannelState.SHIPPED;
            case ExampleConstants.FINISHED -> ChannelState.COMPLETED;
            default -> ChannelState.OPEN;
        };
    }

    private static Buyer buyer(ExampleOrderDto o) {
        Receiver r = o.receiver();
        return new Buyer(r == null ? null : blankToNull(r.name()), r == null ? null : blankToNull(r.phone()),
                blankToNull(o.buyerId()));
    }

    private static Address address(Receiver r) {
        if (r == null) {
            return null;
        }
        return new Address("CN", blankToNull(r.province()), blankToNull(r.city()), blankToNull(r.district()),
                blankToNull(r.street()), blankToNull(r.detail()), blankToNull(r.postcode()));
    }

    private static Amounts amounts(ExampleOrderDto o) {
        return new Amounts(o.currency() == null ? "CNY" : o.currency(),
                money(require(o.totalAmount(), "total_amount"), "total_amount"),
                money(o.discountAmount(), "discount_amount"), money(o.shippingFee(), "shipping_fee"),
                money(require(o.paidAmount(), "paid_amount"), "paid_amount"));
    }

    private static List<OrderLine> lines(ExampleOrderDto o) {
        if (o.items() == null || o.items().isEmpty()) {
            throw ExampleWire.failure("order.items is missing or empty", null);
        }
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < o.items().size(); i++) {
            Item item = o.items().get(i);
            String at = "items[" + i + "]";
            if (item == null) {
                throw ExampleWire.failure("order." + at + " is null", null);
            }
            String skuId = require(item.skuId(), at + ".sku_id");
            if (item.quantity() == null || item.quantity() < 1) {
                throw ExampleWire.failure("order." + at + ".quantity must be at least 1, was " + item.quantity(), null);
            }
            BigDecimal price = money(require(item.price(), at + ".price"), at + ".price");
            BigDecimal paid = item.paidAmount() == null ? price.multiply(BigDecimal.valueOf(item.quantity()))
                    : money(item.paidAmount(), at + ".paid_amount");
            String lineNo = blankToNull(item.lineId()) != null ? item.lineId() : skuId;
            String sku = blankToNull(item.outerSku()) != null ? item.outerSku() : skuId;
            lines.add(new OrderLine(lineNo, sku, null, item.title(), item.quantity(), price, paid, price.signum() == 0,
                    null));
        }
        return lines;
    }

    private static BigDecimal money(String text, String field) {
        if (text == null || text.isBlank()) {
            return BigDecimal.ZERO;
        }
        if (!text.strip().matches(NUMBER)) {
            throw ExampleWire.failure("order." + field + " must be a non-negative decimal amount, was '" + text + "'",
                    null);
        }
        return new BigDecimal(text.strip());
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ExampleWire.failure("order." + field + " is missing", null);
        }
        return value;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}

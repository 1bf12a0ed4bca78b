package org.ordertower.sim.kit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One order inside a simulator, in platform-neutral terms; each platform's simulator renders it in
 * its own shapes and status codes. Mutated only under the {@link SimOrderBook}'s lock; readers get
 * {@link #copy() copies}.
 */
public final class SimOrder {
    /** Platform-neutral order status. */
    public enum Status {
        UNPAID, PAID, PARTLY_SHIPPED, SHIPPED, DELIVERED, CANCELLED
    }

    /**
     * Platform-neutral refund status of a line: REQUESTED (the buyer asked), RETURNING (after shipping: the buyer
     * sent the goods back, the seller is to confirm they arrived), REFUSED (the seller refused), REFUNDED, CLOSED.
     */
    public enum Refund {
        NONE, REQUESTED, RETURNING, REFUSED, REFUNDED, CLOSED
    }

    /** One line. */
    public static final class Line {
        public String lineId;
        public FakeData.Listing listing;
        public int quantity;
        public BigDecimal price;
        /** What the buyer paid for the line after its share of discounts. */
        public BigDecimal paid;
        public Refund refund = Refund.NONE;
        /** The platform's refund id once the buyer asked for one, else null. */
        public String refundId;
        /** When the refund last changed (platforms version refunds by it), else null. */
        public Instant refundModified;
        public String trackingNo;
        public String carrierCode;
        /** When the tracking number was recorded, else null. */
        public Instant shippedAt;

        Line copy() {
            Line l = new Line();
            l.lineId = lineId;
            l.listing = listing;
            l.quantity = quantity;
            l.price = price;
            l.paid = paid;
            l.refund = refund;
            l.refundId = refundId;
            l.refundModified = refundModified;
            l.trackingNo = trackingNo;
            l.carrierCode = carrierCode;
            l.shippedAt = shippedAt;
            return l;
        }
    }

    public String orderId;
    public String shopId;
    public String buyerId;
    public String buyerNick;
    public String receiverName;
    public String receiverPhone;
    /** province, city, district, street, detail, postcode */
    public String[] address;
    public List<Line> lines = new ArrayList<>();
    public BigDecimal discount = BigDecimal.ZERO;
    public BigDecimal shipping = BigDecimal.ZERO;
    public Status status = Status.UNPAID;
    public boolean presale;
    /** True for an order placed during a live stream. */
    public boolean live;
    public String buyerNote;
    public String sellerMemo;
    public Instant created;
    public Instant paidAt;
    public Instant modified;
    /** Bumped on every change. */
    public long version;
    /** Set when the address was edited after payment. */
    public boolean addressEdited;
    /** The anomaly the book put into this order on purpose ({@link SimOrderBook.Anomaly}), null for a clean order. */
    public SimOrderBook.Anomaly anomaly;

    /** Sum of the lines' paid amounts plus shipping. */
    public BigDecimal payment() {
        BigDecimal sum = shipping;
        for (Line l : lines) {
            sum = sum.add(l.paid);
        }
        return sum;
    }

    /** Sum of list price times quantity. */
    public BigDecimal goods() {
        BigDecimal sum = BigDecimal.ZERO;
        for (Line l : lines) {
            sum = sum.add(l.price.multiply(BigDecimal.valueOf(l.quantity)));
        }
        return sum;
    }

    public SimOrder copy() {
        SimOrder o = new SimOrder();
        o.orderId = orderId;
        o.shopId = shopId;
        o.buyerId = buyerId;
        o.buyerNick = buyerNick;
        o.receiverName = receiverName;
        o.receiverPhone = receiverPhone;
        o.address = address.clone();
        for (Line l : lines) {
            o.lines.add(l.copy());
        }
        o.discount = discount;
        o.shipping = shipping;
        o.status = status;
        o.presale = presale;
        o.live = live;
        o.buyerNote = buyerNote;
        o.sellerMemo = sellerMemo;
        o.created = created;
        o.paidAt = paidAt;
        o.modified = modified;
        o.version = version;
        o.addressEdited = addressEdited;
        o.anomaly = anomaly;
        return o;
    }
}

package org.ordertower.core.internal.intake;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.ordertower.api.Actor;
import org.ordertower.api.Address;
import org.ordertower.api.Amounts;
import org.ordertower.api.Buyer;
import org.ordertower.api.ChannelFacts;
import org.ordertower.api.IntakeResult;
import org.ordertower.api.Masking;
import org.ordertower.api.IntakeResult.Outcome;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderEvent;
import org.ordertower.api.OrderLine;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.RawPayload;
import org.ordertower.api.RiskLevel;
import org.ordertower.core.internal.Digests;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.db.TaskStore;
import org.ordertower.jdbc.Tx;
import org.ordertower.core.spi.http.OrderJson;

/**
 * Applies one order version inside the caller's transaction: inbox row, then create, update, or
 * ignore as duplicate or stale, with the audit rows and the outbox event of the change. No commit
 * here; the caller commits many of these at once.
 */
public final class OrderIntake {
    private final OrderStore store;
    private final OrderJson json;
    private final TaskStore tasks = new TaskStore();

    public OrderIntake(OrderStore store, OrderJson json) {
        this.store = store;
        this.json = json;
    }

    public IntakeResult apply(Tx tx, NormalizedOrder in, RawPayload raw, Actor actor, Instant now) throws SQLException {
        Optional<Order> existing = store.lockByPlatformId(tx, in.channel(), in.shop(), in.platformOrderId());
        if (existing.isEmpty()) {
            return create(tx, in, raw, actor, now);
        }
        Order old = existing.get();
        long oldVersion = old.content().platformVersion();
        String contentDigest = contentDigest(in);
        String[] sent = store.digests(tx, old.id());
        // the same version: a repeat, unless the platform sent other content under it (see below)
        if (in.platformVersion() == oldVersion && (sent[1] == null || sent[1].equals(contentDigest))) {
            store.inbox(tx, in, raw.source(), raw.contentType(), raw.body(), now, Outcome.DUPLICATE.name(), old.id());
            return new IntakeResult(old.id(), Outcome.DUPLICATE, old.revision());
        }
        if (in.platformVersion() < oldVersion) {
            store.inbox(tx, in, raw.source(), raw.contentType(), raw.body(), now, Outcome.STALE.name(), old.id());
            store.audit(tx, old.id(), now, actor, "stale-version-ignored", "platformVersion", String.valueOf(oldVersion),
                    String.valueOf(in.platformVersion()), "an older platform version arrived after a newer one; kept the newer");
            return new IntakeResult(old.id(), Outcome.STALE, old.revision());
        }
        // The stored lines may be the mapped ones: compare the platform's lines with what it sent before.
        String digest = linesDigest(in.lines());
        boolean linesChanged = sent[0] == null ? !sameLines(old.content().lines(), in.lines()) : !sent[0].equals(digest);
        NormalizedOrder content = withheldKept(old.content(), linesChanged ? in : in.withLines(old.content().lines()));
        List<String[]> diff = diff(old.content(), content);
        int revision = old.revision() + 1;
        Order updated = new Order(old.id(), old.status(), old.riskLevel(), old.receivedAt(), now, revision, content);
        if (!store.update(tx, updated, old.revision(), linesChanged, digest)) {
            throw new SQLException("order " + old.id() + " changed concurrently", "40001");
        }
        store.contentDigest(tx, old.id(), contentDigest);
        store.inbox(tx, in, raw.source(), raw.contentType(), raw.body(), now, Outcome.UPDATED.name(), old.id());
        // Platforms whose clocks count whole seconds give two changes within a second the same version:
        // the same version with other content is taken as the newer one. Pulls repeat the platform's
        // current state, so the order converges on it whatever order such twins arrived in.
        String reason = in.platformVersion() == oldVersion
                ? "platform version " + oldVersion + " again, with other content, via " + raw.source()
                : "platform version " + oldVersion + " -> " + in.platformVersion() + " via " + raw.source();
        if (diff.isEmpty()) {
            store.audit(tx, old.id(), now, actor, "updated", "platformVersion", String.valueOf(oldVersion),
                    String.valueOf(in.platformVersion()), reason + " (no other field changed)");
        }
        for (String[] d : diff) {
            store.audit(tx, old.id(), now, actor, "updated", d[0], d[1], d[2], reason);
        }
        event(tx, updated, OrderEvent.Type.UPDATED, old.status(), now);
        if (linesChanged && old.status() == OrderStatus.RESERVED) {
            // The reservation is for the old lines: give it back; the pipeline maps and reserves again.
            revision++;
            Order ready = new Order(old.id(), OrderStatus.READY, old.riskLevel(), old.receivedAt(), now, revision, content);
            statusChanged(tx, updated, ready, null, actor, "the platform changed the lines after the stock was reserved",
                    now);
            tasks.add(tx, old.id(), TaskStore.RELEASE, DefaultOrderService.reservationOf(old.id()),
                    "the platform changed the lines", now);
            updated = ready;
        }
        revision = cancelledOnPlatform(tx, updated, actor, now);
        return new IntakeResult(old.id(), Outcome.UPDATED, revision);
    }

    /** The keys of these platform orders that the store holds, their rows locked (see {@link OrderStore#lockExisting}). */
    public java.util.Set<String> lockExisting(Tx tx, java.util.Collection<NormalizedOrder> orders) throws SQLException {
        return store.lockExisting(tx, orders);
    }

    /**
     * Creates an order the store does not hold yet: the caller found no row for its platform key in this transaction
     * (or lets the key's unique constraint refuse the insert). Reads nothing, so that its writes can be deferred.
     */
    public IntakeResult create(Tx tx, NormalizedOrder in, RawPayload raw, Actor actor, Instant now) throws SQLException {
        long id = store.nextId(tx);
        Order created = new Order(id, OrderStatus.RECEIVED, RiskLevel.NONE, now, now, 1, in);
        store.insert(tx, created, linesDigest(in.lines()), contentDigest(in));
        store.inbox(tx, in, raw.source(), raw.contentType(), raw.body(), now, Outcome.CREATED.name(), id);
        store.audit(tx, id, now, actor, "received", "status", null, OrderStatus.RECEIVED.name(),
                "platform version " + in.platformVersion() + " via " + raw.source());
        event(tx, created, OrderEvent.Type.CREATED, null, now);
        int revision = cancelledOnPlatform(tx, created, actor, now);
        return new IntakeResult(id, Outcome.CREATED, revision);
    }

    /**
     * Follows a cancellation on the platform (buyer closed it unpaid, refunded in full before shipping,
     * seller or platform closed it): an order not yet shipped is cancelled here too, and stock its
     * reservation holds is given back through a release task in this transaction. An order already
     * shipped stays as it is, with an audit row: its parcel must come back (the return flow).
     *
     * @return the order's revision afterwards
     */
    private int cancelledOnPlatform(Tx tx, Order o, Actor actor, Instant now) throws SQLException {
        NormalizedOrder c = o.content();
        if (c.facts().state() != ChannelFacts.ChannelState.CANCELLED || o.status() == OrderStatus.CANCELLED) {
            return o.revision();
        }
        String why = "cancelled on the platform (" + (c.platformStatus() == null ? "no status" : c.platformStatus()) + ")";
        if (!o.status().canMoveTo(OrderStatus.CANCELLED)) {
            store.audit(tx, o.id(), now, actor, "platform-cancelled", "status", o.status().name(), o.status().name(),
                    why + " after it left the warehouse: a return is expected");
            return o.revision();
        }
        Order cancelled = new Order(o.id(), OrderStatus.CANCELLED, o.riskLevel(), o.receivedAt(), now, o.revision() + 1, c);
        statusChanged(tx, o, cancelled, null, actor, why, now);
        if (DefaultOrderService.releasesStock(o.status(), OrderStatus.CANCELLED)) {
            tasks.add(tx, o.id(), TaskStore.RELEASE, DefaultOrderService.reservationOf(o.id()), why, now);
        }
        return cancelled.revision();
    }

    /** SHA-256 (hex) of everything the platform sent for this version (the record's every component). */
    static String contentDigest(NormalizedOrder in) {
        return Digests.sha256Hex(in.toString());
    }

    /** SHA-256 (hex) of the lines as the platform sent them, money compared by value (20.0 = 20.00). */
    static String linesDigest(List<OrderLine> lines) {
        StringBuilder b = new StringBuilder();
        for (OrderLine l : lines) {
            b.append(l.lineNo()).append('\u0001').append(l.channelSku()).append('\u0001').append(l.masterSku())
                    .append('\u0001').append(l.title()).append('\u0001').append(l.quantity()).append('\u0001')
                    .append(money(l.unitPrice())).append('\u0001').append(money(l.paidAmount())).append('\u0001')
                    .append(l.gift()).append('\u0001').append(l.parentLineNo()).append('\u0002');
        }
        return Digests.sha256Hex(b.toString());
    }


    private static String money(BigDecimal v) {
        return v == null ? "null" : v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }

    /**
     * A person's correction in the caller's transaction: the order written at its next revision (if
     * still at {@code before}'s), an audit row per change {field, old, new}, an UPDATED event.
     */
    public void amended(Tx tx, Order before, Order after, List<String[]> changes, Actor actor, String reason, Instant now)
            throws SQLException {
        boolean linesChanged = !sameLines(before.content().lines(), after.content().lines());
        if (!store.update(tx, after, before.revision(), linesChanged, store.linesDigest(tx, before.id()))) {
            throw new SQLException("order " + before.id() + " changed concurrently", "40001");
        }
        for (String[] c : changes) {
            store.audit(tx, after.id(), now, actor, "amended", c[0], c[1], c[2], reason);
        }
        event(tx, after, OrderEvent.Type.UPDATED, before.status(), now);
    }

    /**
     * A status change in the caller's transaction: state machine already checked by the caller.
     *
     * @param holdReason why the order waits when {@code after} is ON_HOLD (UNPAID, STOCK, MANUAL); else null
     */
    public void statusChanged(Tx tx, Order before, Order after, String holdReason, Actor actor, String reason,
            Instant now) throws SQLException {
        store.updateStatus(tx, after.id(), after.status(), holdReason, after.revision(), now);
        statusRecorded(tx, before, after, actor, reason, now);
    }

    /**
     * {@link #statusChanged} without writing the order's row: the audit row and the events of the change, for a caller
     * that writes the row once after several changes (the pipeline's SCREENED then READY).
     */
    public void statusRecorded(Tx tx, Order before, Order after, Actor actor, String reason, Instant now)
            throws SQLException {
        store.audit(tx, after.id(), now, actor, "status", "status", before.status().name(), after.status().name(), reason);
        event(tx, after, OrderEvent.Type.STATUS_CHANGED, before.status(), now);
        String decision = decision(before.status(), after.status(), actor);
        if (decision != null) {
            String id = UUID.randomUUID().toString();
            store.outbox(tx, id, REVIEW_DECISION, after.id(), after.content().key(), now,
                    json.reviewDecision(id, decision, after, before.status(), actor.name(), reason, now));
        }
    }

    /** The outbox type of a review decision, published on the review decisions topic. */
    public static final String REVIEW_DECISION = "REVIEW_DECISION";

    /**
     * What a person decided when an order leaves review or freezing at their hand: REJECTED when it is cancelled,
     * UNFROZEN when a frozen order goes back to review, APPROVED otherwise; null when it was not such a decision (the
     * rules moving an order, or a person moving one that did not wait for a person).
     */
    static String decision(OrderStatus from, OrderStatus to, Actor actor) {
        if (actor.type() != Actor.Type.USER || (from != OrderStatus.IN_REVIEW && from != OrderStatus.FROZEN)) {
            return null;
        }
        if (to == OrderStatus.CANCELLED) {
            return "REJECTED";
        }
        return from == OrderStatus.FROZEN && to == OrderStatus.IN_REVIEW ? "UNFROZEN" : "APPROVED";
    }

    private void event(Tx tx, Order o, OrderEvent.Type type, OrderStatus previous, Instant now) throws SQLException {
        NormalizedOrder c = o.content();
        OrderEvent e = new OrderEvent(UUID.randomUUID().toString(), type, o.id(), c.channel(), c.shop(),
                c.platformOrderId(), o.status(), previous, o.revision(), now);
        store.outbox(tx, e.eventId(), type.name(), o.id(), c.key(), now, json.event(e));
    }

    /** Field-level differences as {field, old, new}; buyer data masked, the way the audit trail keeps it. */
    /**
     * A platform that stops showing the receiver withholds it (Pinduoduo once the order left 待发货, sent as ""): a
     * newer version without the buyer's name, phone or id, or without the address's street and detail, keeps what was
     * stored of them. A change of address comes with a new detail and is taken.
     */
    static NormalizedOrder withheldKept(NormalizedOrder old, NormalizedOrder in) {
        Buyer was = old.buyer();
        Buyer buyer = in.buyer();
        if (was != null) {
            buyer = buyer == null ? was : new Buyer(buyer.name() != null ? buyer.name() : was.name(),
                    buyer.phone() != null ? buyer.phone() : was.phone(),
                    buyer.platformBuyerId() != null ? buyer.platformBuyerId() : was.platformBuyerId());
        }
        Address address = in.address();
        if (old.address() != null && old.address().detail() != null && (address == null || address.detail() == null)) {
            address = old.address();
        }
        if (java.util.Objects.equals(buyer, in.buyer()) && java.util.Objects.equals(address, in.address())) {
            return in;
        }
        return new NormalizedOrder(in.channel(), in.shop(), in.platformOrderId(), in.platformVersion(), in.platformStatus(),
                in.paymentStatus(), buyer, address, in.lines(), in.amounts(), in.createdAt(), in.paidAt(),
                in.platformChangedAt(), in.buyerNote(), in.sellerNote(), in.tags(), in.facts());
    }

    static List<String[]> diff(NormalizedOrder a, NormalizedOrder b) {
        List<String[]> d = new ArrayList<>();
        cmp(d, "platformStatus", a.platformStatus(), b.platformStatus());
        cmp(d, "paymentStatus", a.paymentStatus(), b.paymentStatus());
        Buyer ba = a.buyer() == null ? new Buyer(null, null, null) : a.buyer();
        Buyer bb = b.buyer() == null ? new Buyer(null, null, null) : b.buyer();
        if (!Objects.equals(ba, bb)) {
            d.add(new String[] { "buyer", str(ba.masked()), str(bb.masked()) });
        }
        if (!Objects.equals(a.address(), b.address())) {
            d.add(new String[] { "address", a.address() == null ? null : a.address().masked().oneLine(),
                    b.address() == null ? null : b.address().masked().oneLine() });
        }
        if (!sameLines(a.lines(), b.lines())) {
            d.add(new String[] { "lines", a.lines().size() + " lines", b.lines().size() + " lines" });
        }
        Amounts ma = a.amounts();
        Amounts mb = b.amounts();
        cmp(d, "amounts.currency", ma.currency(), mb.currency());
        money(d, "amounts.goods", ma.goods(), mb.goods());
        money(d, "amounts.discount", ma.discount(), mb.discount());
        money(d, "amounts.shipping", ma.shipping(), mb.shipping());
        money(d, "amounts.paid", ma.paid(), mb.paid());
        cmp(d, "paidAt", a.paidAt(), b.paidAt());
        cmp(d, "createdAt", a.createdAt(), b.createdAt());
        cmp(d, "buyerNote", a.buyerNote(), b.buyerNote());
        cmp(d, "sellerNote", a.sellerNote(), b.sellerNote());
        cmp(d, "tags", a.tags(), b.tags());
        cmp(d, "channelFacts.state", a.facts().state(), b.facts().state());
        cmp(d, "channelFacts.promisedShipBy", a.facts().promisedShipBy(), b.facts().promisedShipBy());
        cmp(d, "channelFacts.deviceId", Masking.text(a.facts().deviceId()), Masking.text(b.facts().deviceId()));
        cmp(d, "channelFacts.buyerIp", Masking.text(a.facts().buyerIp()), Masking.text(b.facts().buyerIp()));
        cmp(d, "channelFacts.refunds", refunds(a.facts().refunds()), refunds(b.facts().refunds()));
        return d;
    }

    /** Refunds for the audit trail: {@code id STATE [lines]}, or null when there are none. */
    private static String refunds(List<org.ordertower.api.Refund> refunds) {
        return refunds.isEmpty() ? null : String.join("; ", refunds.stream().map(r -> r.refundId() + " " + r.state()
                + (r.lineNos().isEmpty() ? "" : " " + r.lineNos())).toList());
    }

    /** Line equality where 20.0 equals 20.00. */
    public static boolean sameLines(List<OrderLine> a, List<OrderLine> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            OrderLine x = a.get(i);
            OrderLine y = b.get(i);
            if (!Objects.equals(x.lineNo(), y.lineNo()) || !Objects.equals(x.channelSku(), y.channelSku())
                    || !Objects.equals(x.masterSku(), y.masterSku()) || !Objects.equals(x.title(), y.title())
                    || x.quantity() != y.quantity() || x.gift() != y.gift()
                    || !Objects.equals(x.parentLineNo(), y.parentLineNo()) || !sameMoney(x.unitPrice(), y.unitPrice())
                    || !sameMoney(x.paidAmount(), y.paidAmount())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameMoney(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static String str(Buyer b) {
        return b.name() == null && b.phone() == null && b.platformBuyerId() == null ? null
                : b.name() + " " + b.phone() + " (" + b.platformBuyerId() + ")";
    }

    private static void cmp(List<String[]> d, String field, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            d.add(new String[] { field, a == null ? null : a.toString(), b == null ? null : b.toString() });
        }
    }

    private static void money(List<String[]> d, String field, BigDecimal a, BigDecimal b) {
        if (a.compareTo(b) != 0) {
            d.add(new String[] { field, a.toPlainString(), b.toPlainString() });
        }
    }

}

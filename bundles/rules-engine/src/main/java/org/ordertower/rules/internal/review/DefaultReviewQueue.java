package org.ordertower.rules.internal.review;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.ordertower.api.Actor;
import org.ordertower.api.Address;
import org.ordertower.api.AuditEntry;
import org.ordertower.api.Order;
import org.ordertower.api.OrderNotFoundException;
import org.ordertower.api.OrderQuery;
import org.ordertower.api.OrderService;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.rules.ReviewException;
import org.ordertower.api.rules.ReviewItem;
import org.ordertower.api.rules.ReviewQueue;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;

/**
 * The review queue over the core's {@link OrderService}: decisions are its lifecycle transitions
 * (audited with actor and reason); claims are kept here ({@code review_claim}).
 */
public final class DefaultReviewQueue implements ReviewQueue {
    public static final int MAX_LIST = 1000;
    private final OrderService orders;
    private final Database db;
    private final Clock clock;

    public DefaultReviewQueue(OrderService orders, Database db, Clock clock) {
        this.orders = orders;
        this.db = db;
        this.clock = clock;
    }

    @Override
    public List<ReviewItem> list(int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new ReviewException("limit " + limit + " must be between 1 and " + MAX_LIST);
        }
        List<ReviewItem> items = new ArrayList<>();
        for (OrderStatus s : List.of(OrderStatus.IN_REVIEW, OrderStatus.FROZEN)) {
            for (Order o : after(s, null, limit)) {
                items.add(item(o));
            }
        }
        items.sort(Comparator.comparing(ReviewItem::since, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(i -> i.order().id()));
        return items.size() > limit ? List.copyOf(items.subList(0, limit)) : items;
    }

    @Override
    public List<ReviewItem> listAfter(Long afterOrderId, int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new ReviewException("limit " + limit + " must be between 1 and " + MAX_LIST);
        }
        // each status by the order search's keyset (id > after, oldest first), then merged by id
        List<Order> waiting = new ArrayList<>();
        for (OrderStatus s : List.of(OrderStatus.IN_REVIEW, OrderStatus.FROZEN)) {
            waiting.addAll(after(s, afterOrderId, limit));
        }
        waiting.sort(Comparator.comparingLong(Order::id));
        List<ReviewItem> items = new ArrayList<>();
        for (Order o : waiting.subList(0, Math.min(limit, waiting.size()))) {
            items.add(item(o));
        }
        return items;
    }

    /**
     * The first orders in one status with an id above {@code after} (null: the oldest), by id, read in search pages
     * chained by id.
     */
    private List<Order> after(OrderStatus s, Long after, int limit) {
        List<Order> out = new ArrayList<>();
        Long from = after;
        while (out.size() < limit) {
            int size = Math.min(limit - out.size(), OrderQuery.MAX_SIZE);
            List<Order> chunk = orders.search(new OrderQuery(s, null, null, 1, size, true, from)).items();
            out.addAll(chunk);
            if (chunk.size() < size) {
                break;
            }
            from = chunk.get(chunk.size() - 1).id();
        }
        return out;
    }

    private ReviewItem item(Order o) {
        List<AuditEntry> t = orders.timeline(o.id());
        String reason = null;
        Instant since = null;
        for (int i = t.size() - 1; i >= 0; i--) {
            AuditEntry e = t.get(i);
            if ("status".equals(e.action()) && o.status().name().equals(e.newValue())) {
                reason = e.reason();
                since = e.at();
                break;
            }
        }
        Claim c = claimOf(o.id());
        return new ReviewItem(o, reason, since, c == null ? null : c.by, c == null ? null : c.at);
    }

    @Override
    public ReviewItem claim(long orderId, Actor who) {
        Order o = waiting(orderId);
        Claim c = claimOf(orderId);
        if (c != null && !c.by.equals(who.name())) {
            throw new ReviewException("order " + orderId + " is claimed by " + c.by + " since " + c.at);
        }
        if (c == null) {
            write(tx -> {
                PreparedStatement ps = tx.prepare("INSERT INTO review_claim (order_id, claimed_by, claimed_at) VALUES (?, ?, ?)");
                ps.setLong(1, orderId);
                ps.setString(2, who.name());
                ps.setObject(3, clock.instant().atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
            });
        }
        return item(o);
    }

    @Override
    public Order approve(long orderId, Actor who, String reason) {
        return decide(orderId, who, reason, OrderStatus.READY, OrderStatus.IN_REVIEW);
    }

    @Override
    public Order editAndApprove(long orderId, Actor who, String reason, Address address, Map<String, String> lineSkus) {
        check(orderId, who, reason, OrderStatus.IN_REVIEW);
        orders.amend(orderId, address, lineSkus, who, reason.strip());
        return decide(orderId, who, reason, OrderStatus.READY, OrderStatus.IN_REVIEW);
    }

    @Override
    public Order reject(long orderId, Actor who, String reason) {
        return decide(orderId, who, reason, OrderStatus.CANCELLED, OrderStatus.IN_REVIEW, OrderStatus.FROZEN);
    }

    @Override
    public Order unfreeze(long orderId, Actor who, boolean supervisor, String reason) {
        if (!supervisor) {
            throw new ReviewException("only a supervisor releases a frozen order; " + who.name() + " is not one");
        }
        return decide(orderId, who, reason, OrderStatus.IN_REVIEW, OrderStatus.FROZEN);
    }

    /** Refuses a decision without a reason, on an order in another status, or claimed by someone else. */
    private void check(long orderId, Actor who, String reason, OrderStatus... from) {
        if (reason == null || reason.isBlank()) {
            throw new ReviewException("a reason is required");
        }
        Order o = waiting(orderId);
        if (!List.of(from).contains(o.status())) {
            throw new ReviewException("order " + orderId + " is " + o.status() + "; this decision needs it " + List.of(from));
        }
        Claim c = claimOf(orderId);
        if (c != null && !c.by.equals(who.name())) {
            throw new ReviewException("order " + orderId + " is claimed by " + c.by + "; only they can decide it now");
        }
    }

    private Order decide(long orderId, Actor who, String reason, OrderStatus to, OrderStatus... from) {
        check(orderId, who, reason, from);
        Order after = orders.transition(orderId, to, who, reason.strip());
        write(tx -> {
            PreparedStatement ps = tx.prepare("DELETE FROM review_claim WHERE order_id = ?");
            ps.setLong(1, orderId);
            ps.executeUpdate();
        });
        return after;
    }

    private Order waiting(long orderId) {
        Order o = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        if (o.status() != OrderStatus.IN_REVIEW && o.status() != OrderStatus.FROZEN) {
            throw new ReviewException("order " + orderId + " is " + o.status() + ", not in the review queue");
        }
        return o;
    }

    private record Claim(String by, Instant at) {
    }

    private Claim claimOf(long orderId) {
        try {
            return db.read(tx -> {
                PreparedStatement ps = tx.prepare("SELECT claimed_by, claimed_at FROM review_claim WHERE order_id = ?");
                ps.setLong(1, orderId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Claim(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()) : null;
                }
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read review claims: " + e.getMessage(), e);
        }
    }

    private interface Work {
        void run(Tx tx) throws SQLException;
    }

    private void write(Work w) {
        try (Tx tx = db.begin()) {
            w.run(tx);
            tx.commitDurably();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot write review claims: " + e.getMessage(), e);
        }
    }
}

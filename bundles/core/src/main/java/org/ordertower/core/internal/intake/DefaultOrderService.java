package org.ordertower.core.internal.intake;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.ordertower.api.Actor;
import org.ordertower.api.Address;
import org.ordertower.api.AuditEntry;
import org.ordertower.api.IllegalTransitionException;
import org.ordertower.api.IntakeResult;
import org.ordertower.api.InvalidOrderException;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderNotFoundException;
import org.ordertower.api.OrderLine;
import org.ordertower.api.OrderQuery;
import org.ordertower.api.OrderService;
import org.ordertower.api.OrderStats;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.Page;
import org.ordertower.api.RawPayload;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.jdbc.Database;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.db.TaskStore;
import org.ordertower.jdbc.Tx;

/** {@link OrderService} on JDBC: intake through the group-commit writer, the rest in short transactions. */
public final class DefaultOrderService implements OrderService {
    /** Hold reason of an order a person put on hold; only a person moves it on. */
    public static final String HOLD_MANUAL = "MANUAL";
    private final Database db;
    private final OrderStore store;
    private final OrderIntake intake;
    private final GroupCommitWriter writer;
    private final Clock clock;
    private final Supplier<Set<String>> knownChannels;
    private final Runnable afterCommit;
    private final TaskStore tasks = new TaskStore();

    public DefaultOrderService(Database db, OrderStore store, OrderIntake intake, GroupCommitWriter writer, Clock clock,
            Supplier<Set<String>> knownChannels, Runnable afterCommit) {
        this.db = db;
        this.store = store;
        this.intake = intake;
        this.writer = writer;
        this.clock = clock;
        this.knownChannels = knownChannels;
        this.afterCommit = afterCommit;
    }

    @Override
    public IntakeResult intake(NormalizedOrder order, RawPayload raw, Actor actor) {
        List<String> problems = order.problems();
        if (!problems.isEmpty()) {
            throw new InvalidOrderException(problems);
        }
        if (!knownChannels().contains(order.channel())) {
            throw new InvalidOrderException(List.of("unknown channel '" + order.channel() + "'; known channels: "
                    + new java.util.TreeSet<>(knownChannels())));
        }
        return writer.submit(order, raw, actor);
    }

    @Override
    public Optional<Order> find(long id) {
        return read(tx -> store.load(tx, id, false));
    }

    @Override
    public Optional<Order> findByPlatformId(String channel, String shop, String platformOrderId) {
        return read(tx -> store.findByPlatformId(tx, channel, shop, platformOrderId));
    }

    @Override
    public Page<Order> search(OrderQuery query) {
        OrderStore.Page p = read(tx -> store.search(tx, query));
        return new Page<>(p.orders(), query.page(), query.size(), p.total());
    }

    @Override
    public List<AuditEntry> timeline(long orderId) {
        return read(tx -> {
            if (!store.exists(tx, orderId)) {
                throw new OrderNotFoundException(orderId);
            }
            return store.timeline(tx, orderId);
        });
    }

    @Override
    public Order transition(long orderId, OrderStatus to, Actor actor, String reason) {
        return write(tx -> {
            Order before = store.load(tx, orderId, true).orElseThrow(() -> new OrderNotFoundException(orderId));
            if (!before.status().canMoveTo(to)) {
                throw new IllegalTransitionException(orderId, before.status(), to);
            }
            Instant now = clock.instant();
            Order after = new Order(before.id(), to, before.riskLevel(), before.receivedAt(), now, before.revision() + 1,
                    before.content());
            intake.statusChanged(tx, before, after, to == OrderStatus.ON_HOLD ? HOLD_MANUAL : null, actor, reason, now);
            if (releasesStock(before.status(), to)) {
                tasks.add(tx, orderId, TaskStore.RELEASE, reservationOf(orderId),
                        before.status() + " -> " + to + " by " + actor.name(), now);
            }
            return after;
        });
    }

    @Override
    public Order amend(long orderId, Address address, Map<String, String> lineSkus, Actor actor, String reason) {
        Map<String, String> skus = lineSkus == null ? Map.of() : lineSkus;
        if (address == null && skus.isEmpty()) {
            throw new InvalidOrderException(List.of("nothing to amend: give an address or the master SKU of a line"));
        }
        return write(tx -> {
            Order before = store.load(tx, orderId, true).orElseThrow(() -> new OrderNotFoundException(orderId));
            if (before.status() != OrderStatus.IN_REVIEW) {
                throw new InvalidOrderException(List.of("order " + orderId + " is " + before.status()
                        + "; only an order IN_REVIEW is amended"));
            }
            List<String> problems = new ArrayList<>();
            Set<String> lineNos = new HashSet<>();
            before.content().lines().forEach(l -> lineNos.add(l.lineNo()));
            new TreeMap<>(skus).forEach((no, sku) -> {
                if (!lineNos.contains(no)) {
                    problems.add("order " + orderId + " has no line '" + no + "'");
                } else if (sku == null || sku.isBlank()) {
                    problems.add("line " + no + ": a master SKU is required");
                }
            });
            if (!problems.isEmpty()) {
                throw new InvalidOrderException(problems);
            }
            List<String[]> changes = new ArrayList<>();
            List<OrderLine> lines = new ArrayList<>();
            for (OrderLine l : before.content().lines()) {
                String sku = skus.get(l.lineNo());
                if (sku == null) {
                    lines.add(l);
                } else {
                    changes.add(new String[] { "line " + l.lineNo() + " masterSku", l.masterSku(), sku.strip() });
                    lines.add(new OrderLine(l.lineNo(), l.channelSku(), sku.strip(), l.title(), l.quantity(), l.unitPrice(),
                            l.paidAmount(), l.gift(), l.parentLineNo()));
                }
            }
            NormalizedOrder c = before.content().withLines(lines);
            if (address != null) {
                changes.add(new String[] { "address", c.address() == null ? null : c.address().masked().oneLine(),
                        address.masked().oneLine() });
                c = new NormalizedOrder(c.channel(), c.shop(), c.platformOrderId(), c.platformVersion(), c.platformStatus(),
                        c.paymentStatus(), c.buyer(), address, c.lines(), c.amounts(), c.createdAt(), c.paidAt(),
                        c.platformChangedAt(), c.buyerNote(), c.sellerNote(), c.tags());
            }
            Instant now = clock.instant();
            Order after = new Order(orderId, before.status(), before.riskLevel(), before.receivedAt(), now,
                    before.revision() + 1, c);
            intake.amended(tx, before, after, changes, actor, reason, now);
            return after;
        });
    }

    @Override
    public void audit(long orderId, Actor actor, String action, String field, String reason) {
        java.util.Objects.requireNonNull(actor, "actor");
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("an audit row needs an action");
        }
        try (Tx tx = db.begin()) {
            try {
                if (!store.exists(tx, orderId)) {
                    throw new OrderNotFoundException(orderId);
                }
                store.audit(tx, orderId, clock.instant(), actor, action, field, null, null, reason);
                tx.commitDurably();
            } catch (RuntimeException | SQLException e) {
                tx.rollbackQuietly();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the database is not available: " + e.getMessage(), e);
        }
    }

    /** Runs a change in one durable transaction (rolled back on any failure), then tells the listeners. */
    private Order write(Database.Work<Order> work) {
        Order after;
        try (Tx tx = db.begin()) {
            try {
                after = work.run(tx);
                tx.commitDurably();
            } catch (RuntimeException | SQLException e) {
                tx.rollbackQuietly();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the database is not available: " + e.getMessage(), e);
        }
        afterCommit.run();
        return after;
    }

    /**
     * True when leaving {@code from} for {@code to} must give the order's stock back: it held stock
     * (RESERVED, ROUTED) and no longer does. Shipping consumes the stock instead.
     */
    static boolean releasesStock(OrderStatus from, OrderStatus to) {
        return holdsStock(from) && !holdsStock(to) && to != OrderStatus.SHIPPED;
    }

    /** True for the statuses in which an order's reservation holds its stock. */
    public static boolean holdsStock(OrderStatus s) {
        return s == OrderStatus.RESERVED || s == OrderStatus.ROUTED;
    }

    /** The reservation reference of an order, the inventory's idempotency key. */
    public static String reservationOf(long orderId) {
        return "order-" + orderId;
    }

    @Override
    public Set<String> knownChannels() {
        return knownChannels.get();
    }

    @Override
    public OrderStats stats() {
        Instant now = clock.instant();
        Cached<OrderStats> c = statsCache;
        if (c != null && now.isBefore(c.at().plus(STATS_FRESH))) {
            return c.value(); // every caller within half a second (the live feed, REST, metrics) shares one read
        }
        OrderStats s = read(tx -> {
            Cached<OrderStatsQuery.History> h = historyCache;
            if (h == null || !now.isBefore(h.at().plus(HISTORY_FRESH))) {
                h = new Cached<>(now, OrderStatsQuery.history(tx, now));
                historyCache = h;
            }
            return OrderStatsQuery.combine(now, OrderStatsQuery.counts(tx), h.value());
        });
        statsCache = new Cached<>(now, s);
        return s;
    }

    /** A read kept for a moment. */
    private record Cached<T>(Instant at, T value) {
    }

    /** How long the figures are shared between callers. */
    static final java.time.Duration STATS_FRESH = java.time.Duration.ofMillis(500);
    /** How long a flow of the same window is shared between callers (dashboards ask every few seconds). */
    static final java.time.Duration FLOW_FRESH = java.time.Duration.ofSeconds(5);
    private volatile Cached<OrderStats> statsCache;
    /**
     * How long the audit trail's figures (orders that needed a person, shipped, created-to-shipped) are kept: they
     * change slowly and cost most to read; the counts per status are read each time.
     */
    static final java.time.Duration HISTORY_FRESH = java.time.Duration.ofSeconds(15);
    private volatile Cached<OrderStatsQuery.History> historyCache;
    private final Shared<org.ordertower.api.OrderFlow> flows = new Shared<>(FLOW_FRESH);

    @Override
    public org.ordertower.api.OrderFlow flow(Instant from, Instant to, java.time.Duration step) {
        org.ordertower.api.OrderFlow.check(from, to, step);
        return flows.get(from + "/" + to + "/" + step, () -> read(tx -> OrderFlowQuery.run(tx, from, to, step)));
    }

    /** How long the analytics of one window are shared (they read every order of the window). */
    static final java.time.Duration ANALYTICS_FRESH = java.time.Duration.ofSeconds(60);
    private final Shared<org.ordertower.api.OrderAnalytics> analytics = new Shared<>(ANALYTICS_FRESH);

    @Override
    public org.ordertower.api.OrderAnalytics analytics(Instant from, Instant to, int pairs) {
        org.ordertower.api.OrderAnalytics.check(from, to, pairs);
        return analytics.get(from + "/" + to + "/" + pairs, () -> read(tx -> OrderAnalyticsQuery.run(tx, from, to, pairs)));
    }

    /** Answers read once and shared by key for {@code fresh}, so that consoles asking every few seconds read once. */
    private final class Shared<T> {
        private final java.time.Duration fresh;
        private final java.util.Map<String, Cached<T>> byKey = new java.util.concurrent.ConcurrentHashMap<>();

        Shared(java.time.Duration fresh) {
            this.fresh = fresh;
        }

        T get(String key, java.util.function.Supplier<T> read) {
            Instant now = clock.instant();
            Cached<T> c = byKey.get(key);
            if (c != null && now.isBefore(c.at().plus(fresh))) {
                return c.value();
            }
            T value = read.get();
            byKey.values().removeIf(old -> !now.isBefore(old.at().plus(fresh)));
            byKey.put(key, new Cached<>(now, value));
            return value;
        }
    }

    private <T> T read(Database.Work<T> work) {
        try {
            return db.read(work);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the database is not available: " + e.getMessage(), e);
        }
    }
}

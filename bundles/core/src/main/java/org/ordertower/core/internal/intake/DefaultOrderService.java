package org.ordertower.core.internal.intake;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.ordertower.api.Actor;
import org.ordertower.api.AuditEntry;
import org.ordertower.api.IllegalTransitionException;
import org.ordertower.api.IntakeResult;
import org.ordertower.api.InvalidOrderException;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderNotFoundException;
import org.ordertower.api.OrderQuery;
import org.ordertower.api.OrderService;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.Page;
import org.ordertower.api.RawPayload;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.core.internal.jdbc.Database;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.db.TaskStore;
import org.ordertower.core.internal.jdbc.Tx;

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
        Order after;
        try (Tx tx = db.begin()) {
            try {
                Order before = store.load(tx, orderId, true).orElseThrow(() -> new OrderNotFoundException(orderId));
                if (!before.status().canMoveTo(to)) {
                    throw new IllegalTransitionException(orderId, before.status(), to);
                }
                Instant now = clock.instant();
                after = new Order(before.id(), to, before.riskLevel(), before.receivedAt(), now, before.revision() + 1,
                        before.content());
                intake.statusChanged(tx, before, after, to == OrderStatus.ON_HOLD ? HOLD_MANUAL : null, actor, reason,
                        now);
                if (releasesStock(before.status(), to)) {
                    tasks.add(tx, orderId, TaskStore.RELEASE, reservationOf(orderId),
                            before.status() + " -> " + to + " by " + actor.name(), now);
                }
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

    private <T> T read(Database.Work<T> work) {
        try {
            return db.read(work);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the database is not available: " + e.getMessage(), e);
        }
    }
}

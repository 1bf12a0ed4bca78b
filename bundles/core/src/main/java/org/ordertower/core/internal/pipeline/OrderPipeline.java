package org.ordertower.core.internal.pipeline;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.ordertower.api.Actor;
import org.ordertower.api.Order;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.inventory.Allocation;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.ReservationRequest;
import org.ordertower.api.inventory.ReservationResult;
import org.ordertower.api.rules.RiskDecision;
import org.ordertower.api.rules.ScreeningService;
import org.ordertower.core.spi.WarehousePreference;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.db.TaskStore;
import org.ordertower.core.internal.intake.DefaultOrderService;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.PassWorker;
import org.ordertower.jdbc.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves orders from intake to a stock reservation, and gives stock back when an order lets go of it.
 * One worker thread; each pass, in this order:
 * <ol>
 * <li>release tasks ({@code order_task}, written with the cancel that caused them) are done;</li>
 * <li>RECEIVED orders are mapped through the catalog and screened by the rules engine
 * ({@link Screening}): unmapped SKUs, refused gifts and rules at level REVIEW go to IN_REVIEW, level
 * FREEZE to FROZEN (each hit in the audit trail with its evidence, fixes applied: tags, a completed
 * address, lines taken off such as a refused gift when the rule pack says so), unpaid orders to
 * ON_HOLD (UNPAID), paid ones to READY;</li>
 * <li>ON_HOLD (UNPAID) orders the platform now reports paid go to READY;</li>
 * <li>READY orders are reserved: RESERVED, or ON_HOLD (STOCK) when stock is short; orders on hold for
 * stock are retried every {@code holdRetry} until it arrives.</li>
 * </ol>
 * Every step is a batch of orders in one durable transaction that writes status, audit and outbox
 * together. Each order is changed only if its revision is still the one the decision was made on,
 * so several nodes (or a person acting at the same time) never apply a stale decision; the
 * reservation itself is idempotent on {@code order-<id>}. A stock reservation whose order moved on
 * meanwhile is given back through a release task. Work is woken by every commit and swept every
 * {@code sweep}; without the catalog or the inventory the orders wait where they are.
 */
public final class OrderPipeline implements AutoCloseable {
    public static final String HOLD_UNPAID = "UNPAID";
    public static final String HOLD_STOCK = "STOCK";
    static final Actor ACTOR = new Actor(Actor.Type.SYSTEM, "pipeline");

    /**
     * @param batch most orders (or tasks) per step and transaction
     * @param sweep how often the worker looks for work when no commit wakes it
     * @param holdRetry how often orders on hold for stock are tried again
     * @param reserveWait how long a batch waits for its reservations
     * @param taskRetry first delay after a failed release task (doubles, at most 10 minutes)
     */
    public record Options(int batch, Duration sweep, Duration holdRetry, Duration reserveWait, Duration taskRetry) {
        public static final Options DEFAULTS = new Options(200, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(60), Duration.ofSeconds(5));
    }

    private static final String RECEIVED = "status = 'RECEIVED'";
    private static final String PAID_NOW = "status = 'ON_HOLD' AND hold_reason = '" + HOLD_UNPAID
            + "' AND payment_status = 'PAID'";
    private static final String NO_TASK = " AND NOT EXISTS (SELECT 1 FROM order_task t WHERE t.order_id = orders.id)";
    private static final String READY = "status = 'READY'" + NO_TASK;
    private static final String STOCK_HOLD = "status = 'ON_HOLD' AND hold_reason = '" + HOLD_STOCK + "'" + NO_TASK;

    private final Logger logger = LoggerFactory.getLogger(OrderPipeline.class);
    private final Database db;
    private final OrderStore store;
    private final TaskStore tasks = new TaskStore();
    private final OrderIntake intake;
    private final Clock clock;
    private final Supplier<CatalogService> catalog;
    private final Supplier<InventoryService> inventory;
    private final Supplier<ScreeningService> rules;
    private final Runnable afterCommit;
    private final Options options;
    private final PassWorker worker;
    private Instant nextHoldRetry = Instant.MIN;
    private volatile WarehousePreference preference = WarehousePreference.ANY;
    private boolean waitingLogged;
    private boolean rulesWaitLogged;

    /**
     * @param catalog the catalog service, or null while none is installed
     * @param inventory the inventory service, or null while none is installed
     * @param rules the rules engine, or null while none is installed (new orders wait for it)
     * @param afterCommit called after each commit (wakes the outbox relay)
     */
    public OrderPipeline(Database db, OrderStore store, OrderIntake intake, Clock clock, Supplier<CatalogService> catalog,
            Supplier<InventoryService> inventory, Supplier<ScreeningService> rules, Runnable afterCommit, Options options) {
        this.db = db;
        this.store = store;
        this.intake = intake;
        this.clock = clock;
        this.catalog = catalog;
        this.inventory = inventory;
        this.rules = rules;
        this.afterCommit = afterCommit;
        this.options = options;
        this.worker = new PassWorker("ordertower-pipeline", "Order pipeline", this::runOnce, options.sweep());
    }

    /** Sets how reservations choose warehouses (fulfilment's routing); null for any warehouse. */
    public void warehousePreference(WarehousePreference p) {
        preference = p == null ? WarehousePreference.ANY : p;
    }

    /** Starts the worker thread. */
    public void start() {
        worker.start();
    }

    /** Makes the worker look for work now (after a commit, or when a service came). Never blocks. */
    public void wake() {
        worker.wake();
    }

    /**
     * One pass over all the work there is now, at most one batch per step.
     *
     * @return how many orders and tasks were moved on (0 when there was nothing to do)
     */
    public int runOnce() {
        CatalogService c = catalog.get();
        InventoryService inv = inventory.get();
        if (c == null || inv == null) {
            if (!waitingLogged) {
                logger.info("Order pipeline waits for {}; orders stay where they are until it is installed",
                        c == null && inv == null ? "the catalog and the inventory" : c == null ? "the catalog" : "the inventory");
                waitingLogged = true;
            }
            return inv == null ? 0 : releaseTasks(inv);
        }
        waitingLogged = false;
        int moved = releaseTasks(inv);
        ScreeningService r = rules.get();
        if (r == null) {
            if (!rulesWaitLogged) {
                logger.info("Order pipeline waits for the rules engine; new orders stay RECEIVED until it is installed");
                rulesWaitLogged = true;
            }
        } else {
            rulesWaitLogged = false;
            List<Order> received = read(RECEIVED);
            c.prefetch(received.stream().map(Order::content).toList()); // the catalog's rows for all, in few queries
            moved += write(new Screening(c, r).screen(received), "screening");
        }
        moved += write(Screening.paid(read(PAID_NOW)), "payment");
        Screening mapping = new Screening(c, null);
        Instant now = clock.instant();
        if (!now.isBefore(nextHoldRetry)) {
            nextHoldRetry = now.plus(options.holdRetry());
            moved += reserve(inv, mapping, read(STOCK_HOLD));
        }
        moved += reserve(inv, mapping, read(READY));
        return moved;
    }

    // ---- reservation -------------------------------------------------------------------------

    /**
     * Reserves stock for the orders whose lines are all mapped; the others (the platform changed
     * their lines, or a reviewer approved them after the catalog was fixed) are mapped first.
     */
    private int reserve(InventoryService inv, Screening screening, List<Order> candidates) {
        List<Order> orders = new ArrayList<>(candidates.size());
        List<Order> unmapped = new ArrayList<>();
        List<Plan> unpaid = new ArrayList<>();
        for (Order o : candidates) {
            PaymentStatus pay = o.content().paymentStatus();
            if (pay != PaymentStatus.PAID && o.status() == OrderStatus.READY) {
                // approved by a person, say, before the platform reported payment: never reserved unpaid
                unpaid.add(Plan.move(o, OrderStatus.ON_HOLD, HOLD_UNPAID, "not paid (" + pay + "): waiting for payment"));
            } else {
                (Screening.mapped(o) ? orders : unmapped).add(o);
            }
        }
        int moved = write(unpaid, "payment") + write(screening.remap(unmapped), "re-mapping");
        if (orders.isEmpty()) {
            return moved;
        }
        List<ReservationRequest> requests = new ArrayList<>(orders.size());
        List<String> reasons = new ArrayList<>(orders.size());
        WarehousePreference pref = preference;
        for (Order o : orders) {
            WarehousePreference.Choice choice;
            try {
                choice = pref.of(o);
            } catch (RuntimeException e) {
                logger.warn("Routing could not order the warehouses for order {}; any warehouse will do: {}", o.id(),
                        e.toString());
                choice = WarehousePreference.ANY.of(o);
            }
            reasons.add(choice.reason());
            requests.add(new ReservationRequest(DefaultOrderService.reservationOf(o.id()), o.content().channel(),
                    Screening.items(o), choice.warehouses()));
        }
        List<CompletableFuture<ReservationResult>> futures = inv.reserveAllAsync(requests);
        long deadline = System.nanoTime() + options.reserveWait().toNanos();
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            Order o = orders.get(i);
            Plan p = outcome(o, futures.get(i), deadline, reasons.get(i));
            if (p != null) {
                plans.add(p);
            }
        }
        return moved + write(plans, "reservation");
    }

    /** What a reservation's outcome means for its order; null when nothing changes (or it is retried later). */
    private Plan outcome(Order o, CompletableFuture<ReservationResult> future, long deadline, String routing) {
        boolean held = o.status() == OrderStatus.ON_HOLD;
        try {
            ReservationResult r = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r.held()) {
                String what = "reserved " + allocations(r.allocations()) + (routing == null ? "" : "; warehouses " + routing);
                List<Plan.Step> steps = held
                        ? List.of(new Plan.Step(OrderStatus.READY, null, "stock arrived"),
                                new Plan.Step(OrderStatus.RESERVED, null, what))
                        : List.of(new Plan.Step(OrderStatus.RESERVED, null, what));
                return new Plan(o, null, null, steps, true);
            }
            if (held) {
                return null; // still short; tried again at the next hold retry
            }
            StringBuilder why = new StringBuilder("out of stock:");
            r.shortages().forEach(s -> why.append(' ').append(s.sku()).append(" needs ").append(s.requested())
                    .append(", sellable ").append(s.available()).append(';'));
            why.setLength(why.length() - 1);
            return Plan.move(o, OrderStatus.ON_HOLD, HOLD_STOCK, why.toString());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InventoryException bad) {
                return Plan.move(o, OrderStatus.IN_REVIEW, null, "stock reservation refused: " + bad.getMessage());
            }
            logger.warn("Reservation of order {} failed, retried later: {}", o.id(), String.valueOf(e.getCause()));
            return null;
        } catch (TimeoutException e) {
            logger.warn("Reservation of order {} did not answer within {}; retried later", o.id(), options.reserveWait());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String allocations(List<Allocation> as) {
        StringBuilder b = new StringBuilder();
        for (Allocation a : as) {
            b.append(b.length() == 0 ? "" : ", ").append(a.sku()).append(" x").append(a.quantity()).append(" @")
                    .append(a.warehouse());
        }
        return b.toString();
    }

    // ---- release tasks -----------------------------------------------------------------------

    private int releaseTasks(InventoryService inv) {
        List<TaskStore.Task> due = readTx(tx -> tasks.due(tx, clock.instant(), options.batch()));
        int done = 0;
        for (TaskStore.Task t : due) {
            String result;
            String error = null;
            try {
                List<Allocation> released = inv.release(t.reference(), ACTOR, t.reason());
                result = released.isEmpty() ? "nothing held any more" : allocations(released);
            } catch (InventoryException e) {
                result = "nothing to release: " + e.getMessage();
            } catch (RuntimeException e) {
                result = null;
                error = e.toString();
            }
            if (finish(t, result, error)) {
                done++;
            }
        }
        return done;
    }

    /** Records a release task's end (result) or failure (error) in one transaction. */
    private boolean finish(TaskStore.Task t, String result, String error) {
        Instant now = clock.instant();
        try (Tx tx = db.begin()) {
            try {
                boolean ours;
                if (error == null) {
                    ours = tasks.done(tx, t.id());
                    if (ours) {
                        store.audit(tx, t.orderId(), now, ACTOR, "stock-released", "reservation", t.reference(), result,
                                t.reason());
                    }
                } else {
                    long delay = Math.min(options.taskRetry().toMillis() << Math.min(t.attempts(), 16), 600_000L);
                    tasks.failed(tx, t.id(), error, now.plusMillis(delay));
                    logger.warn("Releasing the stock of order {} failed (attempt {}), retrying in {} ms: {}",
                            t.orderId(), t.attempts() + 1, delay, error);
                    ours = false;
                }
                tx.commitDurably();
                return ours;
            } catch (SQLException | RuntimeException e) {
                tx.rollbackQuietly();
                throw e;
            }
        } catch (SQLException e) {
            logger.warn("Could not record release task {} of order {}: {}", t.id(), t.orderId(), e.getMessage());
            return false;
        }
    }

    // ---- writing decisions -------------------------------------------------------------------

    /**
     * Applies the plans in one durable transaction; when that fails, one by one, so that one bad
     * order cannot hold up the others. An order whose own write fails for a reason other than a
     * passing database trouble goes to review with that reason.
     */
    private int write(List<Plan> plans, String step) {
        if (plans.isEmpty()) {
            return 0;
        }
        try {
            return commit(plans);
        } catch (SQLException | RuntimeException e) {
            if (transientFailure(e)) {
                logger.warn("Order pipeline {} of {} orders failed, retried later: {}", step, plans.size(), e.toString());
                return 0;
            }
            if (plans.size() == 1) {
                Plan p = plans.get(0);
                logger.error("Order pipeline {} failed for order {}; sending it to review", step, p.order().id(), e);
                try {
                    return commit(List.of(p.toReview("pipeline " + step + " failed: " + e)));
                } catch (SQLException | RuntimeException again) {
                    logger.error("Could not send order {} to review either: {}", p.order().id(), again.toString());
                    return 0;
                }
            }
            int moved = 0;
            for (Plan p : plans) {
                moved += write(List.of(p), step);
            }
            return moved;
        }
    }

    private int commit(List<Plan> plans) throws SQLException {
        Instant now = clock.instant();
        int moved = 0;
        try (Tx tx = db.begin()) {
            try {
                java.util.Map<Long, OrderStore.State> states = store.lockStates(tx,
                        plans.stream().map(p -> p.order().id()).toList());
                tx.deferWrites(); // the group's rows go in one batch per kind at the commit
                for (Plan p : plans) {
                    if (apply(tx, p, states.get(p.order().id()), now)) {
                        moved++;
                    }
                }
                tx.commitDurably();
            } catch (SQLException | RuntimeException e) {
                tx.rollbackQuietly();
                throw e;
            }
        }
        afterCommit.run();
        return moved;
    }

    /** Applies one plan if the order (its state locked: null when gone) is still at the revision it was made on. */
    private boolean apply(Tx tx, Plan p, OrderStore.State state, Instant now) throws SQLException {
        Order o = p.order();
        if (state == null || state.revision() != o.revision()) {
            // Another node may have reserved the same order and moved it on: that reservation is its own.
            if (p.reserved() && (state == null || !DefaultOrderService.holdsStock(state.status()))) {
                tasks.add(tx, o.id(), TaskStore.RELEASE, DefaultOrderService.reservationOf(o.id()),
                        "the order changed (" + (state == null ? "gone" : state.status()) + ") while its stock was reserved",
                        now);
            }
            return false;
        }
        if (p.reserved() && p.finalStatus() != OrderStatus.RESERVED) {
            tasks.add(tx, o.id(), TaskStore.RELEASE, DefaultOrderService.reservationOf(o.id()),
                    "reserved, but the order went to " + p.finalStatus(), now);
        }
        if (p.screened() != null) {
            Plan.Screened s = p.screened();
            if (p.steps().isEmpty()) {
                store.screened(tx, o.id(), s.level(), s.tags(), s.address());
            } else {
                store.completedAddress(tx, o.id(), s.address()); // the level and tags go with the status, below
            }
            for (RiskDecision.RuleHit h : s.hits()) {
                store.audit(tx, o.id(), now, Actor.rule(h.rule()), h.shadow() ? "rule-shadow" : "rule", "risk", null,
                        h.finding().level().name(), h.finding().evidence());
            }
            if (s.address() != null) {
                store.audit(tx, o.id(), now, ACTOR, "address-completed", "address", o.content().address() == null ? null
                        : o.content().address().masked().oneLine(), s.address().masked().oneLine(), "completed by a rule");
            }
        }
        if (p.lines() != null) {
            store.replaceLines(tx, o.id(), p.lines());
            store.audit(tx, o.id(), now, ACTOR, "lines-mapped", "lines", o.content().lines().size() + " lines",
                    p.lines().size() + " lines", p.linesNote());
        }
        if (p.steps().isEmpty()) {
            store.updateStatus(tx, o.id(), state.status(), state.holdReason(), o.revision() + 1, now);
        }
        Order cur = o;
        for (Plan.Step s : p.steps()) {
            Order next = new Order(cur.id(), s.to(), cur.riskLevel(), cur.receivedAt(), now, cur.revision() + 1,
                    cur.content());
            intake.statusRecorded(tx, cur, next, ACTOR, s.reason(), now); // audit and events of each step
            cur = next;
        }
        if (!p.steps().isEmpty()) {
            // the row once, as the last step left it (with the screening's level and tags when screened)
            Plan.Step last = p.steps().get(p.steps().size() - 1);
            if (p.screened() != null) {
                store.screenedStatus(tx, o.id(), p.screened().level(), p.screened().tags(), last.to(), last.hold(),
                        cur.revision(), now);
            } else {
                store.updateStatus(tx, o.id(), last.to(), last.hold(), cur.revision(), now);
            }
        }
        return true;
    }

    /** Connection loss, serialization failures, deadlocks, lock time-outs: worth a retry, not a review. */
    static boolean transientFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57")
                        || state.equals("HYT00")) {
                    return true;
                }
            }
            if (t instanceof StoreUnavailableException) {
                return true;
            }
        }
        return false;
    }

    private List<Order> read(String where) {
        return readTx(tx -> store.oldest(tx, where, options.batch()));
    }

    private <T> T readTx(Database.Work<T> work) {
        try {
            return db.read(work);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the order store is not available: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        worker.close();
    }
}

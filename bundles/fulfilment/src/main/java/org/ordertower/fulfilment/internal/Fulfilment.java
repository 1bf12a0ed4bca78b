package org.ordertower.fulfilment.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.ordertower.api.Order;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.fulfilment.FailedCall;
import org.ordertower.api.fulfilment.ParcelView;
import org.ordertower.api.fulfilment.TrackingEvent;
import org.ordertower.api.fulfilment.WmsEvent;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.fulfilment.internal.ParcelStore.Parcel;
import org.ordertower.fulfilment.internal.TaskStore.Task;
import org.ordertower.core.spi.OrderLedger;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.PassWorker;
import org.ordertower.lanes.Lanes;

/**
 * Takes reserved orders to the buyer's door and back. One worker thread makes passes 1, 2 and 4 below; the partner
 * calls of pass 3 run in one Camel route per partner ({@link TaskLanes}: {@code partner-<waybill service>-calls},
 * {@code partner-<wms>-calls}, {@code channel-<marketplace>-calls}, {@code fulfilment-stock-calls},
 * {@code fulfilment-unassigned-calls}), which an admin suspends and resumes with Camel's commands. {@link #runOnce} makes
 * all four at once, for tests and tools:
 * <ol>
 * <li>RESERVED orders are made into parcels ({@link Planner}, {@link Routing}) and go to ROUTED; each parcel gets a
 * WAYBILL task (when a waybill service is configured) that is followed by a WMS_CREATE task;</li>
 * <li>parcels of orders that were cancelled before their parcels left are cancelled, boxes whose receiver changed
 * are made again, and returns the buyer asked for are announced ({@link Cancellations});</li>
 * <li>due tasks are claimed (one node at a time) and run ({@link TaskRunner}, one {@link TaskHandler} per
 * {@link TaskKind}); a failure is retried with exponential back-off, and a task that fails its last attempt, or can
 * never succeed, is kept DEAD for {@code ship:failed} and {@code ship:retry};</li>
 * <li>every {@code watchEvery}, shipped parcels without a tracking event for {@code stuckAfter} are flagged
 * ({@link Watch}).</li>
 * </ol>
 * Warehouse and carrier callbacks ({@link #wmsEvents}, {@link #trackingEvents}, applied by {@link Callbacks}) are
 * applied in one durable transaction each, writing the follow-up calls (write-back to the marketplace, tracking
 * subscription, stock movements) as tasks in the same transaction: a crash at any point loses nothing and repeats
 * nothing that took effect, because each task has a unique key and every partner call is idempotent.
 */
public final class Fulfilment implements AutoCloseable {
    /** How often a busy worker looks for parcels whose order changed (an idle one looks whenever it wakes). */
    static final java.time.Duration CHANGES_EVERY = java.time.Duration.ofSeconds(1);
    private long nextChangesScan = System.nanoTime();

    /**
     * @param waybillService the carrier service that issues waybills ({@code cainiao}), blank: the WMS gets them
     * @param trackingService the service that tracks parcels ({@code kuaidi100}), blank: none
     * @param callbackBaseUrl this node's address as partners reach it, for tracking subscriptions
     * @param returnCentres carrier (standard code) to the warehouse id of its return centre; "*" for any other
     * @param attempts attempts of a call before it is dead
     * @param retryFirst the delay after the first failure (doubles, at most {@code retryMax})
     * @param stuckAfter a shipped parcel with no tracking event for this long is flagged
     * @param claim how long a node holds a task it runs before another may take it
     * @param refunds when a refund whose goods came back is refused rather than agreed
     */
    public record Options(String waybillService, String trackingService, String callbackBaseUrl, String senderName,
            String senderPhone, Map<String, String> returnCentres, int attempts, Duration retryFirst, Duration retryMax,
            Duration stuckAfter, Duration watchEvery, Duration sweep, int batch, Duration claim, Refunds.Policy refunds) {

        /** Options with the default refund policy (refuse when goods are missing, agree when damaged). */
        public Options(String waybillService, String trackingService, String callbackBaseUrl, String senderName,
                String senderPhone, Map<String, String> returnCentres, int attempts, Duration retryFirst,
                Duration retryMax, Duration stuckAfter, Duration watchEvery, Duration sweep, int batch, Duration claim) {
            this(waybillService, trackingService, callbackBaseUrl, senderName, senderPhone, returnCentres, attempts,
                    retryFirst, retryMax, stuckAfter, watchEvery, sweep, batch, claim, Refunds.Policy.DEFAULT);
        }
    }

    private final FulfilmentContext ctx;
    private final Planner planner;
    private final Cancellations cancellations;
    private final Callbacks callbacks;
    private final TaskRunner tasks;
    private final Watch watch;
    private final PassWorker worker;
    private final TaskLanes lanes;
    private volatile Lanes running;
    private Lanes ownLanes;

    /** How often an idle partner lane looks whether a commit woke it (no query unless woken or a sweep is due). */
    static final Duration LANE_POLL = Duration.ofMillis(50);

    public Fulfilment(Database db, OrderLedger ledger, Clock clock, Supplier<InventoryService> inventory,
            Supplier<CatalogService> catalog, Supplier<ChannelService> channels, Partners partners,
            Routing.Settings settings, Options options, Runnable afterCommit) {
        this(db, ledger, clock, inventory, catalog, channels, partners, settings, Routing.Consolidation.IMMEDIATE,
                options, afterCommit);
    }

    public Fulfilment(Database db, OrderLedger ledger, Clock clock, Supplier<InventoryService> inventory,
            Supplier<CatalogService> catalog, Supplier<ChannelService> channels, Partners partners,
            Routing.Settings settings, Routing.Consolidation consolidation, Options options, Runnable afterCommit) {
        this.ctx = new FulfilmentContext(db, ledger, clock, inventory, catalog, channels, partners, settings,
                consolidation, options, afterCommit);
        Contacts contacts = new Contacts(ctx);
        this.planner = new Planner(ctx);
        this.cancellations = new Cancellations(ctx, planner);
        this.callbacks = new Callbacks(ctx);
        TaskHandlers handlers = new TaskHandlers();
        new CarrierCalls(ctx, contacts).register(handlers);
        new WarehouseCalls(ctx, contacts, planner, cancellations).register(handlers);
        new ChannelCalls(ctx).register(handlers);
        new StockCalls(ctx, planner).register(handlers);
        this.tasks = new TaskRunner(ctx, handlers);
        this.watch = new Watch(ctx);
        this.lanes = new TaskLanes(tasks, options.sweep().toMillis(), LANE_POLL);
        ctx.tasks.onPartner(lanes::want);
        this.worker = new PassWorker("ordertower-fulfilment", "Fulfilment", this::passes, options.sweep());
    }

    // ---- the worker and the partner lanes

    /** Starts the worker and the partner lanes in a CamelContext of their own (tests and tools). */
    public synchronized void start() {
        ownLanes = Lanes.standalone("ordertower-fulfilment", 0);
        start(ownLanes);
    }

    /**
     * Starts the worker (routing, cancellations, the watch) and one route per partner lane in {@code lanes}, each on a
     * thread of its own so a slow partner delays only its own calls.
     */
    public synchronized void start(Lanes lanes) {
        List<String> partners = new java.util.ArrayList<>(knownPartners());
        partners.addAll(ctx.read(ctx.tasks::pendingPartners));
        this.lanes.start(lanes, partners);
        running = lanes;
        worker.start();
    }

    /** The partner lanes' route ids, sorted. */
    public List<String> laneRoutes() {
        return lanes.routes();
    }

    /**
     * The partners this node knows now: the configured waybill and tracking services, the installed warehouse systems
     * and marketplaces.
     */
    private List<String> knownPartners() {
        List<String> out = new java.util.ArrayList<>();
        out.add(TaskPartner.partner(ctx.options.waybillService()));
        out.add(TaskPartner.partner(ctx.options.trackingService()));
        ctx.partners.wmsIds().forEach(id -> out.add(TaskPartner.partner(id)));
        ChannelService channels = ctx.channels.get();
        if (channels != null) {
            try {
                channels.platforms().forEach(id -> out.add(TaskPartner.channel(id)));
            } catch (RuntimeException e) {
                // the channels are going away: their lanes come with their next tasks
            }
        }
        out.removeIf(java.util.Objects::isNull);
        return out;
    }

    public void wake() {
        worker.wake();
        lanes.wake();
    }

    /** One pass over all the work there is now, the partner calls included (tests and tools drive it so). */
    public int runOnce() {
        return passes(true) + tasks.runTasks();
    }

    /** The worker's pass: everything but the partner calls, which their lanes make. */
    private int passes() {
        return passes(false);
    }

    /**
     * One pass. The scans for parcels whose order changed (cancelled, readdressed, a return asked for) read every parcel
     * on its way: while the pass keeps routing orders (a peak), they run at most once per {@link #CHANGES_EVERY} unless
     * {@code scan}, and again at once while they find something.
     */
    private int passes(boolean scan) {
        int moved = 0;
        InventoryService inv = ctx.inventory.get();
        if (inv != null) {
            moved += planner.route(inv);
        }
        long now = System.nanoTime();
        if (scan || now - nextChangesScan >= 0) {
            int changed = cancellations.cancelParcels() + cancellations.readdressed() + cancellations.returnsRequested();
            nextChangesScan = changed > 0 ? now : now + CHANGES_EVERY.toNanos();
            moved += changed;
        }
        moved += watch.whenDue();
        if (running != null) {
            lanes.ensureAll(knownPartners()); // a partner installed since
        }
        return moved;
    }

    @Override
    public synchronized void close() {
        worker.close();
        if (running != null) {
            lanes.stop();
            running = null;
        }
        if (ownLanes != null) {
            ownLanes.close();
            ownLanes = null;
        }
    }

    // ---- routing

    /** The warehouses to reserve an order's stock in, in order, and why (for the pipeline). */
    public Routing.Preference preference(Order o) {
        InventoryService inv = ctx.inventory.get();
        if (inv == null) {
            return new Routing.Preference(List.of(), "no inventory");
        }
        return Routing.preference(o.content(), inv.warehouses(), ctx.settings, ctx.consolidation);
    }

    // ---- callbacks

    /** Applies a WMS's events in one durable transaction; repeats are dropped. */
    public void wmsEvents(String wmsId, List<WmsEvent> events) throws SQLException {
        callbacks.wmsEvents(wmsId, events);
        wake();
    }

    /** Applies a tracking service's events in one durable transaction; repeats are dropped. */
    public void trackingEvents(String carrierId, List<TrackingEvent> events) throws SQLException {
        callbacks.trackingEvents(carrierId, events);
        wake();
    }

    // ---- views and consoles

    /** The parcels of an order, oldest first. */
    public List<ParcelView> parcels(long orderId) {
        return parcelsOf(orderId).stream().map(Parcel::view).toList();
    }

    /** Parcels flagged as not moving. */
    public List<ParcelView> stuck(int limit) {
        return ctx.read(tx -> ctx.parcels.stuck(tx, limit)).stream().map(Parcel::view).toList();
    }

    /**
     * Per warehouse, the parcels routed in the window and how they did ({@link WarehouseHealthQuery}); a parcel that left
     * within {@code onTime} of being routed left on time.
     */
    public List<org.ordertower.api.fulfilment.WarehouseHealth> warehouses(java.time.Instant from, java.time.Instant to,
            Duration onTime) {
        WarehouseHealthQuery.check(from, to);
        return ctx.read(tx -> WarehouseHealthQuery.run(tx, from, to, onTime, ctx.inventory.get()));
    }

    /** The most one page of stuck parcels or failed calls holds. */
    public static final int MAX_PAGE = 1000;

    /** One page of the parcels flagged as not moving, by id, above {@code after}. */
    public List<ParcelView> stuckAfter(Long after, int limit) {
        checkPage(limit);
        return ctx.read(tx -> ctx.parcels.stuck(tx, after, limit)).stream().map(Parcel::view).toList();
    }

    /** One page of the calls that failed for good, by id, above {@code after}. */
    public List<FailedCall> failedAfter(Long after, int limit) {
        checkPage(limit);
        return ctx.read(tx -> ctx.tasks.failedCalls(tx, after, limit));
    }

    private static void checkPage(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE + ", was " + limit);
        }
    }

    /** Calls that failed for good. */
    public List<FailedCall> failed(String kind, int limit) {
        List<FailedCall> all = ctx.read(tx -> ctx.tasks.failedCalls(tx, limit));
        return kind == null ? all : all.stream().filter(f -> f.kind().equals(kind)).toList();
    }

    /** Calls made since {@code since} that failed for good, newest first. */
    public List<FailedCall> failedSince(java.time.Instant since, int limit) {
        return ctx.read(tx -> ctx.tasks.failedCallsSince(tx, since, limit));
    }

    /** Puts a failed call back in line with its attempts counted from zero; false when it is not failed. */
    public boolean revive(long id) throws SQLException {
        boolean r = ctx.write(tx -> ctx.tasks.revive(tx, id, ctx.clock.instant()));
        wake();
        return r;
    }

    /** The calls of an order as KIND:STATE:attempts, oldest first (for tests and consoles). */
    public List<String> calls(long orderId) {
        return tasksOf(orderId).stream().map(t -> t.kind() + ":" + t.state() + ":" + t.attempts()).toList();
    }

    /** For the service: the parcels of an order. */
    List<Parcel> parcelsOf(long orderId) {
        return ctx.read(tx -> ctx.parcels.parcelsOf(tx, orderId));
    }

    /** The calls of an order, done or not (tests, consoles). */
    List<Task> tasksOf(long orderId) {
        return ctx.read(tx -> ctx.tasks.tasksOf(tx, orderId));
    }
}

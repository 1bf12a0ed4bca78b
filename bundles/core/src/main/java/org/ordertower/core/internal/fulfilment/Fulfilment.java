package org.ordertower.core.internal.fulfilment;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.ordertower.api.Actor;
import org.ordertower.api.Address;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.RefundResult;
import org.ordertower.api.channel.ReturnOutcome;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.fulfilment.CancelResult;
import org.ordertower.api.fulfilment.CarrierConnector;
import org.ordertower.api.fulfilment.Contact;
import org.ordertower.api.fulfilment.DeliveryAck;
import org.ordertower.api.fulfilment.DeliveryOrder;
import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.ParcelStatus;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.ReceivedLine;
import org.ordertower.api.fulfilment.ReturnOrder;
import org.ordertower.api.fulfilment.ShippedPackage;
import org.ordertower.api.fulfilment.TrackingEvent;
import org.ordertower.api.fulfilment.TrackingState;
import org.ordertower.api.fulfilment.TrackingSubscription;
import org.ordertower.api.fulfilment.Waybill;
import org.ordertower.api.fulfilment.WaybillRequest;
import org.ordertower.api.fulfilment.WmsEvent;
import org.ordertower.api.inventory.Allocation;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.Warehouse;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.fulfilment.FulfilmentStore.Parcel;
import org.ordertower.core.internal.fulfilment.FulfilmentStore.Task;
import org.ordertower.core.internal.intake.DefaultOrderService;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.core.internal.jdbc.Database;
import org.ordertower.core.internal.jdbc.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes reserved orders to the buyer's door and back. One worker thread; each pass:
 * <ol>
 * <li>RESERVED orders are made into parcels ({@link Routing}) and go to ROUTED; each parcel gets a WAYBILL task
 * (when a waybill service is configured) that is followed by a WMS_CREATE task;</li>
 * <li>parcels of orders that were cancelled before their parcels left are cancelled: pending calls dropped,
 * WMS_CANCEL and WAYBILL_CANCEL tasks written;</li>
 * <li>due tasks are claimed (one node at a time) and run; a failure is retried with exponential back-off, and a
 * task that fails its last attempt, or can never succeed, is kept DEAD for {@code ship:failed} and
 * {@code ship:retry};</li>
 * <li>every {@code watchEvery}, shipped parcels without a tracking event for {@code stuckAfter} are flagged.</li>
 * </ol>
 * Warehouse and carrier callbacks ({@link #wmsEvents}, {@link #trackingEvents}) are applied in one durable
 * transaction each, writing the follow-up calls (write-back to the marketplace, tracking subscription, stock
 * movements) as tasks in the same transaction: a crash at any point loses nothing and repeats nothing that took
 * effect, because each task has a unique key and every partner call is idempotent.
 */
public final class Fulfilment implements AutoCloseable {
    static final Actor ACTOR = new Actor(Actor.Type.SYSTEM, "fulfilment");

    static final String WAYBILL = "WAYBILL";
    static final String WMS_CREATE = "WMS_CREATE";
    static final String WMS_CANCEL = "WMS_CANCEL";
    static final String WAYBILL_CANCEL = "WAYBILL_CANCEL";
    static final String SUBSCRIBE = "SUBSCRIBE";
    static final String WRITE_BACK = "WRITE_BACK";
    static final String STOCK_SHIP = "STOCK_SHIP";
    static final String RESTOCK = "RESTOCK";
    static final String RETURN_CREATE = "RETURN_CREATE";
    static final String REFUND = "REFUND";

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

    private final Logger logger = LoggerFactory.getLogger(Fulfilment.class);
    private final Database db;
    private final OrderStore orders;
    private final OrderIntake intake;
    private final FulfilmentStore store = new FulfilmentStore();
    private final Clock clock;
    private final Supplier<InventoryService> inventory;
    private final Supplier<CatalogService> catalog;
    private final Supplier<ChannelService> channels;
    private final Partners partners;
    private final Routing.Settings settings;
    private final Options options;
    private final Runnable afterCommit;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private Thread worker;
    private Instant nextWatch = Instant.MIN;

    public Fulfilment(Database db, OrderStore orders, OrderIntake intake, Clock clock, Supplier<InventoryService> inventory,
            Supplier<CatalogService> catalog, Supplier<ChannelService> channels, Partners partners,
            Routing.Settings settings, Options options, Runnable afterCommit) {
        this.db = db;
        this.orders = orders;
        this.intake = intake;
        this.clock = clock;
        this.inventory = inventory;
        this.catalog = catalog;
        this.channels = channels;
        this.partners = partners;
        this.settings = settings;
        this.options = options;
        this.afterCommit = afterCommit;
    }

    FulfilmentStore store() {
        return store;
    }

    Database database() {
        return db;
    }

    // ---- the worker

    public synchronized void start() {
        if (worker != null) {
            return;
        }
        running = true;
        worker = new Thread(this::loop, "ordertower-fulfilment");
        worker.setDaemon(true);
        worker.start();
    }

    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            int moved = 0;
            try {
                moved = runOnce();
            } catch (RuntimeException e) {
                logger.warn("Fulfilment pass failed, retrying in {}: {}", options.sweep(), e.toString());
            }
            if (moved == 0) {
                synchronized (signal) {
                    if (!woken && running) {
                        try {
                            signal.wait(options.sweep().toMillis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    woken = false;
                }
            }
        }
    }

    /** One pass over the work there is now; returns how much was done. */
    public int runOnce() {
        int moved = 0;
        InventoryService inv = inventory.get();
        if (inv != null) {
            moved += route(inv);
        }
        moved += cancelParcels();
        moved += runTasks();
        Instant now = clock.instant();
        if (!now.isBefore(nextWatch)) {
            nextWatch = now.plus(options.watchEvery());
            moved += watch(now);
        }
        return moved;
    }

    // ---- routing

    /** The warehouses to reserve an order's stock in, in order, and why (for the pipeline). */
    public Routing.Preference preference(Order o) {
        InventoryService inv = inventory.get();
        if (inv == null) {
            return new Routing.Preference(List.of(), "no inventory");
        }
        return Routing.preference(o.content(), inv.warehouses(), settings);
    }

    private int route(InventoryService inv) {
        List<Long> ids = read(tx -> store.toRoute(tx, options.batch()));
        int moved = 0;
        for (long id : ids) {
            try {
                if (routeOne(inv, id)) {
                    moved++;
                }
            } catch (SQLException | RuntimeException e) {
                logger.warn("Routing order {} failed, retried later: {}", id, e.toString());
            }
        }
        return moved;
    }

    private boolean routeOne(InventoryService inv, long id) throws SQLException {
        Order o = read(tx -> orders.load(tx, id, false)).orElse(null);
        if (o == null || o.status() != OrderStatus.RESERVED) {
            return false;
        }
        List<Allocation> held = inv.held(DefaultOrderService.reservationOf(id));
        if (held.isEmpty()) {
            logger.warn("Order {} is RESERVED but its reservation holds nothing; not routed", id);
            return false;
        }
        CatalogService c = catalog.get();
        List<Routing.Planned> planned = Routing.parcels(o.content(), held,
                sku -> c == null ? Optional.empty() : c.sku(sku), settings);
        Instant now = clock.instant();
        return write(tx -> {
            OrderStore.State state = orders.lockState(tx, id).orElse(null);
            if (state == null || state.revision() != o.revision()) {
                return false;
            }
            StringBuilder why = new StringBuilder();
            int n = 0;
            for (Routing.Planned p : planned) {
                n++;
                String code = "P" + id + "-" + n;
                long parcelId = store.insertParcel(tx, code, id, p.warehouse(), p.carrier(), p.coldChain(), p.lines(),
                        p.reason(), now);
                firstCall(tx, code, id, parcelId, now);
                why.append(n == 1 ? "" : "; ").append(code).append(' ').append(p.reason());
            }
            Order next = new Order(o.id(), OrderStatus.ROUTED, o.riskLevel(), o.receivedAt(), now, o.revision() + 1,
                    o.content());
            intake.statusChanged(tx, o, next, null, ACTOR, planned.size() + (planned.size() == 1 ? " parcel: " : " parcels: ")
                    + why, now);
            return true;
        });
    }

    private void firstCall(Tx tx, String code, long orderId, long parcelId, Instant now) throws SQLException {
        if (!options.waybillService().isBlank()) {
            store.addTask(tx, "waybill:" + code, WAYBILL, orderId, parcelId, code, now);
        } else {
            store.addTask(tx, "wms-create:" + code, WMS_CREATE, orderId, parcelId, code, now);
        }
    }

    // ---- cancelling

    private int cancelParcels() {
        List<Long> ids = read(tx -> store.toCancel(tx, options.batch()));
        int moved = 0;
        Instant now = clock.instant();
        for (long id : ids) {
            try {
                moved += write(tx -> {
                    Order o = orders.load(tx, id, true).orElse(null);
                    if (o == null) {
                        return 0;
                    }
                    int n = 0;
                    for (Parcel p : store.parcelsOf(tx, id)) {
                        if (p.status() != ParcelStatus.PLANNED && p.status() != ParcelStatus.SENT) {
                            continue;
                        }
                        store.setStatus(tx, p.id(), ParcelStatus.CANCELLED, now);
                        store.dropPending(tx, p.id(), WAYBILL);
                        boolean creating = store.dropPending(tx, p.id(), WMS_CREATE) == 0;
                        if (p.status() == ParcelStatus.SENT || creating) {
                            store.addTask(tx, "wms-cancel:" + p.code(), WMS_CANCEL, id, p.id(), p.code(), now);
                        }
                        if (p.trackingNo() != null && !options.waybillService().isBlank()) {
                            store.addTask(tx, "waybill-cancel:" + p.code(), WAYBILL_CANCEL, id, p.id(),
                                    p.carrier() + " " + p.trackingNo(), now);
                        }
                        orders.audit(tx, id, now, ACTOR, "parcel-cancelled", "parcel", p.code(), null,
                                "the order went to " + o.status() + " before the parcel left");
                        n++;
                    }
                    return n;
                });
            } catch (SQLException | RuntimeException e) {
                logger.warn("Cancelling the parcels of order {} failed, retried later: {}", id, e.toString());
            }
        }
        return moved;
    }

    // ---- tasks

    private int runTasks() {
        Instant now = clock.instant();
        List<Task> due = read(tx -> store.due(tx, now, options.batch()));
        int done = 0;
        for (Task t : due) {
            boolean mine;
            try {
                mine = write(tx -> store.claim(tx, t, now.plus(options.claim())));
            } catch (SQLException e) {
                continue;
            }
            if (mine && run(t)) {
                done++;
            }
        }
        return done;
    }

    /** Runs one claimed task and records its end; true when it is done. */
    private boolean run(Task t) {
        try {
            TxWork<Boolean> finish = call(t);
            return write(tx -> {
                boolean again = finish.run(tx);
                store.done(tx, t.id(), clock.instant());
                return !again;
            });
        } catch (RuntimeException | SQLException e) {
            fail(t, e);
            return false;
        }
    }

    private void fail(Task t, Exception e) {
        boolean permanent = e instanceof PartnerException p && !p.retryable() && p.kind() != PartnerException.Kind.AUTH
                || e instanceof ChannelException c && c.kind() == ChannelException.Kind.PERMANENT
                || e instanceof IllegalArgumentException || e instanceof InventoryException;
        boolean dead = permanent || t.attempts() + 1 >= options.attempts();
        Duration hint = e instanceof PartnerException p ? p.retryAfter()
                : e instanceof ChannelException c ? c.retryAfter() : null;
        long backoff = Math.min(options.retryFirst().toMillis() << Math.min(t.attempts(), 20), options.retryMax().toMillis());
        long delay = hint == null ? backoff : Math.max(backoff, hint.toMillis());
        Instant now = clock.instant();
        String reason = (e.getMessage() == null ? e.toString() : e.getMessage());
        try {
            write(tx -> {
                store.failed(tx, t.id(), reason, now.plusMillis(delay), dead);
                if (dead) {
                    orders.audit(tx, t.orderId(), now, ACTOR, "call-failed", t.kind(), null, t.payload(),
                            "gave up after " + (t.attempts() + 1) + " attempts: " + reason);
                }
                return null;
            });
        } catch (SQLException again) {
            logger.warn("Could not record the failure of task {}: {}", t.id(), again.getMessage());
        }
        if (dead) {
            logger.warn("{} for order {} failed for good after {} attempts (ship:failed lists it): {}", t.kind(),
                    t.orderId(), t.attempts() + 1, reason);
        } else {
            logger.info("{} for order {} failed (attempt {}), retrying in {} ms: {}", t.kind(), t.orderId(),
                    t.attempts() + 1, delay, reason);
        }
    }

    interface TxWork<T> {
        T run(Tx tx) throws SQLException;
    }

    /**
     * Makes a task's remote call (outside any transaction) and returns what to write when it succeeded; that
     * returns true when the task wants to run again later instead of being done.
     */
    private TxWork<Boolean> call(Task t) throws SQLException {
        Parcel p = t.parcelId() == null ? null : read(tx -> store.parcel(tx, t.parcelId(), false)).orElse(null);
        Order o = read(tx -> orders.load(tx, t.orderId(), false))
                .orElseThrow(() -> new IllegalArgumentException("order " + t.orderId() + " is gone"));
        Instant now = clock.instant();
        switch (t.kind()) {
            case WAYBILL -> {
                requireParcel(p, t);
                if (p.status() != ParcelStatus.PLANNED) {
                    return tx -> false;
                }
                CarrierConnector c = partners.carrier(options.waybillService(), CarrierConnector.Capability.WAYBILL,
                        p.carrier()).orElseThrow(() -> new PartnerException(PartnerException.Kind.TRANSIENT,
                                "no " + options.waybillService() + " account for waybills of " + p.carrier() + " is installed"));
                Waybill w = c.applyWaybill(new WaybillRequest(p.code(), p.carrier(), o.content().channel(),
                        o.content().platformOrderId(), sender(p.warehouse()), receiver(o.content()), p.lines(), 0));
                return tx -> {
                    store.setWaybill(tx, p.id(), w.waybillNo(), w.printData(), now);
                    orders.audit(tx, o.id(), now, ACTOR, "waybill", "tracking", null, w.waybillNo(),
                            p.code() + ": " + p.carrier() + " e-waybill from " + c.carrierId());
                    store.addTask(tx, "wms-create:" + p.code(), WMS_CREATE, o.id(), p.id(), p.code(), now);
                    return false;
                };
            }
            case WMS_CREATE -> {
                requireParcel(p, t);
                if (p.status() == ParcelStatus.CANCELLED) {
                    return tx -> {
                        store.addTask(tx, "wms-cancel:" + p.code(), WMS_CANCEL, o.id(), p.id(), p.code(), now);
                        return false;
                    };
                }
                var wms = partners.wmsFor(p.warehouse()).orElseThrow(() -> new PartnerException(
                        PartnerException.Kind.TRANSIENT, "no warehouse system that runs " + p.warehouse() + " is installed"));
                NormalizedOrder c = o.content();
                DeliveryAck ack = wms.createDelivery(new DeliveryOrder(p.code(), p.warehouse(), c.channel(), c.shop(),
                        c.platformOrderId(), p.carrier(), p.trackingNo(), p.printData(), receiver(c), sender(p.warehouse()),
                        c.createdAt(), c.paidAt(), c.buyerNote(), p.lines()));
                return tx -> {
                    Parcel now2 = store.parcel(tx, p.id(), true).orElseThrow();
                    if (now2.status() == ParcelStatus.PLANNED) {
                        store.setStatus(tx, p.id(), ParcelStatus.SENT, now);
                    } else if (now2.status() == ParcelStatus.CANCELLED) {
                        store.addTask(tx, "wms-cancel:" + p.code(), WMS_CANCEL, o.id(), p.id(), p.code(), now);
                    }
                    orders.audit(tx, o.id(), now, ACTOR, "sent-to-wms", "parcel", p.code(), ack.wmsOrderId(),
                            wms.wmsId() + (ack.repeated() ? " already had it" : " took it") + " for " + p.warehouse());
                    return false;
                };
            }
            case WMS_CANCEL -> {
                requireParcel(p, t);
                var wms = partners.wmsFor(p.warehouse()).orElseThrow(() -> new PartnerException(
                        PartnerException.Kind.TRANSIENT, "no warehouse system that runs " + p.warehouse() + " is installed"));
                CancelResult r = wms.cancelDelivery(p.code(), p.warehouse());
                return tx -> {
                    orders.audit(tx, o.id(), now, ACTOR, "wms-cancel", "parcel", p.code(), r.name(),
                            r == CancelResult.ALREADY_SHIPPED ? "the warehouse had shipped it already: a return is expected"
                                    : "the warehouse will not ship it");
                    return false;
                };
            }
            case WAYBILL_CANCEL -> {
                requireParcel(p, t);
                CarrierConnector c = partners.carrier(options.waybillService(), CarrierConnector.Capability.WAYBILL,
                        p.carrier()).orElseThrow(() -> new PartnerException(PartnerException.Kind.TRANSIENT,
                                "no " + options.waybillService() + " account is installed"));
                c.cancelWaybill(p.carrier(), p.trackingNo());
                return tx -> {
                    orders.audit(tx, o.id(), now, ACTOR, "waybill-cancelled", "tracking", p.trackingNo(), null, p.code());
                    return false;
                };
            }
            case SUBSCRIBE -> {
                String[] f = t.payload().split(" ", 2);
                CarrierConnector c = partners.carrier(options.trackingService(), CarrierConnector.Capability.TRACKING_PUSH,
                        f[0]).orElseThrow(() -> new PartnerException(PartnerException.Kind.TRANSIENT,
                                "no " + options.trackingService() + " account for tracking " + f[0] + " is installed"));
                Address a = o.content().address();
                c.subscribe(new TrackingSubscription(f[0], f[1], o.content().buyer() == null ? null
                        : o.content().buyer().phone(), a == null ? null : a.province() + a.city(),
                        options.callbackBaseUrl() + "/api/v1/carriers/" + c.carrierId() + "/callback"));
                return tx -> {
                    orders.audit(tx, o.id(), now, ACTOR, "tracking-subscribed", "tracking", null, f[1], c.carrierId());
                    return false;
                };
            }
            case WRITE_BACK -> {
                String[] f = t.payload().split(" ", 3);
                List<String> lineNos = f.length > 2 && !f[2].isBlank() ? List.of(f[2].split(",")) : List.of();
                ChannelService ch = channels.get();
                if (ch == null) {
                    throw new ChannelException(ChannelException.Kind.TRANSIENT, "the channel runtime is not installed");
                }
                NormalizedOrder c = o.content();
                ShipResult r = ch.ship(c.channel(), c.shop(), new Shipment(c.platformOrderId(), lineNos, f[0], f[1]));
                return tx -> {
                    orders.audit(tx, o.id(), now, ACTOR, "tracking-written-back", "tracking", null, f[1],
                            c.channel() + " answered " + r + (lineNos.isEmpty() ? "" : " for lines " + lineNos));
                    return false;
                };
            }
            case STOCK_SHIP -> {
                InventoryService inv = requireInventory();
                List<Allocation> shipped = inv.ship(DefaultOrderService.reservationOf(o.id()), t.payload(), ACTOR);
                return tx -> {
                    orders.audit(tx, o.id(), now, ACTOR, "stock-shipped", "reservation", null, shipped.toString(),
                            "left " + t.payload());
                    return false;
                };
            }
            case RESTOCK -> {
                InventoryService inv = requireInventory();
                String[] f = t.payload().split(" ");
                // warehouse sku quantity damaged reference
                inv.returnGoods(f[1], f[0], Integer.parseInt(f[2]), Boolean.parseBoolean(f[3]), f[4], ACTOR);
                return tx -> {
                    orders.audit(tx, o.id(), now, ACTOR, "restocked", "stock", null, f[1] + " x" + f[2],
                            Boolean.parseBoolean(f[3]) ? "damaged: into quarantine at " + f[0] : "back to stock at " + f[0]);
                    return false;
                };
            }
            case RETURN_CREATE -> {
                requireParcel(p, t);
                String centre = t.payload();
                var wms = partners.wmsFor(centre).orElseThrow(() -> new PartnerException(PartnerException.Kind.TRANSIENT,
                        "no warehouse system that runs return centre " + centre + " is installed"));
                NormalizedOrder c = o.content();
                String refundId = Refunds.openFor(c, p.lines()).map(org.ordertower.api.Refund::refundId).orElse(null);
                DeliveryAck ack = wms.createReturn(new ReturnOrder("R" + p.code().substring(1), centre, p.code(),
                        c.channel(), c.platformOrderId(), refundId, p.carrier(), p.trackingNo(), receiver(c),
                        "returned by the carrier", p.lines()));
                return tx -> {
                    orders.audit(tx, o.id(), now, ACTOR, "return-announced", "parcel", p.code(), ack.wmsOrderId(),
                            "return centre " + centre + " (" + p.carrier() + " network)");
                    return false;
                };
            }
            case REFUND -> {
                return reportRefund(o, Refunds.decode(o.content().platformOrderId(), t.payload()), now);
            }
            default -> throw new IllegalArgumentException("unknown task kind " + t.kind());
        }
    }

    /**
     * Tells the marketplace what came back of a refund's goods. A channel that cannot is told nothing: the audit
     * trail says a person settles it on the platform, and the task is done (retrying would not help).
     */
    private TxWork<Boolean> reportRefund(Order o, ReturnOutcome out, Instant now) {
        ChannelService ch = channels.get();
        if (ch == null) {
            throw new ChannelException(ChannelException.Kind.TRANSIENT, "the channel runtime is not installed");
        }
        NormalizedOrder c = o.content();
        String what = out.decision() + (out.reason() == null ? "" : " (" + out.reason() + ")");
        RefundResult r;
        try {
            r = ch.returnReceived(c.channel(), c.shop(), out);
        } catch (UnsupportedOperationException e) {
            return tx -> {
                orders.audit(tx, o.id(), now, ACTOR, "refund-manual", "refund", null, out.refundId(),
                        "refund must be settled on " + c.channel() + " by hand: " + what);
                return false;
            };
        }
        return tx -> {
            orders.refundState(tx, o.id(), out.refundId(), out.decision() == ReturnOutcome.Decision.AGREE
                    ? org.ordertower.api.Refund.State.REFUNDED : org.ordertower.api.Refund.State.REFUSED);
            orders.audit(tx, o.id(), now, ACTOR, "refund-reported", "refund", null, out.refundId(),
                    c.channel() + " answered " + r + " to " + what);
            return false;
        };
    }

    private static void requireParcel(Parcel p, Task t) {
        if (p == null) {
            throw new IllegalArgumentException("parcel " + t.parcelId() + " of task " + t.id() + " is gone");
        }
    }

    private InventoryService requireInventory() {
        InventoryService inv = inventory.get();
        if (inv == null) {
            throw new PartnerException(PartnerException.Kind.TRANSIENT, "the inventory is not installed");
        }
        return inv;
    }

    private Contact sender(String warehouseId) {
        InventoryService inv = inventory.get();
        Warehouse w = inv == null ? null : inv.warehouses().stream().filter(x -> x.id().equals(warehouseId)).findFirst()
                .orElse(null);
        String region = w == null || w.region() == null ? "" : w.region();
        String[] r = region.split("/", 3);
        Address a = new Address("CN", r.length > 0 ? r[0] : "", r.length > 1 ? r[1] : "", r.length > 2 ? r[2] : null,
                null, w == null ? warehouseId : w.name(), null);
        return new Contact(options.senderName(), options.senderPhone(), a, null);
    }

    private static Contact receiver(NormalizedOrder c) {
        Address a = c.address() == null ? new Address(null, null, null, null, null, null, null) : c.address();
        return new Contact(c.buyer() == null ? null : c.buyer().name(), c.buyer() == null ? null : c.buyer().phone(), a,
                null);
    }

    // ---- callbacks

    /** Applies a WMS's events in one durable transaction; repeats are dropped. */
    public void wmsEvents(String wmsId, List<WmsEvent> events) throws SQLException {
        Instant now = clock.instant();
        write(tx -> {
            for (WmsEvent e : events) {
                if (store.firstTime(tx, "wms:" + wmsId, e.eventId(), now)) {
                    apply(tx, wmsId, e, now);
                }
            }
            return null;
        });
        wake();
    }

    private void apply(Tx tx, String wmsId, WmsEvent e, Instant now) throws SQLException {
        Parcel p = store.parcelByCode(tx, e.code().startsWith("R") ? "P" + e.code().substring(1) : e.code(), true)
                .orElse(null);
        if (p == null) {
            logger.warn("{} reported {} for an unknown code {}; ignored", wmsId, e.kind(), e.code());
            return;
        }
        long orderId = p.orderId();
        switch (e.kind()) {
            case SHIPPED, PARTIALLY_SHIPPED -> {
                Order o = orders.load(tx, orderId, true).orElseThrow();
                int parcels = (int) store.parcelsOf(tx, orderId).stream().filter(x -> x.status() != ParcelStatus.CANCELLED)
                        .count();
                for (ShippedPackage pkg : e.packages()) {
                    store.shipped(tx, p.id(), pkg.trackingNo(), pkg.carrierCode(), e.at(), now);
                    List<String> lineNos = Routing.platformLines(o.content(),
                            pkg.lines().isEmpty() ? p.lines() : pkg.lines(),
                            parcels > 1 || e.kind() == WmsEvent.Kind.PARTIALLY_SHIPPED ? 2 : 1);
                    store.addTask(tx, "write-back:" + p.code() + ":" + pkg.trackingNo(), WRITE_BACK, orderId, p.id(),
                            pkg.carrierCode() + " " + pkg.trackingNo() + " " + String.join(",", lineNos), now);
                    if (!options.trackingService().isBlank()) {
                        store.addTask(tx, "subscribe:" + pkg.carrierCode() + ":" + pkg.trackingNo(), SUBSCRIBE, orderId,
                                p.id(), pkg.carrierCode() + " " + pkg.trackingNo(), now);
                    }
                    orders.audit(tx, orderId, now, Actor.channel(wmsId), "shipped", "tracking", null, pkg.trackingNo(),
                            p.code() + " left " + p.warehouse() + " with " + pkg.carrierCode()
                                    + (e.kind() == WmsEvent.Kind.PARTIALLY_SHIPPED ? " (partly; more follows)" : ""));
                }
                if (e.kind() == WmsEvent.Kind.SHIPPED) {
                    shippedFromWarehouse(tx, o, p, now);
                }
            }
            case PROGRESS -> orders.audit(tx, orderId, now, Actor.channel(wmsId), "wms-progress", "parcel", null,
                    e.status(), p.code() + (e.message() == null ? "" : ": " + e.message()));
            case EXCEPTION -> {
                orders.audit(tx, orderId, now, Actor.channel(wmsId), "wms-exception", "parcel", null, e.status(),
                        p.code() + ": " + e.message());
                logger.warn("ALERT {} cannot ship parcel {} of order {}: {}", wmsId, p.code(), orderId, e.message());
            }
            case RETURN_RECEIVED -> {
                for (ReceivedLine l : e.received()) {
                    store.addTask(tx, "restock:" + e.eventId() + ":" + l.sku() + ":" + l.damaged(), RESTOCK, orderId,
                            p.id(), e.warehouse() + " " + l.sku() + " " + l.quantity() + " " + l.damaged() + " return-"
                                    + p.code(), now);
                }
                store.setStatus(tx, p.id(), ParcelStatus.RETURNED, now);
                orders.audit(tx, orderId, now, Actor.channel(wmsId), "return-received", "parcel", null, e.code(),
                        e.received().size() + " lines at " + e.warehouse());
                Order o = orders.load(tx, orderId, true).orElseThrow();
                refundTasks(tx, o, p, e, now);
                if (o.status().canMoveTo(OrderStatus.RETURNED) && store.parcelsOf(tx, orderId).stream()
                        .allMatch(x -> x.status() == ParcelStatus.RETURNED || x.status() == ParcelStatus.CANCELLED)) {
                    move(tx, o, OrderStatus.RETURNED, "every parcel is back at a return centre", now);
                }
            }
            case ENTRY_RECEIVED -> logger.info("{} received entry order {}", wmsId, e.code());
            default -> throw new IllegalStateException(e.kind().name());
        }
    }

    /** One REFUND task per platform refund the returned goods settle (once per refund id, whatever repeats). */
    private void refundTasks(Tx tx, Order o, Parcel p, WmsEvent e, Instant now) throws SQLException {
        NormalizedOrder c = o.content();
        List<ReturnOutcome> outcomes = Refunds.outcomes(c, p.lines(), e.received(), options.refunds());
        for (ReturnOutcome out : outcomes) {
            store.addTask(tx, "refund:" + c.channel() + ":" + c.shop() + ":" + out.refundId(), REFUND, o.id(), p.id(),
                    Refunds.encode(out), now);
        }
        if (outcomes.isEmpty()) {
            orders.audit(tx, o.id(), now, ACTOR, "refund-none", "refund", null, null, p.code() + ": no open refund on "
                    + c.channel() + " covers these goods; nothing to report");
        }
    }

    private void shippedFromWarehouse(Tx tx, Order o, Parcel p, Instant now) throws SQLException {
        List<Parcel> all = store.parcelsOf(tx, o.id());
        boolean warehouseDone = all.stream().filter(x -> x.warehouse().equals(p.warehouse()))
                .filter(x -> x.status() != ParcelStatus.CANCELLED).allMatch(x -> x.id() == p.id() || x.shippedAt() != null);
        if (warehouseDone) {
            store.addTask(tx, "stock-ship:" + o.id() + ":" + p.warehouse(), STOCK_SHIP, o.id(), null, p.warehouse(), now);
        }
        boolean allDone = all.stream().filter(x -> x.status() != ParcelStatus.CANCELLED)
                .allMatch(x -> x.id() == p.id() || x.shippedAt() != null);
        if (allDone && o.status() == OrderStatus.ROUTED) {
            move(tx, o, OrderStatus.SHIPPED, all.size() == 1 ? "the parcel left" : "every parcel left", now);
        }
    }

    private void move(Tx tx, Order o, OrderStatus to, String reason, Instant now) throws SQLException {
        Order next = new Order(o.id(), to, o.riskLevel(), o.receivedAt(), now, o.revision() + 1, o.content());
        intake.statusChanged(tx, o, next, null, ACTOR, reason, now);
    }

    /** Applies a tracking service's events in one durable transaction; repeats are dropped. */
    public void trackingEvents(String carrierId, List<TrackingEvent> events) throws SQLException {
        Instant now = clock.instant();
        write(tx -> {
            for (TrackingEvent e : events) {
                for (Parcel p : store.parcelsByTracking(tx, e.trackingNo())) {
                    if (store.trackingEvent(tx, p.id(), e.state(), e.at(), e.description(), e.location(), now)) {
                        track(tx, carrierId, p, e, now);
                    }
                }
            }
            return null;
        });
        wake();
    }

    private void track(Tx tx, String carrierId, Parcel p, TrackingEvent e, Instant now) throws SQLException {
        store.tracked(tx, p.id(), e.state(), e.at(), now);
        if (p.stuckAt() != null) {
            orders.audit(tx, p.orderId(), now, Actor.channel(carrierId), "parcel-moving", "parcel", null, e.state().name(),
                    p.code() + " moves again");
        }
        switch (e.state()) {
            case DELIVERED -> {
                if (p.status() == ParcelStatus.SHIPPED || p.status() == ParcelStatus.SENT) {
                    store.setStatus(tx, p.id(), ParcelStatus.DELIVERED, now);
                    orders.audit(tx, p.orderId(), now, Actor.channel(carrierId), "delivered", "parcel", null,
                            p.trackingNo(), p.code() + ": " + e.description());
                    Order o = orders.load(tx, p.orderId(), true).orElseThrow();
                    boolean all = store.parcelsOf(tx, p.orderId()).stream().filter(x -> x.status() != ParcelStatus.CANCELLED)
                            .allMatch(x -> x.id() == p.id() || x.status() == ParcelStatus.DELIVERED);
                    if (all && o.status() == OrderStatus.SHIPPED) {
                        move(tx, o, OrderStatus.DELIVERED, "delivered (" + e.description() + ")", now);
                    }
                }
            }
            case REFUSED, RETURNING, RETURNED -> {
                if (p.status() == ParcelStatus.SHIPPED || p.status() == ParcelStatus.DELIVERED) {
                    store.setStatus(tx, p.id(), ParcelStatus.RETURNING, now);
                    String centre = returnCentre(p);
                    store.addTask(tx, "return-create:" + p.code(), RETURN_CREATE, p.orderId(), p.id(), centre, now);
                    orders.audit(tx, p.orderId(), now, Actor.channel(carrierId), "returning", "parcel", null,
                            e.state().name(), p.code() + " goes back to return centre " + centre + ": " + e.description());
                }
            }
            case EXCEPTION -> {
                orders.audit(tx, p.orderId(), now, Actor.channel(carrierId), "parcel-exception", "parcel", null,
                        p.trackingNo(), p.code() + ": " + e.description());
                logger.warn("ALERT parcel {} ({} {}) of order {}: {}", p.code(), p.carrier(), p.trackingNo(), p.orderId(),
                        e.description());
            }
            default -> {
                // collected, in transit, out for delivery: the tracking table has them
            }
        }
    }

    /** The return centre of a parcel: by its carrier's network, else the configured default, else where it left. */
    String returnCentre(Parcel p) {
        String byCarrier = options.returnCentres().get(p.carrier());
        if (byCarrier != null) {
            return byCarrier;
        }
        return options.returnCentres().getOrDefault("*", p.warehouse());
    }

    // ---- parcel watch

    private int watch(Instant now) {
        Instant before = now.minus(options.stuckAfter());
        List<Parcel> quiet = read(tx -> store.notMoving(tx, before, options.batch()));
        int n = 0;
        for (Parcel p : quiet) {
            try {
                write(tx -> {
                    store.flagStuck(tx, p.id(), now);
                    Instant last = p.lastEventAt() != null ? p.lastEventAt() : p.shippedAt();
                    orders.audit(tx, p.orderId(), now, ACTOR, "parcel-stuck", "parcel", null, p.trackingNo(),
                            p.code() + ": no tracking event for " + Duration.between(last, now).toHours()
                                    + " h (last: " + (p.lastState() == null ? "none" : p.lastState()) + ")");
                    return null;
                });
                logger.warn("ALERT parcel {} ({} {}) of order {} has not moved for {}", p.code(), p.carrier(),
                        p.trackingNo(), p.orderId(), options.stuckAfter());
                n++;
            } catch (SQLException e) {
                logger.warn("Could not flag parcel {}: {}", p.code(), e.getMessage());
            }
        }
        return n;
    }

    // ---- helpers

    <T> T read(Database.Work<T> work) {
        try {
            return db.read(work);
        } catch (SQLException e) {
            throw new org.ordertower.api.StoreUnavailableException("the order store is not available: " + e.getMessage(), e);
        }
    }

    <T> T write(TxWork<T> work) throws SQLException {
        T result;
        try (Tx tx = db.begin()) {
            try {
                result = work.run(tx);
                tx.commitDurably();
            } catch (SQLException | RuntimeException e) {
                tx.rollbackQuietly();
                throw e;
            }
        }
        afterCommit.run();
        return result;
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = worker;
            worker = null;
        }
        wake();
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The parcels of an order, oldest first. */
    public List<org.ordertower.api.fulfilment.ParcelView> parcels(long orderId) {
        return parcelsOf(orderId).stream().map(Parcel::view).toList();
    }

    /** Parcels flagged as not moving. */
    public List<org.ordertower.api.fulfilment.ParcelView> stuck(int limit) {
        return read(tx -> store.stuck(tx, limit)).stream().map(Parcel::view).toList();
    }

    /** Calls that failed for good. */
    public List<org.ordertower.api.fulfilment.FailedCall> failed(String kind, int limit) {
        List<org.ordertower.api.fulfilment.FailedCall> all = read(tx -> store.failedCalls(tx, limit));
        return kind == null ? all : all.stream().filter(f -> f.kind().equals(kind)).toList();
    }

    /** Puts a failed call back in line with its attempts counted from zero; false when it is not failed. */
    public boolean revive(long id) throws SQLException {
        boolean r = write(tx -> store.revive(tx, id, clock.instant()));
        wake();
        return r;
    }

    /** The calls of an order as KIND:STATE:attempts, oldest first (for tests and consoles). */
    public List<String> calls(long orderId) {
        return tasksOf(orderId).stream().map(t -> t.kind() + ":" + t.state() + ":" + t.attempts()).toList();
    }

    /** For the service: the parcels of an order. */
    List<Parcel> parcelsOf(long orderId) {
        return read(tx -> store.parcelsOf(tx, orderId));
    }

    /** The calls of an order, done or not (tests, consoles). */
    List<Task> tasksOf(long orderId) {
        return read(tx -> store.tasksOf(tx, orderId));
    }
}

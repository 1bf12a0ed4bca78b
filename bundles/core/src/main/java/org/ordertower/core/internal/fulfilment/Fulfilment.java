package org.ordertower.core.internal.fulfilment;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
import org.ordertower.core.internal.Digests;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.fulfilment.FulfilmentStore.Parcel;
import org.ordertower.core.internal.fulfilment.FulfilmentStore.Task;
import org.ordertower.core.internal.intake.DefaultOrderService;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.PassWorker;
import org.ordertower.jdbc.Tx;
import org.ordertower.core.internal.json.OrderJson;
import org.ordertower.core.internal.outbox.Alerts;
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
    /** The mark on a WMS cancel made because the receiver changed: the box's orders are all planned again. */
    static final String READDRESS = "readdress";
    static final String TRANSFER_OUT = "TRANSFER_OUT";
    static final String TRANSFER_IN = "TRANSFER_IN";
    static final String TRANSFER_STOCK = "TRANSFER_STOCK";
    static final String TRANSFER_CANCEL = "TRANSFER_CANCEL";

    /** Transfer dates are the merchant's calendar days. */
    static final java.time.ZoneId MERCHANT_ZONE = java.time.ZoneId.of("Asia/Shanghai");
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
    private final Alerts alerts;
    private final Clock clock;
    private final Supplier<InventoryService> inventory;
    private final Supplier<CatalogService> catalog;
    private final Supplier<ChannelService> channels;
    private final Partners partners;
    private final Routing.Settings settings;
    private final Routing.Consolidation consolidation;
    private final Options options;
    private final Runnable afterCommit;
    private final PassWorker worker;
    private Instant nextWatch = Instant.MIN;

    public Fulfilment(Database db, OrderStore orders, OrderIntake intake, Clock clock, Supplier<InventoryService> inventory,
            Supplier<CatalogService> catalog, Supplier<ChannelService> channels, Partners partners,
            Routing.Settings settings, Options options, Runnable afterCommit) {
        this(db, orders, intake, clock, inventory, catalog, channels, partners, settings, Routing.Consolidation.IMMEDIATE,
                options, afterCommit);
    }

    public Fulfilment(Database db, OrderStore orders, OrderIntake intake, Clock clock, Supplier<InventoryService> inventory,
            Supplier<CatalogService> catalog, Supplier<ChannelService> channels, Partners partners,
            Routing.Settings settings, Routing.Consolidation consolidation, Options options, Runnable afterCommit) {
        this.consolidation = consolidation;
        this.db = db;
        this.orders = orders;
        this.alerts = new Alerts(orders, new OrderJson());
        this.intake = intake;
        this.clock = clock;
        this.inventory = inventory;
        this.catalog = catalog;
        this.channels = channels;
        this.partners = partners;
        this.settings = settings;
        this.options = options;
        this.afterCommit = afterCommit;
        this.worker = new PassWorker("ordertower-fulfilment", "Fulfilment", this::runOnce, options.sweep());
    }

    FulfilmentStore store() {
        return store;
    }

    Database database() {
        return db;
    }

    // ---- the worker

    public void start() {
        worker.start();
    }

    public void wake() {
        worker.wake();
    }

    /** One pass over the work there is now; returns how much was done. */
    public int runOnce() {
        int moved = 0;
        InventoryService inv = inventory.get();
        if (inv != null) {
            moved += route(inv);
        }
        moved += cancelParcels();
        moved += readdressed();
        moved += returnsRequested();
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
        return Routing.preference(o.content(), inv.warehouses(), settings, consolidation);
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
        Instant now = clock.instant();
        List<Routing.Planned> planned = Routing.parcels(o.content(), held,
                sku -> c == null ? Optional.empty() : c.sku(sku), settings, consolidation, inv.warehouses(),
                java.time.LocalDate.ofInstant(now, MERCHANT_ZONE));
        return write(tx -> {
            OrderStore.State state = orders.lockState(tx, id).orElse(null);
            if (state == null || state.revision() != o.revision()) {
                return false;
            }
            StringBuilder why = new StringBuilder();
            int n = store.parcelsOf(tx, id).size();
            int first = n;
            for (Routing.Planned p : planned) {
                n++;
                String code = "P" + id + "-" + n;
                String placed = place(tx, o, code, p, now);
                why.append(n == first + 1 ? "" : "; ").append(code).append(' ').append(placed);
            }
            Order next = new Order(o.id(), OrderStatus.ROUTED, o.riskLevel(), o.receivedAt(), now, o.revision() + 1,
                    o.content());
            intake.statusChanged(tx, o, next, null, ACTOR, planned.size() + (planned.size() == 1 ? " parcel: " : " parcels: ")
                    + why, now);
            return true;
        });
    }

    /**
     * Makes one planned parcel of an order: waiting for its transfers, joining the box of an earlier parcel of the
     * same buyer and address, or on its own (held for {@code mergeHold} when another may still join it). Returns
     * the reason for the order's audit trail.
     */
    private String place(Tx tx, Order o, String code, Routing.Planned p, Instant now) throws SQLException {
        long id = o.id();
        if (!p.transfers().isEmpty()) {
            long parcelId = store.insertParcel(tx, code, id, p.warehouse(), p.carrier(), p.coldChain(), p.lines(),
                    p.reason(), null, null, now);
            int k = 0;
            for (Routing.Transfer t : p.transfers()) {
                String tcode = "T" + code.substring(1) + "-" + (++k);
                store.insertTransfer(tx, tcode, parcelId, id, t.from(), t.to(), t.lines(), t.km(), t.expected(), now);
                store.addTask(tx, "transfer-out:" + tcode, TRANSFER_OUT, id, parcelId, tcode, now);
                store.addTask(tx, "transfer-in:" + tcode, TRANSFER_IN, id, parcelId, tcode, now);
                orders.audit(tx, id, now, ACTOR, "transfer-planned", "parcel", null, tcode, code + " waits for the "
                        + t.describe());
            }
            return p.reason();
        }
        String noMerge = Routing.noMerge(o.content(), p, consolidation);
        String key = noMerge == null ? Routing.mergeKey(o.content()) : null;
        if (key != null) {
            Parcel lead = store.mergeLead(tx, key, p.warehouse(), p.carrier(), id, now.minus(consolidation.mergeWindow()))
                    .orElse(null);
            if (lead != null) {
                String why = p.reason() + "; merged into " + lead.code() + " (order " + lead.orderId()
                        + "): same buyer and address, one box, one waybill";
                store.insertParcel(tx, code, id, p.warehouse(), p.carrier(), p.coldChain(), p.lines(), why, key, lead.id(),
                        now);
                orders.audit(tx, id, now, ACTOR, "merged", "parcel", code, lead.code(), code + " ships in the box of "
                        + lead.code() + " of order " + lead.orderId() + ": same buyer and address, from " + p.warehouse()
                        + " with " + p.carrier());
                orders.audit(tx, lead.orderId(), now, ACTOR, "merged", "parcel", lead.code(), lead.code(), code
                        + " of order " + id + " joins " + lead.code() + ": same buyer and address, one box, one waybill");
                return why;
            }
        }
        String why = noMerge != null && consolidation.merge() ? p.reason() + " (never merged: " + noMerge + ")" : p.reason();
        long parcelId = store.insertParcel(tx, code, id, p.warehouse(), p.carrier(), p.coldChain(), p.lines(), why, key,
                null, now);
        firstCall(tx, code, id, parcelId, now, key == null ? now : now.plus(consolidation.mergeHold()));
        return why;
    }

    private void firstCall(Tx tx, String code, long orderId, long parcelId, Instant now, Instant due) throws SQLException {
        if (!options.waybillService().isBlank()) {
            store.addTask(tx, "waybill:" + code, WAYBILL, orderId, parcelId, code, now, due);
        } else {
            store.addTask(tx, "wms-create:" + code, WMS_CREATE, orderId, parcelId, code, now, due);
        }
    }

    /** A parcel and the parcels that joined its box, lead first (a parcel of its own: just itself). */
    private List<Parcel> box(Tx tx, Parcel lead) throws SQLException {
        List<Parcel> all = new ArrayList<>();
        all.add(lead);
        all.addAll(store.members(tx, lead.id()));
        return all;
    }

    /** The lines of a box, numbered through. */
    private static List<ParcelLine> boxLines(List<Parcel> box) {
        List<ParcelLine> out = new ArrayList<>();
        for (Parcel p : box) {
            for (ParcelLine l : p.lines()) {
                out.add(box.size() == 1 ? l : new ParcelLine(Integer.toString(out.size() + 1), l.sku(), l.name(), l.quantity()));
            }
        }
        return out;
    }

    // ---- cancelling

    private int cancelParcels() {
        List<Long> ids = read(tx -> store.toCancel(tx, options.batch()));
        Instant now = clock.instant();
        return perKey(ids, "Cancelling the parcels of order", (tx, id) -> {
            Order o = orders.load(tx, id, true).orElse(null);
            if (o == null) {
                return 0;
            }
            int n = 0;
            for (Parcel p0 : store.parcelsOf(tx, id)) {
                Parcel p = store.parcel(tx, p0.id(), true).orElseThrow();
                if (p.status() != ParcelStatus.PLANNED && p.status() != ParcelStatus.SENT) {
                    continue;
                }
                Parcel lead = p.mergedInto() == null ? p : store.parcel(tx, p.mergedInto(), true).orElseThrow();
                List<Parcel> box = box(tx, lead);
                cancelTransfers(tx, p, now);
                boolean atWarehouse = cancelBox(tx, lead, box, false, now);
                orders.audit(tx, id, now, ACTOR, "parcel-cancelled", "parcel", p.code(), null,
                        "the order went to " + o.status() + " before the parcel left"
                                + (box.size() > 1 ? " (it shared the box of " + lead.code() + ")" : ""));
                for (Parcel g : box) {
                    if (g.orderId() != id && !atWarehouse) {
                        replan(tx, g, "order " + id + " of the merged parcel " + lead.code() + " went to "
                                + o.status(), now);
                    } else if (g.orderId() != id) {
                        orders.audit(tx, g.orderId(), now, ACTOR, "parcel-waits", "parcel", g.code(), null,
                                "order " + id + " of the merged parcel " + lead.code() + " went to " + o.status()
                                        + "; the box is cancelled at the warehouse, then this order's goods are "
                                        + "planned again");
                    }
                }
                n++;
            }
            return n;
        });
    }

    // ---- returns the buyer asked for on the platform

    /**
     * A refund that takes goods back (the seller agreed to a return, or the buyer sent the goods) on an order that left:
     * each parcel holding goods the refund covers is announced to its return centre, chosen as for a refused parcel
     * by the parcel's carrier network and the configured return addresses (never the buyer's text), naming the
     * refund so that the receipt can settle it.
     */
    private int returnsRequested() {
        List<Long> ids = read(tx -> store.returnsRequested(tx, options.batch()));
        Instant now = clock.instant();
        return perKey(ids, "Announcing the return of order", (tx, id) -> {
            Order o = orders.load(tx, id, true).orElse(null);
            if (o == null || (o.status() != OrderStatus.SHIPPED && o.status() != OrderStatus.DELIVERED)) {
                return 0;
            }
            NormalizedOrder c = o.content();
            int n = 0;
            for (Parcel p : store.parcelsOf(tx, id)) {
                if (p.status() != ParcelStatus.SHIPPED && p.status() != ParcelStatus.DELIVERED) {
                    continue;
                }
                Set<String> lines = Refunds.platformLines(c, p.lines());
                Optional<org.ordertower.api.Refund> refund = c.facts().refunds().stream()
                        .filter(r -> r.state() == org.ordertower.api.Refund.State.AWAITING_RETURN
                                || r.state() == org.ordertower.api.Refund.State.GOODS_RETURNED)
                        .filter(r -> lines.stream().anyMatch(r::covers)).findFirst();
                if (refund.isEmpty()) {
                    continue;
                }
                store.setStatus(tx, p.id(), ParcelStatus.RETURNING, now);
                String centre = returnCentre(p);
                store.addTask(tx, "return-create:" + p.code(), RETURN_CREATE, id, p.id(),
                        centre + " " + refund.get().refundId(), now);
                orders.audit(tx, id, now, Actor.channel(c.channel()), "returning", "parcel", null,
                        refund.get().state().name(), p.code() + " comes back from the buyer to return centre "
                                + centre + " (" + p.carrier() + " network) for refund " + refund.get().refundId());
                n++;
            }
            return n;
        });
    }

    // ---- addresses changed after the waybill or the delivery order went out

    /**
     * A buyer who edits the address (platforms allow it until the parcel leaves) after the waybill was printed or the
     * warehouse has the delivery order: the box is cancelled at the warehouse (its waybill given back) and its orders'
     * goods are planned again for the new address; a warehouse that had shipped already keeps the parcel, and an alert
     * asks for the carrier to be told.
     */
    private int readdressed() {
        List<FulfilmentStore.AddressCheck> candidates = read(tx -> store.addressesToCheck(tx, options.batch()));
        Instant now = clock.instant();
        return perKey(candidates, "Checking the address of parcel", (tx, c) -> {
            Parcel p = store.parcel(tx, c.parcelId(), true).orElse(null);
            if (p == null || (p.status() != ParcelStatus.PLANNED && p.status() != ParcelStatus.SENT)) {
                return 0;
            }
            Order o = orders.load(tx, p.orderId(), true).orElse(null);
            if (o == null) {
                return 0;
            }
            store.addressCompared(tx, p.id(), o.revision());
            if (o.status() != OrderStatus.ROUTED || addressDigest(o.content()).equals(c.digest())) {
                return 0;
            }
            Parcel lead = p.mergedInto() == null ? p : store.parcel(tx, p.mergedInto(), true).orElseThrow();
            if (lead.status() != ParcelStatus.PLANNED && lead.status() != ParcelStatus.SENT) {
                return 0;
            }
            List<Parcel> box = box(tx, lead);
            for (Parcel g : box) {
                orders.audit(tx, g.orderId(), now, ACTOR, "readdressed", "parcel", g.code(), null,
                        "the receiver changed after " + lead.code() + "'s waybill or delivery order went out: "
                                + "it is made again for the new address");
            }
            if (!cancelBox(tx, lead, box, true, now)) {
                for (Parcel g : box) {
                    replan(tx, g, "the receiver changed after " + lead.code() + "'s waybill was printed", now);
                }
            }
            return 1;
        });
    }

    /** Notes, on each parcel of a box, the receiver its order had when the box went out. */
    private void noteAddresses(Tx tx, List<Parcel> box) throws SQLException {
        for (Parcel g : box) {
            Order og = orders.load(tx, g.orderId(), false).orElse(null);
            if (og != null) {
                store.setAddressDigest(tx, g.id(), addressDigest(og.content()), og.revision());
            }
        }
    }

    /** A digest of the receiver a waybill and a delivery order carry (name, phone, address, open address id). */
    static String addressDigest(NormalizedOrder c) {
        Contact r = receiver(c);
        Address a = r.address();
        String text = String.join("\u0001", String.valueOf(r.name()), String.valueOf(r.phone()),
                String.valueOf(a.country()), String.valueOf(a.province()), String.valueOf(a.city()),
                String.valueOf(a.district()), String.valueOf(a.street()), String.valueOf(a.detail()),
                String.valueOf(a.postcode()), String.valueOf(r.openAddressId()));
        return Digests.sha256Hex(text);
    }

    /**
     * Cancels a box (its lead and every parcel that joined it) and the calls not yet made for it. A box at the
     * warehouse (or on its way there) gets a WMS cancel, and its waybill and the other orders wait for the warehouse's
     * answer, since goods it had shipped already must not be planned again; any other box gives its waybill back now.
     *
     * @param readdress the cancel is for a changed receiver: every order of the box is planned again
     * @return whether the box was at the warehouse
     */
    private boolean cancelBox(Tx tx, Parcel lead, List<Parcel> box, boolean readdress, Instant now) throws SQLException {
        for (Parcel g : box) {
            store.setStatus(tx, g.id(), ParcelStatus.CANCELLED, now);
        }
        store.dropPending(tx, lead.id(), WAYBILL);
        boolean creating = store.dropPending(tx, lead.id(), WMS_CREATE) == 0;
        boolean atWarehouse = lead.status() == ParcelStatus.SENT || creating;
        if (atWarehouse) {
            store.addTask(tx, "wms-cancel:" + lead.code(), WMS_CANCEL, lead.orderId(), lead.id(),
                    readdress ? lead.code() + " " + READDRESS : lead.code(), now);
        } else {
            cancelWaybill(tx, lead, now);
        }
        return atWarehouse;
    }

    /** Gives a cancelled parcel's waybill back, when it had one. */
    private void cancelWaybill(Tx tx, Parcel lead, Instant now) throws SQLException {
        if (lead.trackingNo() != null && !options.waybillService().isBlank()) {
            store.addTask(tx, "waybill-cancel:" + lead.code(), WAYBILL_CANCEL, lead.orderId(), lead.id(),
                    lead.carrier() + " " + lead.trackingNo(), now);
        }
    }

    /**
     * The warehouse's answer to the cancel of a delivery order (a box of one or more orders). Cancelled (or never
     * known): the waybill goes back and the goods of the box's orders that still want them are planned again.
     * Shipped already: the waybill stays (the parcel is on its way), the orders that still want their goods get
     * their parcels back (the warehouse's ship report ships them), and each cancelled order raises an alert.
     */
    private void cancelledAtWarehouse(Tx tx, Parcel lead, CancelResult r, boolean readdress, Instant now)
            throws SQLException {
        List<Parcel> box = new ArrayList<>();
        box.add(lead);
        box.addAll(store.allMembers(tx, lead.id()));
        boolean shipped = r == CancelResult.ALREADY_SHIPPED;
        List<Order> boxOrders = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        Set<OrderStatus> went = new TreeSet<>();
        for (Parcel g : box) {
            Order og = orders.load(tx, g.orderId(), true).orElse(null);
            boxOrders.add(og);
            if (og != null && og.status() != OrderStatus.ROUTED) {
                gone.add(Long.toString(og.id()));
                went.add(og.status());
            }
        }
        for (int i = 0; i < box.size(); i++) {
            Parcel g = box.get(i);
            Order og = boxOrders.get(i);
            if (og == null) {
                continue;
            }
            boolean wanted = og.status() == OrderStatus.ROUTED;
            if (!wanted) {
                orders.audit(tx, og.id(), now, ACTOR, "wms-cancel", "parcel", lead.code(), r.name(), shipped
                        ? "the warehouse had shipped it already: a return is expected"
                        : "the warehouse will not ship it");
                if (shipped) {
                    alerts.raise(tx, og.id(), "shipped-after-cancel", lead.code(), "the order was cancelled but "
                            + lead.warehouse() + " had shipped the parcel already: intercept it with the carrier or "
                            + "expect a return", now);
                }
            } else if (shipped && readdress) {
                store.setStatus(tx, g.id(), ParcelStatus.SENT, now);
                String why = "the address changed after " + lead.warehouse() + " had shipped " + lead.code()
                        + ": it travels to the old address; change it with the carrier";
                orders.audit(tx, og.id(), now, ACTOR, "parcel-kept", "parcel", g.code(), ParcelStatus.SENT.name(), why);
                alerts.raise(tx, og.id(), "address-changed-after-shipping", lead.code(), why, now);
            } else if (shipped) {
                store.setStatus(tx, g.id(), ParcelStatus.SENT, now);
                orders.audit(tx, og.id(), now, ACTOR, "parcel-kept", "parcel", g.code(), ParcelStatus.SENT.name(),
                        "another order of the box " + lead.code() + " was cancelled, but the warehouse had shipped the "
                                + "box already: this order's goods left with it");
            } else if (readdress) {
                replan(tx, g, "the receiver changed after " + lead.code() + " went out; " + lead.warehouse()
                        + " cancelled it", now);
            } else if (box.size() > 1) {
                replan(tx, g, "order " + String.join(", ", gone) + " of the merged parcel " + lead.code() + " went to "
                        + went.stream().map(Enum::name).collect(java.util.stream.Collectors.joining("/"))
                        + "; the warehouse cancelled the box", now);
            }
        }
        if (!shipped) {
            cancelWaybill(tx, lead, now);
        }
    }

    /**
     * A parcel of a box that broke up (another order in it was cancelled): a new parcel with the same goods,
     * warehouse and carrier, placed again (it may join another box). A parcel whose order is no longer ROUTED is
     * left cancelled: its own cancel handles it.
     */
    private void replan(Tx tx, Parcel g, String why, Instant now) throws SQLException {
        Order og = orders.load(tx, g.orderId(), true).orElse(null);
        if (og == null || og.status() != OrderStatus.ROUTED) {
            return;
        }
        String code = "P" + og.id() + "-" + (store.parcelsOf(tx, og.id()).size() + 1);
        Routing.Planned again = new Routing.Planned(g.warehouse(), g.carrier(), g.coldChain(), g.lines(), 0,
                "from " + g.warehouse() + ", " + g.carrier() + ": re-planned after " + g.code(), List.of());
        String placed = place(tx, og, code, again, now);
        orders.audit(tx, og.id(), now, ACTOR, "parcel-replanned", "parcel", g.code(), code, why + "; " + code + " "
                + placed);
    }

    /** Transfers a cancelled parcel waited for: not needed any more; one already sent is cancelled at the source. */
    private void cancelTransfers(Tx tx, Parcel p, Instant now) throws SQLException {
        for (FulfilmentStore.Transfer t : store.transfersOf(tx, p.id())) {
            if (!t.status().equals(FulfilmentStore.T_PLANNED)) {
                continue;
            }
            store.setTransfer(tx, t.id(), FulfilmentStore.T_CANCELLED, now);
            store.dropPendingKey(tx, "transfer-in:" + t.code());
            if (!store.dropPendingKey(tx, "transfer-out:" + t.code())) {
                store.addTask(tx, "transfer-cancel:" + t.code(), TRANSFER_CANCEL, p.orderId(), p.id(), t.code(), now);
            }
            orders.audit(tx, p.orderId(), now, ACTOR, "transfer-cancelled", "parcel", t.code(), null,
                    "not needed any more: " + p.code() + " is cancelled");
        }
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

    /**
     * Why the write-back of a parcel with {@code carrier} could not be made on the order's platform (no logistics company
     * there for it), or null when it can: asked when the parcel gets its waybill, long before the write-back is due.
     */
    private String carrierUnmapped(NormalizedOrder c, String carrier) {
        ChannelService ch = channels.get();
        if (ch == null) {
            return null;
        }
        try {
            String why = ch.carrierCode(c.channel(), c.shop(), carrier).problem();
            if (why != null) {
                logger.warn("Order {}: {}", c.platformOrderId(), why);
            }
            return why;
        } catch (RuntimeException e) {
            // advisory: the shop is not installed now, its platform's list cannot be read, or the channel service cannot
            // tell; the waybill goes on and the write-back says why if it cannot be made
            logger.debug("Order {}: carrier {} not checked on {}: {}", c.platformOrderId(), carrier, c.channel(), e.toString());
            return null;
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
                    alerts.raise(tx, t.orderId(), "call-failed", t.kind(), "gave up after " + (t.attempts() + 1)
                            + " attempts; ship:failed lists it, ship:retry replays it", now);
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

    /** Work on one key in its own transaction: how much it moved. */
    @FunctionalInterface
    interface KeyWork<K> {
        int run(Tx tx, K key) throws SQLException;
    }

    /**
     * Runs {@code work} for each key in a transaction of its own; a key whose transaction fails is logged and left for
     * the next pass, the others go on.
     */
    private <K> int perKey(List<K> keys, String what, KeyWork<K> work) {
        int moved = 0;
        for (K key : keys) {
            try {
                moved += write(tx -> work.run(tx, key));
            } catch (SQLException | RuntimeException e) {
                logger.warn("{} {} failed, retried later: {}", what, key, e.toString());
            }
        }
        return moved;
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
                List<ParcelLine> lines = boxLines(read(tx -> box(tx, p)));
                Waybill w = c.applyWaybill(new WaybillRequest(p.code(), p.carrier(), o.content().channel(),
                        o.content().platformOrderId(), sender(p.warehouse()), receiver(o.content()), lines, 0));
                String unmapped = carrierUnmapped(o.content(), p.carrier());
                return tx -> {
                    if (unmapped != null) {
                        orders.audit(tx, o.id(), now, ACTOR, "carrier-unmapped", "tracking", null, p.carrier(), unmapped);
                        alerts.raise(tx, o.id(), "carrier-unmapped", p.code(), unmapped, now);
                    }
                    store.setWaybill(tx, p.id(), w.waybillNo(), w.printData(), now);
                    noteAddresses(tx, box(tx, p));
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
                List<Parcel> box = read(tx -> box(tx, p));
                List<Long> sent = box.stream().map(Parcel::id).toList();
                NormalizedOrder c = o.content();
                String platformIds = box.size() == 1 ? c.platformOrderId() : String.join(",", box.stream()
                        .map(x -> read(tx -> orders.load(tx, x.orderId(), false)).map(y -> y.content().platformOrderId())
                                .orElse("?")).distinct().toList());
                DeliveryAck ack = wms.createDelivery(new DeliveryOrder(p.code(), p.warehouse(), c.channel(), c.shop(),
                        platformIds, p.carrier(), p.trackingNo(), p.printData(), receiver(c), sender(p.warehouse()),
                        c.createdAt(), c.paidAt(), c.buyerNote(), boxLines(box)));
                return tx -> {
                    Parcel now2 = store.parcel(tx, p.id(), true).orElseThrow();
                    List<Parcel> nowBox = box(tx, now2);
                    if (now2.status() == ParcelStatus.PLANNED) {
                        noteAddresses(tx, nowBox.stream().filter(g -> sent.contains(g.id())).toList());
                        for (Parcel g : nowBox) {
                            if (!sent.contains(g.id())) { // joined while the call was under way: not in this box
                                store.detach(tx, g.id(), now);
                                firstCall(tx, g.code(), g.orderId(), g.id(), now, now);
                                orders.audit(tx, g.orderId(), now, ACTOR, "merge-missed", "parcel", p.code(), g.code(),
                                        g.code() + " joined " + p.code() + " after it went to the warehouse: ships on its own");
                                continue;
                            }
                            store.setStatus(tx, g.id(), ParcelStatus.SENT, now);
                        }
                    } else if (now2.status() == ParcelStatus.CANCELLED) {
                        store.addTask(tx, "wms-cancel:" + p.code(), WMS_CANCEL, o.id(), p.id(), p.code(), now);
                    }
                    for (Parcel g : nowBox) {
                        if (sent.contains(g.id())) {
                            orders.audit(tx, g.orderId(), now, ACTOR, "sent-to-wms", "parcel", g.code(), ack.wmsOrderId(),
                                    wms.wmsId() + (ack.repeated() ? " already had it" : " took it") + " for " + p.warehouse()
                                            + (sent.size() > 1 ? " as delivery order " + p.code() + " with " + sent.size()
                                                    + " orders in one box" : ""));
                        }
                    }
                    return false;
                };
            }
            case WMS_CANCEL -> {
                requireParcel(p, t);
                var wms = partners.wmsFor(p.warehouse()).orElseThrow(() -> new PartnerException(
                        PartnerException.Kind.TRANSIENT, "no warehouse system that runs " + p.warehouse() + " is installed"));
                CancelResult r = wms.cancelDelivery(p.code(), p.warehouse());
                boolean readdress = t.payload() != null && t.payload().endsWith(" " + READDRESS);
                return tx -> {
                    cancelledAtWarehouse(tx, p, r, readdress, now);
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
                Restock r = Restock.decode(t.payload());
                inv.returnGoods(r.sku(), r.warehouse(), r.quantity(), r.damaged(), r.reference(), ACTOR);
                return tx -> {
                    orders.audit(tx, o.id(), now, ACTOR, "restocked", "stock", null, r.sku() + " x" + r.quantity(),
                            r.damaged() ? "damaged: into quarantine at " + r.warehouse() : "back to stock at " + r.warehouse());
                    return false;
                };
            }
            case RETURN_CREATE -> {
                requireParcel(p, t);
                // payload: the return centre, then the refund when the buyer asked for the return on the platform
                String[] f = t.payload().split(" ", 2);
                String centre = f[0];
                boolean buyer = f.length > 1;
                var wms = partners.wmsFor(centre).orElseThrow(() -> new PartnerException(PartnerException.Kind.TRANSIENT,
                        "no warehouse system that runs return centre " + centre + " is installed"));
                NormalizedOrder c = o.content();
                List<ParcelLine> lines = boxLines(read(tx -> buyer ? List.of(p) : box(tx, p)));
                String refundId = buyer ? f[1]
                        : Refunds.openFor(c, p.lines()).map(org.ordertower.api.Refund::refundId).orElse(null);
                DeliveryAck ack = wms.createReturn(new ReturnOrder("R" + p.code().substring(1), centre, p.code(),
                        c.channel(), c.platformOrderId(), refundId, p.carrier(), p.trackingNo(), receiver(c),
                        buyer ? "returned by the buyer (refund " + refundId + ")" : "returned by the carrier", lines));
                return tx -> {
                    orders.audit(tx, o.id(), now, ACTOR, "return-announced", "parcel", p.code(), ack.wmsOrderId(),
                            "return centre " + centre + " (" + p.carrier() + " network)");
                    return false;
                };
            }
            case TRANSFER_OUT, TRANSFER_IN, TRANSFER_CANCEL -> {
                FulfilmentStore.Transfer tr = read(tx -> store.transferByCode(tx, t.payload(), false))
                        .orElseThrow(() -> new IllegalArgumentException("transfer " + t.payload() + " is gone"));
                if (!t.kind().equals(TRANSFER_CANCEL) && !tr.status().equals(FulfilmentStore.T_PLANNED)) {
                    return tx -> false;
                }
                String at = t.kind().equals(TRANSFER_IN) ? tr.to() : tr.from();
                var wms = partners.wmsFor(at).orElseThrow(() -> new PartnerException(PartnerException.Kind.TRANSIENT,
                        "no warehouse system that runs " + at + " is installed"));
                String what;
                if (t.kind().equals(TRANSFER_OUT)) {
                    NormalizedOrder c = o.content();
                    String carrier = p == null ? "OTHER" : p.carrier();
                    DeliveryAck ack = wms.createDelivery(new DeliveryOrder(tr.code(), tr.from(), c.channel(), c.shop(),
                            c.platformOrderId(), carrier, null, null, sender(tr.to()), sender(tr.from()), c.createdAt(),
                            c.paidAt(), "transfer to " + tr.to(), tr.lines()));
                    what = wms.wmsId() + (ack.repeated() ? " already had" : " took") + " the transfer out of " + tr.from()
                            + " (" + ack.wmsOrderId() + ")";
                } else if (t.kind().equals(TRANSFER_IN)) {
                    DeliveryAck ack = wms.createEntry(new org.ordertower.api.fulfilment.EntryOrder(tr.code(), tr.to(),
                            org.ordertower.api.fulfilment.EntryOrder.Type.TRANSFER, tr.from(), tr.expected(), tr.lines()));
                    what = wms.wmsId() + (ack.repeated() ? " already expected" : " expects") + " the transfer into "
                            + tr.to() + " by " + tr.expected() + " (" + ack.wmsOrderId() + ")";
                } else {
                    CancelResult r = wms.cancelDelivery(tr.code(), tr.from());
                    what = r == CancelResult.ALREADY_SHIPPED ? "the goods had left " + tr.from() + " already: "
                            + tr.to() + " will receive them unclaimed" : tr.from() + " will not send them";
                }
                return tx -> {
                    orders.audit(tx, o.id(), now, ACTOR, t.kind().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                            "parcel", null, tr.code(), what);
                    return false;
                };
            }
            case TRANSFER_STOCK -> {
                FulfilmentStore.Transfer tr = read(tx -> store.transferByCode(tx, t.payload(), false))
                        .orElseThrow(() -> new IllegalArgumentException("transfer " + t.payload() + " is gone"));
                InventoryService inv = requireInventory();
                List<Allocation> moved = inv.transfer(DefaultOrderService.reservationOf(o.id()), tr.from(), tr.to(),
                        tr.lines().stream().map(l -> new org.ordertower.api.inventory.StockItem(l.sku(), l.quantity()))
                                .toList(), tr.code(), ACTOR);
                return tx -> {
                    FulfilmentStore.Transfer locked = store.transferByCode(tx, tr.code(), true).orElseThrow();
                    if (!locked.status().equals(FulfilmentStore.T_RECEIVED)) {
                        return false;
                    }
                    store.setTransfer(tx, tr.id(), FulfilmentStore.T_MOVED, now);
                    orders.audit(tx, o.id(), now, ACTOR, "stock-transferred", "reservation", null, moved.toString(),
                            tr.code() + ": " + tr.from() + " -> " + tr.to() + ", the reservation follows");
                    Parcel parcel = store.parcel(tx, tr.parcelId(), true).orElseThrow();
                    boolean all = store.transfersOf(tx, parcel.id()).stream()
                            .allMatch(x -> x.status().equals(FulfilmentStore.T_MOVED));
                    if (all && parcel.status() == ParcelStatus.PLANNED) {
                        store.clearStuck(tx, parcel.id(), now);
                        firstCall(tx, parcel.code(), o.id(), parcel.id(), now, now);
                        orders.audit(tx, o.id(), now, ACTOR, "transfer-complete", "parcel", null, parcel.code(),
                                parcel.code() + " has all its goods at " + parcel.warehouse() + " and goes on");
                    }
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

    static Contact receiver(NormalizedOrder c) {
        Address a = c.address() == null ? new Address(null, null, null, null, null, null, null) : c.address();
        return new Contact(c.buyer() == null ? null : c.buyer().name(), c.buyer() == null ? null : c.buyer().phone(), a,
                openAddressId(c));
    }

    /**
     * The platform's open address id of an order whose receiver it keeps encrypted (Taobao's OAID, kept by the
     * channel as the tag {@code oaid:<platform order id>:<oaid>}), so the e-waybill service prints the real
     * receiver from it; null when the order has none.
     */
    static String openAddressId(NormalizedOrder c) {
        String prefix = "oaid:" + c.platformOrderId() + ":";
        for (String tag : c.tags() == null ? List.<String>of() : c.tags()) {
            if (tag.startsWith(prefix) && tag.length() > prefix.length()) {
                return tag.substring(prefix.length());
            }
        }
        return null;
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
        if (e.code().startsWith("T")) {
            FulfilmentStore.Transfer t = store.transferByCode(tx, e.code(), true).orElse(null);
            if (t != null) {
                transferEvent(tx, wmsId, t, e, now);
                return;
            }
        }
        Parcel p = store.parcelByCode(tx, e.code().startsWith("R") ? "P" + e.code().substring(1) : e.code(), true)
                .orElse(null);
        if (p == null) {
            logger.warn("{} reported {} for an unknown code {}; ignored", wmsId, e.kind(), e.code());
            return;
        }
        long orderId = p.orderId();
        switch (e.kind()) {
            case SHIPPED, PARTIALLY_SHIPPED -> {
                List<Parcel> box = box(tx, p);
                for (Parcel g : box) {
                    Order o = orders.load(tx, g.orderId(), true).orElseThrow();
                    int parcels = (int) store.parcelsOf(tx, g.orderId()).stream()
                            .filter(x -> x.status() != ParcelStatus.CANCELLED).count();
                    for (ShippedPackage pkg : e.packages()) {
                        store.shipped(tx, g.id(), pkg.trackingNo(), pkg.carrierCode(), e.at(), now);
                        // a box's packages name the box's lines: each order writes back its own parcel's lines
                        List<String> lineNos = Routing.platformLines(o.content(),
                                box.size() > 1 || pkg.lines().isEmpty() ? g.lines() : pkg.lines(),
                                parcels > 1 || e.kind() == WmsEvent.Kind.PARTIALLY_SHIPPED ? 2 : 1);
                        if (o.status() == OrderStatus.CANCELLED) {
                            // shipped although cancelled (the warehouse was faster): the marketplace closed the
                            // order, so there is nothing to write back; the alert and a return follow
                            orders.audit(tx, g.orderId(), now, ACTOR, "not-written-back", "tracking", null,
                                    pkg.trackingNo(), "the order is cancelled; its goods left with " + pkg.trackingNo());
                        } else {
                            store.addTask(tx, "write-back:" + g.code() + ":" + pkg.trackingNo(), WRITE_BACK,
                                    g.orderId(), g.id(), pkg.carrierCode() + " " + pkg.trackingNo() + " "
                                            + String.join(",", lineNos), now);
                        }
                        if (!options.trackingService().isBlank()) {
                            store.addTask(tx, "subscribe:" + pkg.carrierCode() + ":" + pkg.trackingNo(), SUBSCRIBE,
                                    g.orderId(), g.id(), pkg.carrierCode() + " " + pkg.trackingNo(), now);
                        }
                        orders.audit(tx, g.orderId(), now, Actor.channel(wmsId), "shipped", "tracking", null,
                                pkg.trackingNo(), g.code() + " left " + g.warehouse() + " with " + pkg.carrierCode()
                                        + (box.size() > 1 ? " in the box of " + p.code() + " (" + box.size() + " orders)"
                                                : "")
                                        + (e.kind() == WmsEvent.Kind.PARTIALLY_SHIPPED ? " (partly; more follows)" : ""));
                    }
                    if (e.kind() == WmsEvent.Kind.SHIPPED) {
                        shippedFromWarehouse(tx, o, g, now);
                    }
                }
            }
            case PROGRESS -> orders.audit(tx, orderId, now, Actor.channel(wmsId), "wms-progress", "parcel", null,
                    e.status(), p.code() + (e.message() == null ? "" : ": " + e.message()));
            case EXCEPTION -> {
                orders.audit(tx, orderId, now, Actor.channel(wmsId), "wms-exception", "parcel", null, e.status(),
                        p.code() + ": " + e.message());
                alerts.raise(tx, orderId, "wms-exception", p.code(), wmsId + " reports " + e.status() + " and cannot ship it", now);
                logger.warn("ALERT {} cannot ship parcel {} of order {}: {}", wmsId, p.code(), orderId, e.message());
            }
            case RETURN_RECEIVED -> {
                restock(tx, wmsId, p, e, now);
                for (Parcel g : boxAny(tx, p)) {
                    store.setStatus(tx, g.id(), ParcelStatus.RETURNED, now);
                    orders.audit(tx, g.orderId(), now, Actor.channel(wmsId), "return-received", "parcel", null, e.code(),
                            e.received().size() + " lines at " + e.warehouse() + (g.id() == p.id() ? "" : " (the box of "
                                    + p.code() + ")"));
                    Order o = orders.load(tx, g.orderId(), true).orElseThrow();
                    refundTasks(tx, o, g, e, now);
                    if (o.status().canMoveTo(OrderStatus.RETURNED) && store.parcelsOf(tx, g.orderId()).stream()
                            .allMatch(x -> x.id() == g.id() || x.status() == ParcelStatus.RETURNED
                                    || x.status() == ParcelStatus.CANCELLED)) {
                        move(tx, o, OrderStatus.RETURNED, "every parcel is back at a return centre", now);
                    }
                }
            }
            case ENTRY_RECEIVED -> logger.info("{} reported entry order {}, which is no transfer of ours; ignored", wmsId,
                    e.code());
            default -> throw new IllegalStateException(e.kind().name());
        }
    }

    /**
     * Books what a return centre received back into stock (or quarantine), never more than the parcel (its box) held:
     * a warehouse may confirm one return in parts, and may send a confirmation again under a new id, so each SKU is
     * capped by the units that left less the units already booked for this return. Units beyond that are not booked;
     * they raise an alert for a recount.
     */
    private void restock(Tx tx, String wmsId, Parcel p, WmsEvent e, Instant now) throws SQLException {
        String reference = "return-" + p.code();
        Map<String, Integer> open = new java.util.TreeMap<>();
        for (Parcel g : boxAny(tx, p)) {
            for (ParcelLine l : g.lines()) {
                open.merge(l.sku(), l.quantity(), Integer::sum);
            }
        }
        store.restocked(tx, reference).forEach((sku, n) -> open.merge(sku, -n, Integer::sum));
        List<String> excess = new ArrayList<>();
        for (ReceivedLine l : e.received()) {
            int q = Math.min(l.quantity(), Math.max(0, open.getOrDefault(l.sku(), 0)));
            if (q > 0) {
                store.addTask(tx, "restock:" + e.eventId() + ":" + l.sku() + ":" + l.damaged(), RESTOCK, p.orderId(),
                        p.id(), new Restock(e.warehouse(), l.sku(), q, l.damaged(), reference).encode(), now);
                open.merge(l.sku(), -q, Integer::sum);
            }
            if (q < l.quantity()) {
                excess.add((l.quantity() - q) + " x " + l.sku());
            }
        }
        if (!excess.isEmpty()) {
            String why = e.warehouse() + " reports " + String.join(", ", excess) + " more than " + p.code()
                    + " held or than was booked already; not booked: count the return again";
            orders.audit(tx, p.orderId(), now, Actor.channel(wmsId), "return-excess", "stock", null, e.code(), why);
            alerts.raise(tx, p.orderId(), "return-excess", p.code(), why, now);
        }
    }

    /** A parcel and every parcel that shared its box and left with it (returns come back as one box). */
    private List<Parcel> boxAny(Tx tx, Parcel lead) throws SQLException {
        List<Parcel> all = new ArrayList<>();
        all.add(lead);
        for (Parcel x : store.members(tx, lead.id())) {
            if (x.shippedAt() != null) {
                all.add(x);
            }
        }
        return all;
    }

    /** A warehouse's report on a transfer: the source shipped it, or the destination received it. */
    private void transferEvent(Tx tx, String wmsId, FulfilmentStore.Transfer t, WmsEvent e, Instant now)
            throws SQLException {
        switch (e.kind()) {
            case ENTRY_RECEIVED -> {
                if (!t.status().equals(FulfilmentStore.T_PLANNED)) {
                    orders.audit(tx, t.orderId(), now, Actor.channel(wmsId), "transfer-received", "parcel", t.status(),
                            t.code(), "received at " + t.to() + " after the transfer was " + t.status()
                                    + ": nothing moves for this order");
                    return;
                }
                store.setTransfer(tx, t.id(), FulfilmentStore.T_RECEIVED, now);
                store.addTask(tx, "transfer-stock:" + t.code(), TRANSFER_STOCK, t.orderId(), t.parcelId(), t.code(), now);
                StringBuilder got = new StringBuilder();
                for (ReceivedLine l : e.received()) {
                    got.append(got.length() == 0 ? "" : ", ").append(l.quantity()).append(" x ").append(l.sku())
                            .append(l.damaged() ? " damaged" : "");
                }
                orders.audit(tx, t.orderId(), now, Actor.channel(wmsId), "transfer-received", "parcel", null, t.code(),
                        t.to() + " received " + (got.length() == 0 ? "the transfer" : got) + " from " + t.from()
                                + (t.lateAt() != null ? " (late: expected " + t.expected() + ")" : ""));
                int expected = t.lines().stream().mapToInt(ParcelLine::quantity).sum();
                int good = e.received().stream().filter(l -> !l.damaged()).mapToInt(ReceivedLine::quantity).sum();
                if (!e.received().isEmpty() && good < expected) {
                    logger.warn("ALERT transfer {} of order {}: {} received {} sound units of {}; check the stock", t.code(),
                            t.orderId(), t.to(), good, expected);
                }
            }
            case SHIPPED, PARTIALLY_SHIPPED -> orders.audit(tx, t.orderId(), now, Actor.channel(wmsId), "transfer-left",
                    "parcel", null, t.code(), "the transfer left " + t.from() + " for " + t.to());
            case EXCEPTION -> {
                orders.audit(tx, t.orderId(), now, Actor.channel(wmsId), "wms-exception", "parcel", null, e.status(),
                        t.code() + ": " + e.message());
                logger.warn("ALERT {} cannot work transfer {} of order {}: {}", wmsId, t.code(), t.orderId(), e.message());
            }
            default -> orders.audit(tx, t.orderId(), now, Actor.channel(wmsId), "wms-progress", "parcel", null, e.status(),
                    t.code() + (e.message() == null ? "" : ": " + e.message()));
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
                if ((p.status() == ParcelStatus.SHIPPED || p.status() == ParcelStatus.DELIVERED) && p.mergedInto() != null) {
                    store.setStatus(tx, p.id(), ParcelStatus.RETURNING, now);
                    orders.audit(tx, p.orderId(), now, Actor.channel(carrierId), "returning", "parcel", null,
                            e.state().name(), p.code() + " goes back in its box, with the return of parcel "
                                    + p.mergedInto() + ": " + e.description());
                } else if (p.status() == ParcelStatus.SHIPPED || p.status() == ParcelStatus.DELIVERED) {
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
                alerts.raise(tx, p.orderId(), "parcel-exception", p.code(), p.carrier() + " " + p.trackingNo()
                        + " reports an exception (the order's timeline has its words)", now);
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
        return watchParcels(now) + watchTransfers(now);
    }

    /**
     * Transfers not received by the end of their expected day plus {@code transferLate}: the waiting parcel is
     * flagged like a stuck one ({@code ship:parcels --stuck}), with an audit row and an ALERT log line.
     */
    private int watchTransfers(Instant now) {
        java.time.LocalDate lateBefore = java.time.LocalDate.ofInstant(now.minus(consolidation.transferLate()),
                MERCHANT_ZONE);
        List<FulfilmentStore.Transfer> late = read(tx -> store.lateTransfers(tx, lateBefore, options.batch()));
        int n = 0;
        for (FulfilmentStore.Transfer t : late) {
            try {
                write(tx -> {
                    store.flagLate(tx, t.id(), now);
                    store.flagStuck(tx, t.parcelId(), now);
                    orders.audit(tx, t.orderId(), now, ACTOR, "transfer-late", "parcel", null, t.code(),
                            "the transfer from " + t.from() + " to " + t.to() + " was expected " + t.expected()
                                    + " and has not arrived");
                    return null;
                });
                logger.warn("ALERT transfer {} of order {} from {} to {} expected {} has not arrived", t.code(),
                        t.orderId(), t.from(), t.to(), t.expected());
                n++;
            } catch (SQLException e) {
                logger.warn("Could not flag transfer {}: {}", t.code(), e.getMessage());
            }
        }
        return n;
    }

    private int watchParcels(Instant now) {
        Instant before = now.minus(options.stuckAfter());
        List<Parcel> quiet = read(tx -> store.notMoving(tx, before, options.batch()));
        int n = 0;
        for (Parcel p : quiet) {
            try {
                write(tx -> {
                    store.flagStuck(tx, p.id(), now);
                    Instant last = p.lastEventAt() != null ? p.lastEventAt() : p.shippedAt();
                    String why = p.code() + ": no tracking event for " + Duration.between(last, now).toHours()
                            + " h (last: " + (p.lastState() == null ? "none" : p.lastState()) + ")";
                    orders.audit(tx, p.orderId(), now, ACTOR, "parcel-stuck", "parcel", null, p.trackingNo(), why);
                    alerts.raise(tx, p.orderId(), "parcel-stuck", p.code(), p.carrier() + " " + p.trackingNo() + ", " + why, now);
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
        worker.close();
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

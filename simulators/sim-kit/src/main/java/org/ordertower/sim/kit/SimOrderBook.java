package org.ordertower.sim.kit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.ordertower.sim.kit.SimOrder.Line;
import org.ordertower.sim.kit.SimOrder.Refund;
import org.ordertower.sim.kit.SimOrder.Status;

/**
 * A simulated shop's orders with a realistic lifecycle: placed (some unpaid for a while, some presale,
 * some from a live stream, multi-line, with kits, gifts and coupons), paid, address edited after
 * payment, refunds requested and granted, cancelled, shipped whole or in part. Indexed by modified
 * time so a simulator can answer incremental pulls; listeners hear every change (for pushes).
 * Thread-safe; deterministic for a given seed and clock.
 */
public final class SimOrderBook implements AutoCloseable {

    /** What happened to an order. */
    public enum Change {
        CREATED, PAID, ADDRESS_CHANGED, MEMO_CHANGED, REFUND_REQUESTED, REFUNDED, REFUND_REFUSED, CANCELLED, SHIPPED, PARTLY_SHIPPED,
        DELIVERED
    }

    /** One change, with a copy of the order after it. */
    public record Event(Change change, SimOrder order) {
    }

    /** How a ship call ended. */
    /**
     * The anomalies a book puts into a share of its orders ({@link #anomalies}), each labelled on its order, so a drill
     * can tell how many of them the node's rules caught and how many clean orders they stopped.
     */
    public enum Anomaly {
        /** The buyer (same id, phone and address) of one of the recent orders orders one of its SKUs again. */
        REPEAT_BUYER,
        /** One of the shop's few busy addresses, ten units of a line: many orders to one address. */
        SAME_ADDRESS,
        /** A line sold at 40% of its list price. */
        LOW_PRICE,
        /** The gift alone, without the goods it comes with. */
        GIFT_ALONE,
        /** A buyer of {@link SimOrderBook#BLACKLISTED_BUYERS}. */
        BLACKLISTED
    }

    /** The buyer ids the books use for {@link Anomaly#BLACKLISTED} orders (a drill puts them on the node's blacklist). */
    public static final List<String> BLACKLISTED_BUYERS = List.of("b-blacklisted-1", "b-blacklisted-2", "b-blacklisted-3");

    public enum ShipOutcome {
        SHIPPED, ALREADY_SHIPPED, NOT_FOUND, NOT_SHIPPABLE
    }

    private record Key(Instant modified, String orderId) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = modified.compareTo(o.modified);
            return c != 0 ? c : orderId.compareTo(o.orderId);
        }
    }

    private final Clock clock;
    private final SplittableRandom random;
    private final String shopId;
    private final List<FakeData.Listing> listings;
    private final Map<String, SimOrder> orders = new HashMap<>();
    private final NavigableSet<Key> byModified = new TreeSet<>();
    private final Map<String, Integer> stock = new TreeMap<>();
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
    private long nextId;
    private long nextLine;
    private long nextRefund;
    private ScheduledExecutorService generator;
    private volatile double perMinute;
    private double owed;
    private double anomalyShare;
    /** The newest orders' ids, for {@link Anomaly#REPEAT_BUYER}. */
    private final java.util.ArrayDeque<String> recent = new java.util.ArrayDeque<>();
    private String[][] busyAddresses;

    /**
     * @param idBase the first order id; platforms' ids have their own lengths, so each simulator picks one
     */
    public SimOrderBook(Clock clock, long seed, String shopId, long idBase, List<FakeData.Listing> listings) {
        this.clock = clock;
        this.random = new SplittableRandom(seed);
        this.shopId = shopId;
        this.nextId = idBase;
        this.nextLine = idBase * 10;
        this.nextRefund = idBase + 500_000_000_000L; // far from the order ids: a refund id is never an order id
        this.listings = List.copyOf(listings);
    }

    public String shopId() {
        return shopId;
    }

    /**
     * Puts an {@link Anomaly} (one of the five, equally often) into {@code share} of the orders created from now on,
     * labelled on the order ({@link SimOrder#anomaly}); 0, the default, for none.
     */
    public synchronized void anomalies(double share) {
        if (!(share >= 0 && share <= 0.5)) {
            throw new IllegalArgumentException("an anomaly share must be 0..0.5, was " + share);
        }
        this.anomalyShare = share;
    }

    /** The book's counts: its orders, those ever paid, those with a tracked line, and those with an anomaly. */
    public record Tally(long orders, long paid, long tracked, long labelled) {
    }

    /** The book's counts, read under its lock without copying an order (a drill reads them every few seconds). */
    public synchronized Tally tally() {
        long paid = 0;
        long tracked = 0;
        long labelled = 0;
        for (SimOrder o : orders.values()) {
            paid += o.paidAt != null ? 1 : 0;
            tracked += o.lines.stream().anyMatch(l -> l.trackingNo != null) ? 1 : 0;
            labelled += o.anomaly != null ? 1 : 0;
        }
        return new Tally(orders.size(), paid, tracked, labelled);
    }

    /** Every order's copy, oldest first (for a drill's reckoning against the node). */
    public synchronized List<SimOrder> all() {
        return orders.values().stream().sorted(java.util.Comparator.comparingLong(o -> Long.parseLong(o.orderId)))
                .map(SimOrder::copy).toList();
    }

    public List<FakeData.Listing> listings() {
        return listings;
    }

    /** Hears every change after it is made (called outside the book's lock). */
    public void listen(Consumer<Event> listener) {
        listeners.add(listener);
    }

    /** Places a new random order at the clock's time. */
    public SimOrder create() {
        return create(clock.instant());
    }

    /** Places a new random order at {@code at} (paid at once four times in five). */
    public SimOrder create(Instant at) {
        Event e;
        synchronized (this) {
            SimOrder o = new SimOrder();
            o.orderId = String.valueOf(nextId++);
            o.shopId = shopId;
            o.buyerId = "b" + Long.toHexString(random.nextLong(1L << 40));
            o.buyerNick = "tb" + random.nextInt(1_000_000);
            o.receiverName = FakeData.name(random);
            o.receiverPhone = FakeData.mobile(random);
            o.address = FakeData.address(random);
            List<FakeData.Listing> sellable = listings.stream().filter(l -> !l.gift()).toList();
            int n = 1 + (random.nextInt(10) < 7 ? 0 : random.nextInt(3));
            for (int i = 0; i < n; i++) {
                FakeData.Listing l = sellable.get(random.nextInt(sellable.size()));
                addLine(o, l, 1 + (random.nextInt(10) < 8 ? 0 : random.nextInt(4)));
            }
            if (random.nextInt(10) < 2) {
                listings.stream().filter(FakeData.Listing::gift).findFirst().ifPresent(g -> addLine(o, g, 1));
            }
            if (anomalyShare > 0 && random.nextDouble() < anomalyShare) {
                anomaly(o, Anomaly.values()[random.nextInt(Anomaly.values().length)]);
            }
            BigDecimal goods = o.goods();
            if (random.nextInt(10) < 3 && goods.compareTo(new BigDecimal("100")) > 0) {
                o.discount = new BigDecimal(random.nextInt(10) < 5 ? "10.00" : "20.00");
            }
            spreadDiscount(o);
            o.shipping = random.nextInt(10) < 8 ? BigDecimal.ZERO.setScale(2) : new BigDecimal("8.00");
            o.presale = random.nextInt(20) == 0;
            o.live = random.nextInt(5) == 0;
            o.buyerNote = random.nextInt(8) == 0 ? "请尽快发货，谢谢" : null;
            o.created = at;
            if (random.nextInt(5) != 0) {
                o.status = Status.PAID;
                Instant paid = at.plusSeconds(5 + random.nextInt(60));
                o.paidAt = paid.isAfter(clock.instant()) ? at : paid; // never in the future of the platform's clock
                o.modified = o.paidAt;
            } else {
                o.modified = at;
            }
            o.version = 1;
            orders.put(o.orderId, o);
            recent.addLast(o.orderId);
            if (recent.size() > 50) {
                recent.removeFirst();
            }
            byModified.add(new Key(o.modified, o.orderId));
            e = new Event(Change.CREATED, o.copy());
        }
        fire(e);
        return e.order();
    }

    /**
     * Fills the book with {@code n} orders placed between {@code from} and {@code to}, spread evenly,
     * with the usual share of later changes; for pull tests over many windows and pages.
     */
    public void seed(int n, Instant from, Instant to) {
        long span = Duration.between(from, to).toMillis();
        for (int i = 0; i < n; i++) {
            SimOrder o = create(from.plusMillis(span * i / Math.max(1, n)));
            if (random.nextInt(10) == 0) {
                Instant later = o.modified.plusSeconds(30 + random.nextInt(600));
                if (later.isBefore(to)) {
                    randomChange(o.orderId, later);
                }
            }
        }
    }

    /** The orders modified in {@code [from, to)}, newest first (as Taobao and PDD sort), as copies. */
    public synchronized List<SimOrder> changed(Instant from, Instant to) {
        List<SimOrder> out = new ArrayList<>();
        for (Key k : byModified.subSet(new Key(from, ""), true, new Key(to, ""), false).descendingSet()) {
            out.add(orders.get(k.orderId()).copy());
        }
        return out;
    }

    public synchronized Optional<SimOrder> get(String orderId) {
        SimOrder o = orders.get(orderId);
        return o == null ? Optional.empty() : Optional.of(o.copy());
    }

    public synchronized int size() {
        return orders.size();
    }

    /** Pays an unpaid order. */
    public Optional<SimOrder> pay(String orderId) {
        return change(orderId, clock.instant(), Change.PAID, o -> {
            if (o.status != Status.UNPAID) {
                return false;
            }
            o.status = Status.PAID;
            o.paidAt = clock.instant();
            return true;
        });
    }

    /** The buyer edits the address after payment. */
    public Optional<SimOrder> editAddress(String orderId) {
        return change(orderId, clock.instant(), Change.ADDRESS_CHANGED, o -> {
            if (o.status != Status.PAID) {
                return false;
            }
            o.address = FakeData.address(random);
            o.addressEdited = true;
            return true;
        });
    }

    /** The buyer asks for a refund of one line (the first when {@code lineId} is null). */
    public Optional<SimOrder> requestRefund(String orderId, String lineId) {
        return change(orderId, clock.instant(), Change.REFUND_REQUESTED, o -> {
            Line l = line(o, lineId);
            if (l == null || o.status == Status.UNPAID || o.status == Status.CANCELLED || l.refund != Refund.NONE) {
                return false;
            }
            l.refund = Refund.REQUESTED;
            refundOpened(l);
            return true;
        });
    }

    /**
     * After shipping, the buyer asks for a refund of one line with its goods sent back (the first line when
     * {@code lineId} is null): the refund waits for the seller to confirm the goods arrived.
     */
    public Optional<SimOrder> requestReturn(String orderId, String lineId) {
        return change(orderId, clock.instant(), Change.REFUND_REQUESTED, o -> {
            Line l = line(o, lineId);
            if (l == null || l.trackingNo == null || l.refund != Refund.NONE) {
                return false;
            }
            l.refund = Refund.RETURNING;
            refundOpened(l);
            return true;
        });
    }

    private void refundOpened(Line l) {
        l.refundId = String.valueOf(nextRefund++);
        l.refundModified = clock.instant();
    }

    /** How the seller's answer to a returned refund ended. */
    public enum SettleOutcome {
        /** Taken: the refund is now REFUNDED (agreed) or REFUSED. */
        SETTLED,
        /** The refund had this end already, or was closed. */
        ALREADY_SETTLED,
        /** The refund is in a state that does not take this answer (not returned yet, or settled the other way). */
        WRONG_STATE,
        /** No refund with this id in this shop. */
        NOT_FOUND
    }

    /** The order holding the refund {@code refundId} (a copy), if this shop has it. */
    public synchronized Optional<SimOrder> byRefund(String refundId) {
        return orders.values().stream().filter(o -> o.lines.stream().anyMatch(l -> refundId.equals(l.refundId)))
                .findFirst().map(SimOrder::copy);
    }

    /**
     * The seller's answer once returned goods arrived: agree (the buyer is refunded) or refuse. Only a refund whose
     * goods were sent back (RETURNING) takes it; the same answer again is ALREADY_SETTLED, as is any answer to a
     * closed refund.
     */
    public SettleOutcome settleRefund(String refundId, boolean agree) {
        SettleOutcome[] outcome = { SettleOutcome.NOT_FOUND };
        Optional<SimOrder> holder = byRefund(refundId);
        if (holder.isEmpty()) {
            return SettleOutcome.NOT_FOUND;
        }
        change(holder.get().orderId, clock.instant(), agree ? Change.REFUNDED : Change.REFUND_REFUSED, o -> {
            Line l = o.lines.stream().filter(x -> refundId.equals(x.refundId)).findFirst().orElseThrow();
            Refund done = agree ? Refund.REFUNDED : Refund.REFUSED;
            if (l.refund == done || l.refund == Refund.CLOSED) {
                outcome[0] = SettleOutcome.ALREADY_SETTLED;
                return false;
            }
            if (l.refund != Refund.RETURNING) {
                outcome[0] = SettleOutcome.WRONG_STATE;
                return false;
            }
            l.refund = done;
            l.refundModified = clock.instant();
            outcome[0] = SettleOutcome.SETTLED;
            return true;
        });
        return outcome[0];
    }

    /** The seller grants a requested refund; an order whose every line is refunded before shipping is cancelled. */
    public Optional<SimOrder> refund(String orderId, String lineId) {
        return change(orderId, clock.instant(), Change.REFUNDED, o -> {
            Line l = line(o, lineId);
            if (l == null || l.refund != Refund.REQUESTED) {
                return false;
            }
            l.refund = Refund.REFUNDED;
            if (o.lines.stream().allMatch(x -> x.refund == Refund.REFUNDED) && o.status == Status.PAID) {
                o.status = Status.CANCELLED;
            }
            return true;
        });
    }

    /** Cancels an order that has not shipped (unpaid and closed, or refunded in full after payment). */
    public Optional<SimOrder> cancel(String orderId) {
        return change(orderId, clock.instant(), Change.CANCELLED, o -> {
            if (o.status != Status.UNPAID && o.status != Status.PAID) {
                return false;
            }
            if (o.status == Status.PAID) {
                o.lines.forEach(l -> l.refund = Refund.REFUNDED);
            }
            o.status = Status.CANCELLED;
            return true;
        });
    }

    /**
     * Records tracking for some lines (all when {@code lineIds} is empty), as the platform's ship call
     * does. A line that already has tracking is not changed.
     */
    public ShipOutcome ship(String orderId, List<String> lineIds, String carrierCode, String trackingNo) {
        ShipOutcome[] outcome = { ShipOutcome.NOT_FOUND };
        Event e;
        synchronized (this) {
            SimOrder o = orders.get(orderId);
            if (o == null) {
                return ShipOutcome.NOT_FOUND;
            }
            List<Line> target = new ArrayList<>();
            for (Line l : o.lines) {
                if (lineIds.isEmpty() || lineIds.contains(l.lineId)) {
                    target.add(l);
                }
            }
            if (target.isEmpty() || lineIds.size() > target.size()) {
                return ShipOutcome.NOT_FOUND;
            }
            if (target.stream().allMatch(l -> l.trackingNo != null)) {
                return ShipOutcome.ALREADY_SHIPPED;
            }
            if (o.status != Status.PAID && o.status != Status.PARTLY_SHIPPED) {
                return ShipOutcome.NOT_SHIPPABLE;
            }
            for (Line l : target) {
                if (l.trackingNo == null) {
                    l.trackingNo = trackingNo;
                    l.carrierCode = carrierCode;
                    l.shippedAt = clock.instant();
                }
            }
            boolean all = o.lines.stream().allMatch(l -> l.trackingNo != null || l.refund == Refund.REFUNDED);
            o.status = all ? Status.SHIPPED : Status.PARTLY_SHIPPED;
            touch(o, clock.instant());
            outcome[0] = ShipOutcome.SHIPPED;
            e = new Event(all ? Change.SHIPPED : Change.PARTLY_SHIPPED, o.copy());
        }
        fire(e);
        return outcome[0];
    }

    /** Records a quantity set by a stock call. */
    public synchronized void setStock(String key, int quantity) {
        stock.put(key, quantity);
    }

    /** The quantities set by stock calls, by the key the simulator chose (SKU id or outer code). */
    public synchronized Map<String, Integer> stock() {
        return new TreeMap<>(stock);
    }

    /**
     * Generates {@code perMinute} new orders a minute (20 times that when {@code peak}), and now and then
     * a change to a recent order (payment, address edit, refund, cancellation), until {@link #close()}.
     */
    public synchronized void generate(double perMinute, boolean peak) {
        this.perMinute = perMinute * (peak ? 20 : 1);
        if (generator == null && perMinute > 0) {
            generator = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sim-orders-" + shopId);
                t.setDaemon(true);
                return t;
            });
            generator.scheduleAtFixedRate(this::tick, 100, 100, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void close() {
        if (generator != null) {
            generator.shutdownNow();
            generator = null;
        }
    }

    private void tick() {
        int n;
        String changeId = null;
        synchronized (this) {
            owed += perMinute / 600.0;
            n = (int) owed;
            owed -= n;
            // about one change for every three new orders (at least three a second were far more changes than orders)
            if (!orders.isEmpty() && random.nextDouble() < Math.min(0.3, perMinute / 600.0 / 3)) {
                // one of the 50 newest orders: buyers pay, edit and ask for refunds soon after ordering. Counted from the
                // newest order placed, not from the last one changed: that walked the changes back through ever older
                // orders, so no order stayed unchanged long enough for a pull three minutes behind the clock to see it
                long id = nextId - 1 - random.nextInt(Math.min(orders.size(), 50));
                changeId = String.valueOf(id);
            }
        }
        for (int i = 0; i < n; i++) {
            create();
        }
        if (changeId != null) {
            randomChange(changeId, clock.instant());
        }
    }

    private void randomChange(String orderId, Instant at) {
        SimOrder o = get(orderId).orElse(null);
        if (o == null) {
            return;
        }
        int pick = random.nextInt(10);
        if (o.status == Status.UNPAID) {
            if (pick < 7) {
                change(orderId, at, Change.PAID, x -> {
                    x.status = Status.PAID;
                    x.paidAt = at;
                    return true;
                });
            } else {
                change(orderId, at, Change.CANCELLED, x -> {
                    x.status = Status.CANCELLED;
                    return true;
                });
            }
        } else if (o.status == Status.PAID) {
            if (pick < 4) {
                change(orderId, at, Change.ADDRESS_CHANGED, x -> {
                    x.address = FakeData.address(random);
                    x.addressEdited = true;
                    return true;
                });
            } else if (pick < 7) {
                change(orderId, at, Change.REFUND_REQUESTED, x -> {
                    x.lines.get(0).refund = Refund.REQUESTED;
                    refundOpened(x.lines.get(0));
                    return true;
                });
            } else {
                change(orderId, at, Change.MEMO_CHANGED, x -> {
                    x.sellerMemo = "已联系买家确认";
                    return true;
                });
            }
        }
    }

    private interface Mutation {
        boolean apply(SimOrder o);
    }

    private Optional<SimOrder> change(String orderId, Instant at, Change change, Mutation mutation) {
        Event e;
        synchronized (this) {
            SimOrder o = orders.get(orderId);
            if (o == null || !mutation.apply(o)) {
                return Optional.empty();
            }
            touch(o, at.isAfter(o.modified) ? at : o.modified.plusMillis(1));
            e = new Event(change, o.copy());
        }
        fire(e);
        return Optional.of(e.order());
    }

    private void touch(SimOrder o, Instant at) {
        byModified.remove(new Key(o.modified, o.orderId));
        o.modified = at.isAfter(o.modified) ? at : o.modified.plusMillis(1);
        o.version++;
        byModified.add(new Key(o.modified, o.orderId));
    }

    private void fire(Event e) {
        for (Consumer<Event> l : listeners) {
            l.accept(e);
        }
    }

    private static Line line(SimOrder o, String lineId) {
        for (Line l : o.lines) {
            if (lineId == null || l.lineId.equals(lineId)) {
                return l;
            }
        }
        return null;
    }

    /** Makes {@code o} (being created, under the lock) the anomaly {@code a}, and labels it. */
    private void anomaly(SimOrder o, Anomaly a) {
        List<FakeData.Listing> sellable = listings.stream().filter(l -> !l.gift()).toList();
        switch (a) {
            case REPEAT_BUYER -> {
                SimOrder earlier = recent.isEmpty() ? null : orders.get(recent.peekLast());
                if (earlier == null || earlier.anomaly != null) {
                    return; // no clean order to repeat yet: this one stays clean
                }
                o.buyerId = earlier.buyerId;
                o.buyerNick = earlier.buyerNick;
                o.receiverName = earlier.receiverName;
                o.receiverPhone = earlier.receiverPhone;
                o.address = earlier.address.clone();
                FakeData.Listing same = earlier.lines.stream().map(l -> l.listing).filter(l -> !l.gift()).findFirst()
                        .orElse(sellable.get(0));
                o.lines.clear();
                addLine(o, same, 1);
            }
            case SAME_ADDRESS -> {
                if (busyAddresses == null) {
                    busyAddresses = new String[][] { FakeData.address(random), FakeData.address(random) };
                }
                o.address = busyAddresses[random.nextInt(busyAddresses.length)].clone();
                Line first = o.lines.get(0);
                first.quantity = 10;
                first.paid = first.price.multiply(BigDecimal.TEN);
            }
            case LOW_PRICE -> {
                Line first = o.lines.get(0);
                first.price = first.listing.price().multiply(new BigDecimal("0.40")).setScale(2, java.math.RoundingMode.HALF_UP);
                first.paid = first.price.multiply(BigDecimal.valueOf(first.quantity));
            }
            case GIFT_ALONE -> {
                FakeData.Listing gift = listings.stream().filter(FakeData.Listing::gift).findFirst().orElse(null);
                if (gift == null) {
                    return;
                }
                o.lines.clear();
                addLine(o, gift, 1);
            }
            case BLACKLISTED -> o.buyerId = BLACKLISTED_BUYERS.get(random.nextInt(BLACKLISTED_BUYERS.size()));
            default -> throw new IllegalStateException(a.name());
        }
        o.anomaly = a;
    }

    private void addLine(SimOrder o, FakeData.Listing l, int qty) {
        Line line = new Line();
        line.lineId = String.valueOf(nextLine++);
        line.listing = l;
        line.quantity = qty;
        line.price = l.price();
        line.paid = l.price().multiply(BigDecimal.valueOf(qty));
        o.lines.add(line);
    }

    /** Shares the order's discount over its lines by value, the last line taking the rounding. */
    private static void spreadDiscount(SimOrder o) {
        BigDecimal goods = o.goods();
        if (o.discount.signum() == 0 || goods.signum() == 0) {
            return;
        }
        BigDecimal left = o.discount;
        int last = 0;
        for (int i = 0; i < o.lines.size(); i++) {
            last = o.lines.get(i).price.signum() > 0 ? i : last;
        }
        for (int i = 0; i <= last; i++) {
            Line l = o.lines.get(i);
            BigDecimal gross = l.price.multiply(BigDecimal.valueOf(l.quantity));
            BigDecimal share = i == last ? left
                    : o.discount.multiply(gross).divide(goods, 2, RoundingMode.DOWN);
            share = share.min(gross);
            l.paid = gross.subtract(share);
            left = left.subtract(share);
        }
    }
}

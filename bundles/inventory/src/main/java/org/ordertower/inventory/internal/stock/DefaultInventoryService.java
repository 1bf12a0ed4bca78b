package org.ordertower.inventory.internal.stock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.ordertower.api.Actor;
import org.ordertower.api.OrderTowerException;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.inventory.Allocation;
import org.ordertower.api.inventory.ChannelAllocation;
import org.ordertower.api.inventory.InTransit;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.KitPart;
import org.ordertower.api.inventory.LedgerCheck;
import org.ordertower.api.inventory.LedgerEntry;
import org.ordertower.api.inventory.Movement;
import org.ordertower.api.inventory.ReservationRequest;
import org.ordertower.api.inventory.ReservationResult;
import org.ordertower.api.inventory.StockAlert;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.inventory.StockPush;
import org.ordertower.api.inventory.StockRow;
import org.ordertower.api.inventory.StockView;
import org.ordertower.api.inventory.Warehouse;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;

/**
 * The inventory service on one database. Reservations go through the striped, batched
 * {@link Reserver}; the rarer movements (release, ship, receive, return, adjust) are one
 * transaction each that locks its rows in the same key order. Every commit is made durable before
 * the caller hears of it, and then reported to the {@link StockChanges} listener (the pusher).
 */
public final class DefaultInventoryService implements InventoryService, AutoCloseable {
    /** Most units in one item or movement; protects sums from overflow and typos from becoming stock. */
    public static final int MAX_QUANTITY = 1_000_000;
    private static final int MAX_REFERENCE = 128;

    /** Who hears of committed stock changes, and answers the push and alert questions. */
    public interface StockChanges extends Reserver.Listener {
        /** The channel quantities of a SKU as the pusher would push them now. */
        Map<String, Integer> perChannel(Tx tx, String sku, int sellable) throws SQLException;

        boolean presale(Tx tx, String sku, int sellable) throws SQLException;

        void allocationChanged(String sku, String channel);

        List<StockPush> recentPushes(int limit);

        List<StockAlert> alerts(int limit);
    }

    private final Database db;
    private final Clock clock;
    private final StockStore store = new StockStore();
    private final SkuDirectory skus;
    private final StockChanges changes;
    private final Reserver reserver;
    private final long waitMillis;
    private final AtomicReference<Map<String, Warehouse>> warehouses = new AtomicReference<>(Map.of());

    /**
     * @param stripes reservation threads (lock stripes) on this node
     * @param maxBatch most reservations decided in one transaction
     * @param waitMillis how long {@link #reserve} waits for its batch before it reports the store unavailable
     */
    public DefaultInventoryService(Database db, Clock clock, StockChanges changes, int stripes, int maxBatch,
            int queueCapacity, long waitMillis) {
        this.db = db;
        this.clock = clock;
        this.changes = changes;
        this.waitMillis = waitMillis;
        this.skus = new SkuDirectory(db, clock, 5_000);
        reloadWarehouses();
        this.reserver = new Reserver(db, store, this::warehouseOrder, clock, changes, stripes, maxBatch, queueCapacity);
    }

    // ---- warehouses

    @Override
    public void saveWarehouse(Warehouse w) {
        require(w != null, "a warehouse is required");
        requireCode(w.id(), "warehouse id", 32);
        require(w.name() != null && !w.name().isBlank() && w.name().length() <= 256, "warehouse name must be 1-256 characters");
        require(w.region() == null || w.region().length() <= 256, "warehouse region is longer than 256 characters");
        require(w.latitude() >= -90 && w.latitude() <= 90, "latitude " + w.latitude() + " is outside -90..90");
        require(w.longitude() >= -180 && w.longitude() <= 180, "longitude " + w.longitude() + " is outside -180..180");
        require(w.type() != null, "warehouse type is required (OWN, THIRD_PARTY, BONDED, FRONT)");
        write(tx -> {
            PreparedStatement up = tx.prepare("UPDATE warehouse SET name = ?, region = ?, latitude = ?, longitude = ?, type = ?, "
                    + "priority = ? WHERE id = ?");
            bindWarehouse(up, w);
            if (up.executeUpdate() == 0) {
                PreparedStatement in = tx.prepare("INSERT INTO warehouse (name, region, latitude, longitude, type, priority, id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)");
                bindWarehouse(in, w);
                in.executeUpdate();
            }
            return null;
        });
        reloadWarehouses();
    }

    private static void bindWarehouse(PreparedStatement ps, Warehouse w) throws SQLException {
        ps.setString(1, w.name());
        ps.setString(2, w.region());
        ps.setDouble(3, w.latitude());
        ps.setDouble(4, w.longitude());
        ps.setString(5, w.type().name());
        ps.setInt(6, w.priority());
        ps.setString(7, w.id());
    }

    @Override
    public List<Warehouse> warehouses() {
        return warehouses.get().values().stream()
                .sorted((a, b) -> a.priority() != b.priority() ? Integer.compare(a.priority(), b.priority()) : a.id().compareTo(b.id()))
                .toList();
    }

    private List<String> warehouseOrder() {
        return warehouses().stream().map(Warehouse::id).toList();
    }

    private void reloadWarehouses() {
        Map<String, Warehouse> map = read(tx -> {
            Map<String, Warehouse> m = new LinkedHashMap<>();
            try (ResultSet rs = tx.prepare("SELECT id, name, region, latitude, longitude, type, priority FROM warehouse ORDER BY id")
                    .executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), new Warehouse(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
                            rs.getDouble(5), Warehouse.Type.valueOf(rs.getString(6)), rs.getInt(7)));
                }
            }
            return m;
        });
        warehouses.set(Map.copyOf(map));
    }

    private void requireWarehouse(String id) {
        if (id == null || !warehouses.get().containsKey(id)) {
            reloadWarehouses(); // made on another node?
            require(id != null && warehouses.get().containsKey(id), "unknown warehouse '" + id + "'");
        }
    }

    // ---- reservations

    @Override
    public ReservationResult reserve(ReservationRequest request) {
        CompletableFuture<ReservationResult> f = reserveAsync(request);
        try {
            return f.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the reservation", e);
        } catch (TimeoutException e) {
            // It may still commit; a retry with the same reference is idempotent.
            throw new StoreUnavailableException("the reservation was not confirmed within " + waitMillis + " ms", e);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    private static OrderTowerException unwrap(Throwable c) {
        if (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c instanceof OrderTowerException o ? o : new StoreUnavailableException("reservation failed: " + c.getMessage(), c);
    }

    @Override
    public CompletableFuture<ReservationResult> reserveAsync(ReservationRequest request) {
        Pending p;
        try {
            p = validate(request);
        } catch (OrderTowerException e) {
            return CompletableFuture.failedFuture(e);
        }
        return reserver.submit(p);
    }

    private Pending validate(ReservationRequest r) {
        require(r != null, "a reservation request is required");
        requireReference(r.reference());
        require(!r.items().isEmpty(), "reservation " + r.reference() + " has no items");
        List<String> codes = new ArrayList<>();
        for (StockItem i : r.items()) {
            require(i != null && i.sku() != null && !i.sku().isBlank(), "reservation " + r.reference() + " has an item without a SKU");
            requireQuantity(i.quantity(), "item " + i.sku());
            codes.add(i.sku());
        }
        for (String w : r.warehouses()) {
            requireWarehouse(w);
        }
        Map<String, SkuDirectory.Entry> known = skus.lookup(codes);
        LinkedHashMap<String, Integer> items = new LinkedHashMap<>();
        for (StockItem i : r.items()) {
            SkuDirectory.Entry e = known.get(i.sku());
            require(e != null, "unknown SKU '" + i.sku() + "'");
            if (e.isKit()) {
                for (KitPart part : e.parts()) {
                    add(items, part.sku(), multiply(i.quantity(), part.quantity(), i.sku()));
                }
            } else {
                add(items, i.sku(), i.quantity());
            }
        }
        return new Pending(r.reference(), r.channel(), items, r.warehouses(), new CompletableFuture<>());
    }

    private static void add(Map<String, Integer> items, String sku, int qty) {
        int sum = items.getOrDefault(sku, 0) + qty;
        requireQuantity(sum, "SKU " + sku + " (all lines together)");
        items.put(sku, sum);
    }

    private static int multiply(int a, int b, String sku) {
        long p = (long) a * b;
        requireQuantity(p > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) p, "kit " + sku + " parts");
        return (int) p;
    }

    @Override
    public List<Allocation> held(String reference) {
        requireReference(reference);
        return read(tx -> store.held(tx, List.of(reference)).getOrDefault(reference, List.of()));
    }

    @Override
    public List<Allocation> release(String reference, Actor actor, String reason) {
        requireReference(reference);
        require(actor != null, "an actor is required");
        return settle(reference, null, actor, reason, Movement.RELEASE);
    }

    @Override
    public List<Allocation> ship(String reference, String warehouse, Actor actor) {
        requireReference(reference);
        require(actor != null, "an actor is required");
        if (warehouse != null) {
            requireWarehouse(warehouse);
        }
        return settle(reference, warehouse, actor, null, Movement.SHIP);
    }

    @Override
    public List<Allocation> transfer(String reference, String from, String to, List<StockItem> items, String document,
            Actor actor) {
        requireReference(reference);
        require(actor != null, "an actor is required");
        requireWarehouse(from);
        requireWarehouse(to);
        require(!from.equals(to), "a transfer needs two different warehouses, not " + from + " twice");
        require(items != null && !items.isEmpty(), "a transfer moves at least one item");
        Map<String, Integer> wanted = new TreeMap<>();
        for (StockItem i : items) {
            requirePlainSku(i.sku());
            requireQuantity(i.quantity(), "transfer of " + i.sku());
            wanted.merge(i.sku(), i.quantity(), Integer::sum);
        }
        List<Allocation> moved = write(tx -> {
            Map<String, String> states = store.lockReservations(tx, List.of(reference));
            if (!states.containsKey(reference)) {
                throw new InventoryException("nothing was ever reserved for '" + reference + "'");
            }
            Map<StockKey, Integer> held = new HashMap<>();
            for (Allocation a : store.held(tx, List.of(reference)).getOrDefault(reference, List.of())) {
                held.put(new StockKey(a.sku(), a.warehouse()), a.quantity());
            }
            Map<StockKey, Integer> deltas = new TreeMap<>(Comparator.comparing(StockKey::sku)
                    .thenComparing(StockKey::warehouse)); // rows in key order: no deadlock with reservations
            List<Allocation> out = new ArrayList<>();
            for (Map.Entry<String, Integer> e : wanted.entrySet()) {
                int q = Math.min(e.getValue(), held.getOrDefault(new StockKey(e.getKey(), from), 0));
                if (q > 0) {
                    deltas.put(new StockKey(e.getKey(), from), -q);
                    deltas.put(new StockKey(e.getKey(), to), q);
                    out.add(new Allocation(e.getKey(), to, q));
                }
            }
            List<LedgerRow> ledger = new ArrayList<>();
            String why = "transfer " + (document == null ? "" : document + " ") + from + " -> " + to;
            for (Map.Entry<StockKey, Integer> d : deltas.entrySet()) {
                StockKey k = d.getKey();
                if (store.lockRow(tx, k).isEmpty()) {
                    store.insertRow(tx, k);
                    store.lockRow(tx, k);
                }
                store.apply(tx, k, d.getValue(), d.getValue(), 0, 0);
                store.addHeld(tx, reference, k, d.getValue());
                ledger.add(LedgerRow.of(k, d.getValue() < 0 ? Movement.TRANSFER_OUT : Movement.TRANSFER_IN, d.getValue(),
                        d.getValue(), reference, actor.toString(), why));
            }
            if (!ledger.isEmpty()) {
                store.ledger(tx, ledger, clock.instant());
            }
            return out;
        });
        changed(moved.stream().map(Allocation::sku).toList());
        return moved;
    }

    /** Releases or ships what a reference holds (in one warehouse or all). */
    private List<Allocation> settle(String reference, String warehouse, Actor actor, String reason, Movement movement) {
        List<Allocation> done = write(tx -> {
            Map<String, String> states = store.lockReservations(tx, List.of(reference));
            if (!states.containsKey(reference)) {
                throw new InventoryException("nothing was ever reserved for '" + reference + "'");
            }
            List<Allocation> held = store.held(tx, List.of(reference)).getOrDefault(reference, List.of());
            List<Allocation> out = new ArrayList<>();
            List<LedgerRow> ledger = new ArrayList<>();
            for (Allocation a : held) { // already in key order
                if (warehouse != null && !warehouse.equals(a.warehouse())) {
                    continue;
                }
                StockKey k = new StockKey(a.sku(), a.warehouse());
                store.lockRow(tx, k).orElseThrow(() -> new SQLException("stock row " + k + " is missing"));
                int onHand = movement == Movement.SHIP ? -a.quantity() : 0;
                store.apply(tx, k, onHand, -a.quantity(), 0, 0);
                store.setHeld(tx, reference, k, 0);
                ledger.add(LedgerRow.of(k, movement, onHand, -a.quantity(), reference, actor.toString(), reason));
                out.add(a);
            }
            if (out.isEmpty()) {
                return out;
            }
            store.ledger(tx, ledger, clock.instant());
            if (out.size() == held.size()) {
                store.setState(tx, reference, movement == Movement.SHIP ? StockStore.SHIPPED : StockStore.RELEASED, clock.instant());
            }
            return out;
        });
        changed(done.stream().map(Allocation::sku).toList());
        return done;
    }

    // ---- single-row movements

    @Override
    public StockRow receive(String sku, String warehouse, int quantity, String reference, Actor actor) {
        requireQuantity(quantity, "receipt of " + sku);
        return move(sku, warehouse, reference, actor, null, Movement.RECEIVE, true,
                row -> new int[] { quantity, 0, 0, 0 });
    }

    @Override
    public StockRow returnGoods(String sku, String warehouse, int quantity, boolean damaged, String reference, Actor actor) {
        requireQuantity(quantity, "return of " + sku);
        return move(sku, warehouse, reference, actor, null, damaged ? Movement.QUARANTINE : Movement.RETURN, true,
                row -> damaged ? new int[] { 0, 0, 0, quantity } : new int[] { quantity, 0, 0, 0 });
    }

    @Override
    public StockRow adjust(String sku, String warehouse, int delta, Actor actor, String reason) {
        require(delta != 0, "an adjustment of 0 changes nothing");
        requireQuantity(Math.abs(delta), "adjustment of " + sku);
        require(reason != null && !reason.isBlank() && reason.length() <= 512, "an adjustment needs a reason (1-512 characters)");
        return move(sku, warehouse, "adjust", actor, reason, Movement.ADJUST, delta > 0, row -> {
            int onHand = row.onHand() + delta;
            if (onHand < 0) {
                throw new InventoryException("adjusting " + sku + " in " + warehouse + " by " + delta + " would leave on hand "
                        + onHand + " below 0");
            }
            if (onHand < row.reserved()) {
                throw new InventoryException("adjusting " + sku + " in " + warehouse + " by " + delta + " would leave on hand "
                        + onHand + " below the " + row.reserved() + " reserved; release or ship those first");
            }
            return new int[] { delta, 0, 0, 0 };
        });
    }

    @Override
    public StockRow setSafety(String sku, String warehouse, int safety, Actor actor) {
        require(safety >= 0 && safety <= MAX_QUANTITY, "safety stock must be 0.." + MAX_QUANTITY + ", not " + safety);
        return move(sku, warehouse, "safety", actor, null, Movement.SAFETY, true,
                row -> new int[] { 0, 0, safety - row.safety(), 0 });
    }

    private interface Deltas {
        int[] of(StockRow row);
    }

    /** One movement on one row: lock (or create) it, compute the deltas, apply, ledger, commit. */
    private StockRow move(String sku, String warehouse, String reference, Actor actor, String reason, Movement movement,
            boolean create, Deltas deltas) {
        requirePlainSku(sku);
        requireWarehouse(warehouse);
        requireReference(reference);
        require(actor != null, "an actor is required");
        StockKey k = new StockKey(sku, warehouse);
        StockRow after = write(tx -> {
            Optional<StockRow> row = store.lockRow(tx, k);
            if (row.isEmpty()) {
                if (!create) {
                    throw new InventoryException(sku + " has no stock in " + warehouse);
                }
                store.insertRow(tx, k);
                row = store.lockRow(tx, k);
            }
            int[] d = deltas.of(row.get());
            if (d[0] == 0 && d[1] == 0 && d[2] == 0 && d[3] == 0) {
                return row.get();
            }
            store.apply(tx, k, d[0], d[1], d[2], d[3]);
            store.ledger(tx, List.of(new LedgerRow(k, movement, d[0], d[1], d[2], d[3], reference, actor.toString(), reason)),
                    clock.instant());
            return store.lockRow(tx, k).orElseThrow();
        });
        changed(List.of(sku));
        return after;
    }

    @Override
    public InTransit addInTransit(String sku, String warehouse, int quantity, InTransit.Kind kind, LocalDate expected,
            String reference) {
        requirePlainSku(sku);
        requireWarehouse(warehouse);
        requireQuantity(quantity, "stock in transit of " + sku);
        require(kind != null, "in-transit kind is required (TRANSFER or INBOUND)");
        requireReference(reference);
        long id = write(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO in_transit (sku, warehouse, quantity, kind, "
                    + "expected, reference) VALUES (?, ?, ?, ?, ?, ?)", new String[] { "id" })) {
                ps.setString(1, sku);
                ps.setString(2, warehouse);
                ps.setInt(3, quantity);
                ps.setString(4, kind.name());
                ps.setObject(5, expected);
                ps.setString(6, reference);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new InTransit(id, sku, warehouse, quantity, kind, expected, reference);
    }

    // ---- reading

    @Override
    public StockView view(String sku) {
        SkuDirectory.Entry e = sku == null ? null : skus.lookup(List.of(sku)).get(sku);
        require(e != null, "unknown SKU '" + sku + "'");
        return read(tx -> {
            List<StockRow> rows = store.rows(tx, List.of(sku));
            List<InTransit> transit = new ArrayList<>();
            PreparedStatement ps = tx.prepare("SELECT id, sku, warehouse, quantity, kind, expected, reference FROM in_transit "
                    + "WHERE sku = ? ORDER BY id");
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    transit.add(new InTransit(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            InTransit.Kind.valueOf(rs.getString(5)), rs.getObject(6, LocalDate.class), rs.getString(7)));
                }
            }
            int sellable = e.isKit() ? kitSellable(tx, e.parts()) : rows.stream().mapToInt(StockRow::sellable).sum();
            return new StockView(sku, rows, transit, sellable, changes.perChannel(tx, sku, sellable),
                    changes.presale(tx, sku, sellable));
        });
    }

    @Override
    public List<StockRow> rows(String warehouse) {
        require(warehouse != null && !warehouse.isBlank(), "a warehouse is required");
        return read(tx -> store.rowsOf(tx, warehouse));
    }

    /** What a kit's parts allow: the least, over parts, of the part's sellable divided by its quantity. */
    int kitSellable(Tx tx, List<KitPart> parts) throws SQLException {
        Map<String, Integer> per = new TreeMap<>();
        for (StockRow r : store.rows(tx, parts.stream().map(KitPart::sku).toList())) {
            per.merge(r.sku(), r.sellable(), Integer::sum);
        }
        int min = Integer.MAX_VALUE;
        for (KitPart p : parts) {
            min = Math.min(min, per.getOrDefault(p.sku(), 0) / p.quantity());
        }
        return parts.isEmpty() ? 0 : min;
    }

    @Override
    public List<LedgerEntry> ledger(String sku, int limit) {
        require(limit >= 1 && limit <= 10_000, "limit must be 1..10000");
        return read(tx -> {
            PreparedStatement ps = tx.prepare("SELECT id, at, sku, warehouse, movement, on_hand_delta, reserved_delta, safety_delta, "
                    + "quarantine_delta, reference, actor, reason FROM stock_ledger" + (sku == null ? "" : " WHERE sku = ?")
                    + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY");
            int i = 1;
            if (sku != null) {
                ps.setString(i++, sku);
            }
            ps.setInt(i, limit);
            List<LedgerEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LedgerEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                            Movement.valueOf(rs.getString(5)), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9),
                            rs.getString(10), rs.getString(11), rs.getString(12)));
                }
            }
            return out;
        });
    }

    @Override
    public LedgerCheck check() {
        return read(tx -> {
            Connection c = tx.connection();
            int isolation = c.getTransactionIsolation();
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one snapshot for all queries
            try {
                return LedgerChecker.check(tx);
            } finally {
                c.rollback();
                c.setTransactionIsolation(isolation);
            }
        });
    }

    // ---- allocation, pushes, alerts

    @Override
    public void saveAllocation(ChannelAllocation a) {
        require(a != null, "an allocation is required");
        require(a.sku() != null && (a.sku().equals("*") || skus.lookup(List.of(a.sku())).containsKey(a.sku())),
                "unknown SKU '" + (a == null ? null : a.sku()) + "' (use * for the channel's default)");
        requireCode(a.channel(), "channel", 64);
        require(a.sharePercent() == null || (a.sharePercent() >= 1 && a.sharePercent() <= 100),
                "share must be 1..100 percent, not " + a.sharePercent());
        require(a.cap() == null || (a.cap() >= 0 && a.cap() <= MAX_QUANTITY), "cap must be 0.." + MAX_QUANTITY);
        require(a.keep() >= 0 && a.keep() <= MAX_QUANTITY, "keep must be 0.." + MAX_QUANTITY);
        require(a.buffer() >= 0 && a.buffer() <= MAX_QUANTITY, "buffer must be 0.." + MAX_QUANTITY);
        write(tx -> {
            PreparedStatement up = tx.prepare("UPDATE channel_allocation SET share_percent = ?, cap = ?, keep_units = ?, "
                    + "buffer_units = ? WHERE sku = ? AND channel = ?");
            bindAllocation(up, a);
            if (up.executeUpdate() == 0) {
                PreparedStatement in = tx.prepare("INSERT INTO channel_allocation (share_percent, cap, keep_units, buffer_units, "
                        + "sku, channel) VALUES (?, ?, ?, ?, ?, ?)");
                bindAllocation(in, a);
                in.executeUpdate();
            }
            return null;
        });
        changes.allocationChanged(a.sku(), a.channel());
    }

    private static void bindAllocation(PreparedStatement ps, ChannelAllocation a) throws SQLException {
        ps.setObject(1, a.sharePercent(), java.sql.Types.INTEGER);
        ps.setObject(2, a.cap(), java.sql.Types.INTEGER);
        ps.setInt(3, a.keep());
        ps.setInt(4, a.buffer());
        ps.setString(5, a.sku());
        ps.setString(6, a.channel());
    }

    @Override
    public List<ChannelAllocation> allocations() {
        return read(tx -> {
            List<ChannelAllocation> out = new ArrayList<>();
            try (ResultSet rs = tx.prepare("SELECT sku, channel, share_percent, cap, keep_units, buffer_units FROM channel_allocation "
                    + "ORDER BY sku, channel").executeQuery()) {
                while (rs.next()) {
                    out.add(new ChannelAllocation(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3, Integer.class),
                            (Integer) rs.getObject(4, Integer.class), rs.getInt(5), rs.getInt(6)));
                }
            }
            return out;
        });
    }

    @Override
    public List<StockPush> recentPushes(int limit) {
        require(limit >= 1 && limit <= 10_000, "limit must be 1..10000");
        return changes.recentPushes(limit);
    }

    @Override
    public List<StockAlert> alerts(int limit) {
        require(limit >= 1 && limit <= 10_000, "limit must be 1..10000");
        return changes.alerts(limit);
    }

    /** Reservations decided and batches committed since start (for the benchmark and stats). */
    public long[] reserverStats() {
        return new long[] { reserver.requests(), reserver.batches() };
    }

    /** Forgets cached catalog facts (after the catalog changed on this node). */
    public void catalogChanged() {
        skus.invalidateAll();
    }

    @Override
    public void close() {
        reserver.close();
    }

    // ---- plumbing

    private void changed(Collection<String> skuCodes) {
        if (!skuCodes.isEmpty()) {
            changes.changed(Set.copyOf(skuCodes), clock.instant());
        }
    }

    private <T> T write(Database.Work<T> work) {
        try (Tx tx = db.begin()) {
            T result = work.run(tx);
            tx.commitDurably();
            return result;
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private <T> T read(Database.Work<T> work) {
        try (Tx tx = db.begin()) {
            return work.run(tx);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("23")) { // integrity: the CHECK or a key refused it
            return new InventoryException("refused by the stock table's rules: " + e.getMessage());
        }
        return new StoreUnavailableException("the stock store is not available: " + e.getMessage(), e);
    }

    private void requirePlainSku(String sku) {
        require(sku != null && !sku.isBlank(), "a SKU is required");
        SkuDirectory.Entry e = skus.lookup(List.of(sku)).get(sku);
        require(e != null, "unknown SKU '" + sku + "'");
        require(!e.isKit(), sku + " is a kit; kits hold no stock of their own, move their parts");
    }

    private static void requireReference(String reference) {
        require(reference != null && !reference.isBlank() && reference.length() <= MAX_REFERENCE,
                "a reference (order or document id) of 1-" + MAX_REFERENCE + " characters is required");
    }

    private static void requireQuantity(int quantity, String what) {
        require(quantity >= 1, "quantity of " + what + " must be at least 1, not " + quantity);
        require(quantity <= MAX_QUANTITY, "quantity of " + what + " is " + quantity + ", more than the maximum " + MAX_QUANTITY);
    }

    private static void requireCode(String code, String what, int max) {
        require(code != null && !code.isBlank() && code.length() <= max && code.chars().noneMatch(Character::isWhitespace),
                what + " must be 1-" + max + " characters without spaces, not '" + code + "'");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new InventoryException(message);
        }
    }
}

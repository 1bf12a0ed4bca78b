package org.ordertower.inventory.internal.push;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.ordertower.api.inventory.ChannelAllocation;
import org.ordertower.api.inventory.StockAlert;
import org.ordertower.api.inventory.StockPush;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.api.inventory.StockUpdater;
import org.ordertower.core.spi.EventOutbox;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;
import org.ordertower.lanes.Lanes;
import org.ordertower.inventory.internal.push.PushStore.Mapping;
import org.ordertower.inventory.internal.push.PushStore.SkuFacts;
import org.ordertower.inventory.internal.stock.DefaultInventoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes sellable stock to the channels. Committed changes mark SKUs dirty; a thread wakes on the
 * first mark, waits {@code coalesceMillis} for more, then reads the dirty SKUs (and the kits made
 * of them) in one transaction, works out each listing's quantity (allocation rules, mapping factor,
 * presale) and hands the ones that differ from what the platform last accepted to that channel's
 * {@link ChannelWorker}, whose lane is the Camel route {@code stock-push-<channel>}. The same pass raises low-stock
 * alerts.
 */
public final class StockPusher implements DefaultInventoryService.StockChanges, AutoCloseable {
    /** Tuning. */
    /**
     * @param unpushed channels whose stock this node does not push and whose lack of a connector is no failure: an own
     *     site that takes orders through the generic intake and reads the stock change events ({@code push.skip.channels})
     */
    public record Options(long coalesceMillis, int maxAttempts, long backoffMillis, Duration forecastWindow,
            int historySize, java.util.Set<String> unpushed) {
        public Options {
            unpushed = java.util.Set.copyOf(unpushed);
        }

        /** Every channel pushed. */
        public Options(long coalesceMillis, int maxAttempts, long backoffMillis, Duration forecastWindow, int historySize) {
            this(coalesceMillis, maxAttempts, backoffMillis, forecastWindow, historySize, java.util.Set.of());
        }
    }

    private record Sent(int quantity, boolean presale, boolean ok) {
    }

    /** What the last stock change event said about a SKU. */
    private record Told(int sellable, boolean presale) {
    }

    /** A stock change event written in the pass's transaction, remembered once it commits. */
    private record Change(String sku, Told told) {
    }

    private static final String NO_CONNECTOR = "no stock updater installed for channel ";
    private final Logger logger = LoggerFactory.getLogger(StockPusher.class);
    private final Database db;
    private final Clock clock;
    private final Options options;
    private final Map<String, Instant> dirty = new ConcurrentHashMap<>();
    private final Map<String, ChannelWorker> workers = new ConcurrentHashMap<>();
    private final Map<Listing, Sent> sent = new ConcurrentHashMap<>();
    private final Set<String> alerted = ConcurrentHashMap.newKeySet();
    private final Map<String, Told> told = new ConcurrentHashMap<>();
    private volatile EventOutbox events;
    private final ArrayDeque<StockPush> history = new ArrayDeque<>();
    /** The number of the last push kept in {@link #history}; guarded by it. */
    private long pushes;
    private final Object signal = new Object();
    private final Thread thread;
    private volatile boolean running = true;
    private final Lanes lanes;
    private final Lanes ownLanes;
    /** How often an idle channel lane looks for due pushes; a lane with work polls again at once. */
    static final Duration LANE_POLL = Duration.ofMillis(20);

    /** A pusher whose channel lanes run in a CamelContext of its own, closed with it (tests and tools). */
    public StockPusher(Database db, Clock clock, Options options) {
        this(db, clock, options, null);
    }

    /**
     * @param lanes where each channel's {@code stock-push-<channel>} route runs (the inventory's registered
     *        CamelContext); null: a context of the pusher's own, closed with it
     */
    public StockPusher(Database db, Clock clock, Options options, Lanes lanes) {
        this.ownLanes = lanes == null ? Lanes.standalone("ordertower-inventory", 0) : null;
        this.lanes = lanes == null ? ownLanes : lanes;
        this.db = db;
        this.clock = clock;
        this.options = options;
        loadSent();
        this.thread = new Thread(this::run, "ordertower-stock-push");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Where stock changes are published (the core's outbox: the stock topic on JMS, and Kafka when configured); null:
     * none. Each SKU's first pass after this is told in full.
     */
    public synchronized void events(EventOutbox outbox) {
        this.events = outbox;
        told.clear();
    }

    /** The outbox went away: no more events unless another came in its place. */
    public synchronized void eventsGone(EventOutbox outbox) {
        if (events == outbox) {
            events = null;
        }
    }

    // ---- updaters come and go

    public void addUpdater(StockUpdater updater) {
        ChannelWorker worker = new ChannelWorker(updater.channelId(), updater, clock, options.maxAttempts(),
                options.backoffMillis(), this::record);
        workers.put(updater.channelId(), worker);
        lanes.start(ChannelWorker.routeId(updater.channelId()), Lanes.Schedule.busy(LANE_POLL), worker); // replaces an older one
        logger.info("Stock pushes to channel {} are on", updater.channelId());
        resync(updater.channelId());
    }

    public void removeUpdater(StockUpdater updater) {
        ChannelWorker w = workers.get(updater.channelId());
        if (w != null && w.updater() == updater && workers.remove(updater.channelId(), w)) {
            lanes.stop(ChannelWorker.routeId(updater.channelId()));
            logger.info("Stock pushes to channel {} are off", updater.channelId());
        }
    }

    /** Marks every SKU a channel sells dirty, so that all its listings are compared and pushed. */
    public void resync(String channel) {
        try (Tx tx = db.begin()) {
            PreparedStatement ps = tx.prepare("SELECT DISTINCT master_sku FROM sku_mapping WHERE channel = ?");
            ps.setString(1, channel);
            Set<String> skus = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    skus.add(rs.getString(1));
                }
            }
            changed(skus, clock.instant());
        } catch (SQLException e) {
            logger.warn("Cannot read the listings of channel {} to push them: {}", channel, e.getMessage());
        }
    }

    /** Marks every mapped SKU dirty (after a mapping import): every listing is compared and pushed. */
    public void resyncAll() {
        try (Tx tx = db.begin(); ResultSet rs = tx.prepare("SELECT DISTINCT master_sku FROM sku_mapping").executeQuery()) {
            Set<String> skus = new HashSet<>();
            while (rs.next()) {
                skus.add(rs.getString(1));
            }
            changed(skus, clock.instant());
        } catch (SQLException e) {
            logger.warn("Cannot read the listings to push them: {}", e.getMessage());
        }
    }

    // ---- StockChanges

    @Override
    public void changed(Set<String> skus, Instant committedAt) {
        for (String s : skus) {
            dirty.merge(s, committedAt, (a, b) -> a.isBefore(b) ? a : b);
        }
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    @Override
    public void allocationChanged(String sku, String channel) {
        if ("*".equals(sku)) {
            resync(channel);
        } else {
            changed(Set.of(sku), clock.instant());
        }
    }

    @Override
    public Map<String, Integer> perChannel(Tx tx, String sku, int sellable) throws SQLException {
        Set<String> channels = new TreeSet<>();
        for (Mapping m : PushStore.mappings(tx, List.of(sku))) {
            channels.add(m.listing().channel());
        }
        return ChannelQuantities.split(sellable, channels, PushStore.rules(tx, List.of(sku)).getOrDefault(sku, Map.of()));
    }

    @Override
    public boolean presale(Tx tx, String sku, int sellable) throws SQLException {
        SkuFacts f = PushStore.facts(tx, List.of(sku)).get(sku);
        return f != null && f.presaleThreshold() > 0 && sellable < f.presaleThreshold();
    }

    @Override
    public List<StockPush> recentPushes(int limit) {
        synchronized (history) {
            return history.stream().limit(limit).toList();
        }
    }

    @Override
    public List<StockPush> recentPushes(Long after, boolean failedOnly, int limit) {
        synchronized (history) { // newest first, so numbered downwards
            return history.stream().filter(p -> after == null || p.id() < after).filter(p -> !failedOnly || !p.ok())
                    .limit(limit).toList();
        }
    }

    @Override
    public List<StockAlert> alerts(int limit) {
        return alerts(null, limit);
    }

    @Override
    public List<StockAlert> alerts(Long after, int limit) {
        try (Tx tx = db.begin()) {
            PreparedStatement ps = tx.prepare("SELECT id, at, sku, sellable, threshold, forecast FROM stock_alert"
                    + (after == null ? "" : " WHERE id < ?") + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY");
            int i = 1;
            if (after != null) {
                ps.setLong(i++, after);
            }
            ps.setInt(i, limit);
            List<StockAlert> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StockAlert(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getInt(4),
                            rs.getInt(5), rs.getDouble(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new org.ordertower.api.StoreUnavailableException("cannot read stock alerts: " + e.getMessage(), e);
        }
    }

    // ---- the pass

    private void run() {
        while (running) {
            try {
                synchronized (signal) {
                    if (dirty.isEmpty()) {
                        signal.wait(1_000);
                    }
                }
                if (dirty.isEmpty()) {
                    continue;
                }
                Thread.sleep(options.coalesceMillis());
                Map<String, Instant> batch = new HashMap<>();
                for (String sku : List.copyOf(dirty.keySet())) {
                    Instant at = dirty.remove(sku);
                    if (at != null) {
                        batch.put(sku, at);
                    }
                }
                pass(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                logger.warn("Stock push pass failed, retrying in a second: {}", e.getMessage());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void pass(Map<String, Instant> batch) throws SQLException {
        List<Desired> out = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        EventOutbox outbox = events;
        try (Tx tx = db.begin()) {
            Map<String, Instant> affected = new HashMap<>(batch);
            Map<String, Map<String, Integer>> partsOf = PushStore.kits(tx, batch.keySet(), affected);
            Set<String> plain = new HashSet<>();
            for (String sku : affected.keySet()) {
                Map<String, Integer> parts = partsOf.get(sku);
                if (parts == null) {
                    plain.add(sku);
                } else {
                    plain.addAll(parts.keySet());
                }
            }
            Map<String, Integer> sellable = PushStore.sellable(tx, plain);
            Map<String, SkuFacts> facts = PushStore.facts(tx, affected.keySet());
            Map<String, Map<String, ChannelAllocation>> rules = PushStore.rules(tx, affected.keySet());
            Map<String, List<Mapping>> bySku = new HashMap<>();
            for (Mapping m : PushStore.mappings(tx, affected.keySet())) {
                bySku.computeIfAbsent(m.masterSku(), k -> new ArrayList<>()).add(m);
            }
            for (Map.Entry<String, Instant> e : affected.entrySet()) {
                String sku = e.getKey();
                Map<String, Integer> parts = partsOf.get(sku);
                int s = parts == null ? sellable.getOrDefault(sku, 0) : kitSellable(parts, sellable);
                SkuFacts f = facts.get(sku);
                if (parts == null && f != null) {
                    forecast(tx, sku, s, f);
                }
                List<Mapping> maps = bySku.getOrDefault(sku, List.of());
                boolean presale = f != null && f.presaleThreshold() > 0 && s < f.presaleThreshold();
                Set<String> channels = new TreeSet<>();
                maps.forEach(m -> channels.add(m.listing().channel()));
                Map<String, Integer> perChannel = ChannelQuantities.split(s, channels, rules.getOrDefault(sku, Map.of()));
                if (outbox != null) {
                    Told now = new Told(s, presale);
                    if (!now.equals(told.get(sku))) {
                        StockChangeEvent ev = StockChangeEvent.of(sku, parts != null, s, presale, perChannel, e.getValue(),
                                clock.instant());
                        outbox.add(tx.connection(), ev.eventId(), EventOutbox.STOCK_CHANGED, sku, ev.at(), ev.json());
                        changes.add(new Change(sku, now));
                    }
                }
                if (maps.isEmpty()) {
                    continue;
                }
                for (Mapping m : maps) {
                    int units = presale ? f.presaleQuota() : perChannel.get(m.listing().channel());
                    int qty = units / m.factor();
                    Sent last = sent.get(m.listing());
                    if (last != null && last.ok && last.quantity == qty && last.presale == presale) {
                        continue;
                    }
                    out.add(new Desired(m.listing(), new StockUpdate(m.listing().shop(), m.listing().channelSku(), m.itemId(),
                            m.outerCode(), sku, qty, presale, e.getValue()), 1, Instant.EPOCH));
                }
            }
            tx.connection().commit(); // alerts written by forecast(), stock change events
        }
        if (!changes.isEmpty()) {
            changes.forEach(c -> told.put(c.sku(), c.told()));
            outbox.committed();
        }
        List<StockPush> noConnector = new ArrayList<>();
        for (Desired d : out) {
            ChannelWorker w = workers.get(d.listing().channel());
            if (w != null) {
                w.offer(d);
            } else if (!options.unpushed().contains(d.listing().channel())) {
                Sent last = sent.get(d.listing());
                if (last == null || last.ok || last.quantity != d.update().quantity()) {
                    noConnector.add(new StockPush(clock.instant(), d.listing().channel(), d.listing().shop(),
                            d.listing().channelSku(), d.update().quantity(), d.update().presale(), false,
                            NO_CONNECTOR + d.listing().channel(), 0, 0));
                }
            }
        }
        if (!noConnector.isEmpty()) {
            record(noConnector);
        }
    }

    private static int kitSellable(Map<String, Integer> parts, Map<String, Integer> sellable) {
        int min = Integer.MAX_VALUE;
        for (Map.Entry<String, Integer> p : parts.entrySet()) {
            min = Math.min(min, sellable.getOrDefault(p.getKey(), 0) / p.getValue());
        }
        return min;
    }

    /**
     * Raises a low-stock alert once when sellable is under the SKU's threshold and the units reserved
     * over the forecast window, scaled to 24 hours, exceed what is left. Clears when stock recovers.
     */
    private void forecast(Tx tx, String sku, int sellable, SkuFacts f) throws SQLException {
        if (f.lowStockThreshold() <= 0 || sellable >= f.lowStockThreshold()) {
            alerted.remove(sku);
            return;
        }
        if (alerted.contains(sku)) {
            return;
        }
        Instant now = clock.instant();
        PreparedStatement ps = tx.prepare("SELECT COALESCE(SUM(reserved_delta), 0) FROM stock_ledger WHERE sku = ? "
                + "AND movement = 'RESERVE' AND at >= ?");
        ps.setString(1, sku);
        ps.setTimestamp(2, Timestamp.from(now.minus(options.forecastWindow())));
        double demand;
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            demand = rs.getLong(1);
        }
        double forecast = demand * Duration.ofHours(24).toMillis() / options.forecastWindow().toMillis();
        if (forecast > sellable) {
            PreparedStatement in = tx.prepare("INSERT INTO stock_alert (at, sku, sellable, threshold, forecast) VALUES (?, ?, ?, ?, ?)");
            in.setTimestamp(1, Timestamp.from(now));
            in.setString(2, sku);
            in.setInt(3, sellable);
            in.setInt(4, f.lowStockThreshold());
            in.setDouble(5, forecast);
            in.executeUpdate();
            alerted.add(sku);
            logger.warn("Low stock: {} has {} sellable (threshold {}), forecast {} in the next 24 hours", sku, sellable,
                    f.lowStockThreshold(), Math.round(forecast));
        }
    }

    // ---- results

    private void record(List<StockPush> results) {
        synchronized (history) {
            for (StockPush p : results) {
                history.addFirst(p.withId(++pushes)); // numbered as kept: the cursor of recentPushes
                while (history.size() > options.historySize()) {
                    history.removeLast();
                }
            }
        }
        for (StockPush p : results) {
            sent.put(new Listing(p.channel(), p.shop(), p.channelSku()), new Sent(p.quantity(), p.presale(), p.ok()));
        }
        try (Tx tx = db.begin()) {
            for (StockPush p : results) {
                PreparedStatement up = tx.prepare("UPDATE stock_push_state SET quantity = ?, presale = ?, ok = ?, error = ?, "
                        + "attempts = ?, at = ? WHERE channel = ? AND shop = ? AND channel_sku = ?");
                bindState(up, p);
                if (up.executeUpdate() == 0) {
                    PreparedStatement in = tx.prepare("INSERT INTO stock_push_state (quantity, presale, ok, error, attempts, at, "
                            + "channel, shop, channel_sku) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    bindState(in, p);
                    in.executeUpdate();
                }
            }
            tx.connection().commit();
        } catch (SQLException e) {
            logger.debug("Cannot record stock push state: {}", e.getMessage());
        }
    }

    private static void bindState(PreparedStatement ps, StockPush p) throws SQLException {
        ps.setInt(1, p.quantity());
        ps.setBoolean(2, p.presale());
        ps.setBoolean(3, p.ok());
        ps.setString(4, p.error() == null ? null : p.error().substring(0, Math.min(1024, p.error().length())));
        ps.setInt(5, p.attempt());
        ps.setTimestamp(6, Timestamp.from(p.at()));
        ps.setString(7, p.channel());
        ps.setString(8, p.shop());
        ps.setString(9, p.channelSku());
    }

    private void loadSent() {
        try (Tx tx = db.begin();
                ResultSet rs = tx.prepare("SELECT channel, shop, channel_sku, quantity, presale, ok FROM stock_push_state").executeQuery()) {
            while (rs.next()) {
                sent.put(new Listing(rs.getString(1), rs.getString(2), rs.getString(3)),
                        new Sent(rs.getInt(4), rs.getBoolean(5), rs.getBoolean(6)));
            }
        } catch (SQLException e) {
            logger.warn("Cannot read the last pushed quantities; every listing will be pushed again: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (String channel : workers.keySet()) {
            lanes.stop(ChannelWorker.routeId(channel));
        }
        if (ownLanes != null) {
            ownLanes.close();
        }
    }
}

package org.ordertower.channels.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.ordertower.api.Caller;
import org.ordertower.api.OrderService;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.channel.CarrierCode;
import org.ordertower.api.channel.ChannelConnector;
import org.ordertower.api.channel.ChannelConnector.Capability;
import org.ordertower.api.channel.ChannelListing;
import org.ordertower.api.channel.ChannelPlatform;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.DeadLetter;
import org.ordertower.api.channel.ListingReport;
import org.ordertower.api.channel.PullReport;
import org.ordertower.api.channel.PushEvent;
import org.ordertower.api.channel.PushReceipt;
import org.ordertower.api.channel.PushRequest;
import org.ordertower.api.channel.Receiver;
import org.ordertower.api.channel.Reconciliation;
import org.ordertower.api.channel.RefundResult;
import org.ordertower.api.channel.ReturnOutcome;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.channel.ShopStatus;
import org.ordertower.api.channel.SignatureTrace;
import org.ordertower.api.channel.TokenStore;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.channels.internal.ChannelStore.Cursor;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;
import org.ordertower.lanes.Lanes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel runtime: pulls each shop on its route (windowed, paged, resumable from the stored
 * cursor, under a lease so one node pulls a shop), consumes platform message queues, stores pushed
 * events before answering and processes them afterwards (fetching the order when the push carries only
 * its id), keeps dead letters, and notes which path saw each order for reconciliation. The connectors
 * speak the protocols; the runtime owns timers, cursors, leases, retries and the inbox. Thread-safe.
 * <p>
 * Each shop's pull and message consumption are Camel routes of the channels' CamelContext, named
 * {@code shop-<channel>-<shop>-pull} and {@code shop-<channel>-<shop>-messages} ({@link Shop#routeId}): an admin sees
 * their counts in {@code camel:route-list} and pauses one shop with {@code camel:route-suspend}; the cursor, the lease
 * and the event retries stay in the database.
 * <p>
 * This class is the facade: the shops come and go here, and the work is done by {@link Shop} (routes, lease,
 * messages), {@link PullLoop} (windows, cursors, page tokens), {@link EventInbox} (pushed and consumed events,
 * retries, dead letters) and {@link ShopCalls} (ship, stock, refunds, decrypt, vocabularies), over one
 * {@link ChannelContext}.
 */
public final class ChannelRuntime implements ChannelService, TokenStore, AutoCloseable {
    private static final int RECONCILE_LIST = 1000;
    /** The audit action of a decryption. */
    public static final String DECRYPTED = "decrypted";

    /** Tunables, all from the core configuration. */
    public record Options(String node, Duration initialLookBack, Duration messageInterval, int intakeThreads,
            int maxEventAttempts, Duration keepEvents, boolean schedule) {
    }

    /**
     * The platform vocabularies: the catalog listings are matched to, carrier code overrides
     * ({@code channel:CARRIER=code, ...}), and how often listings and logistics company lists are read again (zero:
     * only when a shop comes up, on item messages and when asked).
     */
    public record Vocabularies(Supplier<CatalogService> catalog, String carrierOverrides, Duration listingsEvery,
            Duration carriersEvery) {
        /** No catalog, no overrides, no timers. */
        public static final Vocabularies NONE = new Vocabularies(() -> null, "", Duration.ZERO, Duration.ZERO);
    }

    /** Payload digests kept per shop to skip exact repeats of a pull's overlap (about 100 bytes each). */
    static final int RECENT_PAYLOADS = 20_000;
    /** Threads the shops' pull and message lanes share (a pull waits for the platform most of its time). */
    public static final int LANE_THREADS = 2;
    private final Logger logger = LoggerFactory.getLogger(ChannelRuntime.class);
    private final ChannelContext ctx;
    private final Map<String, ChannelPlatform> platforms = new ConcurrentHashMap<>();
    private final PullLoop pulls;
    private final EventInbox inbox;
    private final ShopCalls calls;
    /** Lanes in a CamelContext of the runtime's own (tests, tools), closed with it; null when the caller's. */
    private final Lanes ownLanes;

    public ChannelRuntime(Database db, OrderService orders, Clock clock, Options options) {
        this(db, orders, clock, options, Vocabularies.NONE);
    }

    /** A runtime whose shop lanes run in a CamelContext of its own (tests and tools). */
    public ChannelRuntime(Database db, OrderService orders, Clock clock, Options options, Vocabularies vocabularies) {
        this(db, orders, clock, options, vocabularies, null);
    }

    /**
     * @param lanes where each shop's pull and message routes run (the bundle's registered CamelContext); null: a
     *        context of the runtime's own when it schedules, closed with it
     */
    public ChannelRuntime(Database db, OrderService orders, Clock clock, Options options, Vocabularies vocabularies,
            Lanes lanes) {
        this.ownLanes = lanes == null && options.schedule() ? Lanes.standalone("ordertower-channels", LANE_THREADS) : null;
        this.ctx = new ChannelContext(db, orders, clock, options, vocabularies, lanes == null ? ownLanes : lanes);
        this.pulls = new PullLoop(ctx);
        this.inbox = new EventInbox(ctx);
        this.calls = new ShopCalls(ctx);
        inbox.start();
    }

    // ---- connectors and platforms coming and going

    /** A shop's connector arrived: schedule its pulls and message polls. */
    public void add(ChannelConnector connector) {
        Shop shop = new Shop(connector, ctx, pulls, inbox);
        Shop old = ctx.shops.put(shop.key, shop);
        if (old != null) {
            old.cancel();
        }
        if (ctx.options.schedule()) {
            shop.schedule();
        }
        logger.info("Channel {} shop {} is up ({})", connector.channelId(), connector.shop(), connector.capabilities());
    }

    /** A shop's connector went: stop its timers (a pull in progress finishes its page). */
    public void remove(ChannelConnector connector) {
        Shop shop = ctx.find(connector.channelId(), connector.shop());
        if (shop != null && shop.connector == connector) {
            ctx.shops.remove(shop.key);
            shop.cancel();
            logger.info("Channel {} shop {} is down", connector.channelId(), connector.shop());
        }
    }

    public void addPlatform(ChannelPlatform platform) {
        platforms.put(platform.channelId(), platform);
    }

    public void removePlatform(ChannelPlatform platform) {
        platforms.remove(platform.channelId(), platform);
    }

    /** Sets a listing's quantity through the connector of the update's shop. */
    public void updateStock(String channel, StockUpdate update) {
        calls.updateStock(channel, update);
    }

    // ---- ChannelService

    @Override
    public ShipResult ship(String channel, String shop, Shipment shipment) {
        return calls.ship(channel, shop, shipment);
    }

    @Override
    public List<CarrierCode> carrierCodes(String channel) {
        return calls.carrierCodes(channel);
    }

    @Override
    public CarrierCode carrierCode(String channel, String shop, String carrier) {
        return calls.carrierCode(channel, shop, carrier);
    }

    @Override
    public int refreshCarriers(String channel) {
        return calls.refreshCarriers(channel);
    }

    @Override
    public List<ChannelListing> listings(String channel, String shop, boolean unmatchedOnly) {
        return calls.listings(channel, shop, unmatchedOnly);
    }

    @Override
    public ListingReport refreshListings(String channel, String shop) {
        return calls.refreshListings(channel, shop);
    }

    @Override
    public RefundResult returnReceived(String channel, String shop, ReturnOutcome outcome) {
        return calls.returnReceived(channel, shop, outcome);
    }

    @Override
    public List<ShopStatus> shops() {
        List<ShopStatus> out = new ArrayList<>();
        for (Shop s : ctx.sorted()) {
            Cursor c = ctx.read(tx -> ctx.store.cursor(tx, s.channel, s.shop)).orElse(null);
            out.add(new ShopStatus(s.channel, s.shop, s.connector.capabilities(), s.owned, c == null ? null : c.from(),
                    c == null ? null : c.page(), s.lastPullAt, c == null ? null : c.caughtUpTo(), s.ordersPulled.get(),
                    s.eventsReceived.get(), s.lastError, s.lastErrorAt, s.rateLimited.get(), s.pushes.total(),
                    s.pushFailures.get(), s.pushes.perMinute()));
        }
        return out;
    }

    @Override
    public PullReport pull(String channel, String shop) {
        return ctx.shop(channel, shop).pull(true);
    }

    @Override
    public Reconciliation reconcile(String channel, String shop, Instant since) {
        Shop s = ctx.shop(channel, shop);
        Cursor c = ctx.read(tx -> ctx.store.cursor(tx, channel, shop)).orElse(null);
        Instant covered = c == null ? null : c.caughtUpTo();
        List<ChannelStore.Seen> seen = ctx.read(tx -> ctx.store.seenSince(tx, channel, shop, since));
        List<String> onlyPulled = new ArrayList<>();
        List<String> onlyPushed = new ArrayList<>();
        int awaiting = 0;
        seen.sort(Comparator.comparing(ChannelStore.Seen::platformOrderId));
        boolean pushes = s.connector.capabilities().contains(Capability.WEBHOOK)
                || s.connector.capabilities().contains(Capability.MESSAGES);
        for (ChannelStore.Seen row : seen) {
            if (row.pushedAt() == null && pushes && onlyPulled.size() < RECONCILE_LIST) {
                onlyPulled.add(row.platformOrderId());
            } else if (row.pulledAt() == null && row.pushedAt() != null) {
                if (covered == null || !row.pushedAt().isBefore(covered)) {
                    awaiting++;
                } else if (onlyPushed.size() < RECONCILE_LIST) {
                    onlyPushed.add(row.platformOrderId());
                }
            }
        }
        return new Reconciliation(channel, shop, since, covered, seen.size(), onlyPulled, onlyPushed, awaiting, pushes);
    }

    @Override
    public PushReceipt receivePush(String channel, PushRequest request) {
        return inbox.receivePush(channel, request);
    }

    @Override
    public List<DeadLetter> deadLetters(String channel, int limit) {
        return inbox.deadLetters(channel, limit);
    }

    @Override
    public List<DeadLetter> deadLetters(String channel, Long after, int limit) {
        return inbox.deadLetters(channel, after, limit);
    }

    @Override
    public List<String> platforms() {
        return platforms.keySet().stream().sorted().toList();
    }

    @Override
    public SignatureTrace sign(String channel, String secret, Map<String, String> params) {
        return platform(channel).sign(secret, params);
    }

    @Override
    public Receiver decryptReceiver(long orderId, Caller caller, String reason) {
        return calls.decryptReceiver(orderId, caller, reason);
    }

    // ---- TokenStore

    @Override
    public Optional<AccessToken> load(String channel, String shop) {
        return ctx.read(tx -> ctx.store.token(tx, channel, shop));
    }

    @Override
    public void save(String channel, String shop, AccessToken token) {
        ctx.write(tx -> {
            ctx.store.saveToken(tx, channel, shop, token, ctx.clock.instant());
            return null;
        });
    }

    @Override
    public void close() {
        ctx.shops.values().forEach(Shop::cancel);
        if (ownLanes != null) {
            ownLanes.close();
        }
        ctx.timers.shutdownNow();
        ctx.intakePool.shutdownNow();
        inbox.close();
    }

    /** Processes the events due now; returns how many it handled. Package-private for tests. */
    int processDueEvents() {
        return inbox.processDueEvents();
    }

    /** Stores events as if a push had brought them (see {@link EventInbox#storeEvents}). Package-private for tests. */
    int[] storeEvents(String channel, List<PushEvent> events) {
        return inbox.storeEvents(channel, events, "push");
    }

    /** The shop running for {@code channel} and {@code shop}, or null. Package-private for tests. */
    Shop shop(String channel, String shop) {
        return ctx.find(channel, shop);
    }

    // ---- helpers

    private ChannelPlatform platform(String channel) {
        ChannelPlatform p = platforms.get(channel);
        if (p == null) {
            throw new IllegalArgumentException("the platform " + channel + " is not installed; installed: " + platforms());
        }
        return p;
    }

    static String key(String channel, String shop) {
        return channel + "/" + shop;
    }

    /** Reads in a transaction of its own; a database failure is a {@link StoreUnavailableException}. */
    static <T> T read(Database db, Database.Work<T> work) {
        try {
            return db.read(work);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the channel tables cannot be read: " + e.getMessage(), e);
        }
    }

    /** Writes in a durable transaction of its own; a database failure is a {@link StoreUnavailableException}. */
    static <T> T write(Database db, Database.Work<T> work) {
        try (Tx tx = db.begin()) {
            T result = work.run(tx);
            tx.commitDurably();
            return result;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the channel tables cannot be written: " + e.getMessage(), e);
        }
    }
}

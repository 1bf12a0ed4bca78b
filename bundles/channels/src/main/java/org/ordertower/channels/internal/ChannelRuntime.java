package org.ordertower.channels.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.ordertower.api.Access;
import org.ordertower.api.Actor;
import org.ordertower.api.Caller;
import org.ordertower.api.IntakeResult;
import org.ordertower.api.InvalidOrderException;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderNotFoundException;
import org.ordertower.api.OrderService;
import org.ordertower.api.RawPayload;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.channel.CarrierCode;
import org.ordertower.api.channel.ChannelConnector.Capability;
import org.ordertower.api.channel.ChannelConnector;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelListing;
import org.ordertower.api.channel.ChannelPlatform;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.DeadLetter;
import org.ordertower.api.channel.DecryptRequest;
import org.ordertower.api.channel.ListingReport;
import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.PullPage;
import org.ordertower.api.channel.PullPolicy;
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
import org.ordertower.api.fulfilment.Carriers;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.channels.internal.ChannelStore.Cursor;
import org.ordertower.channels.internal.ChannelStore.StoredEvent;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Core's channel runtime: pulls each shop on a timer (windowed, paged, resumable from the stored
 * cursor, under a lease so one node pulls a shop), consumes platform message queues, stores pushed
 * events before answering and processes them afterwards (fetching the order when the push carries only
 * its id), keeps dead letters, and notes which path saw each order for reconciliation. The connectors
 * speak the protocols; this class owns timers, cursors, leases, retries and the inbox. Thread-safe.
 */
public final class ChannelRuntime implements ChannelService, TokenStore, AutoCloseable {
    private static final int EVENT_BATCH = 50;
    /** After an item message, the shop's listings are downloaded this much later, and at most once a minute. */
    private static final long LISTING_MESSAGE_DELAY_MS = 2_000;
    private static final long LISTING_MESSAGE_SPACING_MS = 60_000;
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
    private static final Object REPEAT = new Object();
    private final Logger logger = LoggerFactory.getLogger(ChannelRuntime.class);
    private final Database db;
    private final OrderService orders;
    private final Clock clock;
    private final Options options;
    private final ChannelStore store = new ChannelStore();
    private final Map<String, Shop> shops = new ConcurrentHashMap<>();
    private final Map<String, ChannelPlatform> platforms = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;
    private final ExecutorService intakePool;
    private final Object eventSignal = new Object();
    private final Thread eventWorker;
    private volatile boolean closed;
    private final Vocabularies vocabularies;
    private final Vocabulary vocabulary;

    public ChannelRuntime(Database db, OrderService orders, Clock clock, Options options) {
        this(db, orders, clock, options, Vocabularies.NONE);
    }

    public ChannelRuntime(Database db, OrderService orders, Clock clock, Options options, Vocabularies vocabularies) {
        this.vocabularies = vocabularies;
        this.vocabulary = new Vocabulary(db, clock, vocabularies.catalog(), vocabularies.carrierOverrides());
        this.db = db;
        this.orders = orders;
        this.clock = clock;
        this.options = options;
        this.timers = Executors.newScheduledThreadPool(2, daemon("ordertower-channel-timer"));
        this.intakePool = Executors.newFixedThreadPool(options.intakeThreads(), daemon("ordertower-channel-intake"));
        this.eventWorker = daemon("ordertower-channel-events").newThread(this::processEvents);
        this.eventWorker.start();
        timers.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
    }

    // ---- connectors and platforms coming and going

    /** A shop's connector arrived: schedule its pulls and message polls. */
    public void add(ChannelConnector connector) {
        Shop shop = new Shop(connector);
        Shop old = shops.put(shop.key, shop);
        if (old != null) {
            old.cancel();
        }
        if (options.schedule()) {
            shop.schedule();
        }
        logger.info("Channel {} shop {} is up ({})", connector.channelId(), connector.shop(), connector.capabilities());
    }

    /** A shop's connector went: stop its timers (a pull in progress finishes its page). */
    public void remove(ChannelConnector connector) {
        Shop shop = shops.get(key(connector.channelId(), connector.shop()));
        if (shop != null && shop.connector == connector) {
            shops.remove(shop.key);
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
        Shop shop = shops.get(key(channel, update.shop()));
        if (shop == null) {
            throw new ChannelException(ChannelException.Kind.PERMANENT,
                    "no shop " + update.shop() + " is configured for channel " + channel);
        }
        shop.connector.updateStock(vocabulary.resolve(shop.connector, update));
    }

    // ---- ChannelService

    @Override
    public ShipResult ship(String channel, String shop, Shipment shipment) {
        Shop s = installed(channel, shop);
        if (!s.connector.capabilities().contains(ChannelConnector.Capability.SHIP)) {
            throw new ChannelException(ChannelException.Kind.PERMANENT, "channel " + channel + " cannot ship");
        }
        CarrierCode code = carrierCode(s, shipment.carrierCode());
        if (!code.mapped()) {
            throw new ChannelException(ChannelException.Kind.TRANSIENT, code.problem(), null,
                    Duration.ofMinutes(5), null);
        }
        return s.connector.ship(new Shipment(shipment.platformOrderId(), shipment.lineNos(), code.shipCode(),
                shipment.trackingNo()));
    }

    /** The translation of {@code carrier} on the shop's platform; the platform's list is read first if it never was. */
    private CarrierCode carrierCode(Shop s, String carrier) {
        CarrierCode code = vocabulary.translate(s.connector, carrier);
        if (!code.mapped() && CarrierCode.MISSING.equals(code.source()) && !vocabulary.hasCarriers(s.connector)) {
            vocabulary.refreshCarriers(s.connector);
            code = vocabulary.translate(s.connector, carrier);
        }
        return code;
    }

    @Override
    public List<CarrierCode> carrierCodes(String channel) {
        List<CarrierCode> out = new ArrayList<>();
        for (Shop s : new TreeMap<>(shops).values()) {
            if (channel == null || s.channel.equals(channel)) {
                for (String carrier : Carriers.codes()) {
                    out.add(carrierCode(s, carrier));
                }
            }
        }
        return out;
    }

    @Override
    public CarrierCode carrierCode(String channel, String shop, String carrier) {
        Shop s = shops.get(key(channel, shop));
        if (s == null) {
            throw new IllegalArgumentException("no connector of shop " + shop + " of channel " + channel + " is installed");
        }
        return carrierCode(s, carrier);
    }

    @Override
    public int refreshCarriers(String channel) {
        int n = 0;
        for (Shop s : new TreeMap<>(shops).values()) {
            if ((channel == null || s.channel.equals(channel)) && vocabulary.refreshCarriers(s.connector)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public List<ChannelListing> listings(String channel, String shop, boolean unmatchedOnly) {
        List<ChannelListing> out = new ArrayList<>();
        for (Shop s : new TreeMap<>(shops).values()) {
            if ((channel == null || s.channel.equals(channel)) && (shop == null || s.shop.equals(shop))) {
                vocabulary.listingsOf(s.channel, s.shop).values().stream().filter(l -> !unmatchedOnly || !l.matched())
                        .forEach(out::add);
            }
        }
        return out;
    }

    @Override
    public ListingReport refreshListings(String channel, String shop) {
        Shop s = shops.get(key(channel, shop));
        if (s == null) {
            throw new IllegalArgumentException("no shop " + shop + " of channel " + channel + " is configured");
        }
        return s.refreshListings();
    }

    @Override
    public RefundResult returnReceived(String channel, String shop, ReturnOutcome outcome) {
        Shop s = installed(channel, shop);
        if (!s.connector.capabilities().contains(ChannelConnector.Capability.REFUND)) {
            throw new UnsupportedOperationException("channel " + channel + " cannot report refunds");
        }
        return s.connector.returnReceived(outcome);
    }

    /** The shop's connector for a call fulfilment retries: one not installed now may come back (TRANSIENT). */
    private Shop installed(String channel, String shop) {
        Shop s = shops.get(key(channel, shop));
        if (s == null) {
            throw new ChannelException(ChannelException.Kind.TRANSIENT, "no connector of shop " + shop + " of channel "
                    + channel + " is installed now");
        }
        return s;
    }

    @Override
    public List<ShopStatus> shops() {
        List<ShopStatus> out = new ArrayList<>();
        for (Shop s : new TreeMap<>(shops).values()) {
            Cursor c = read(tx -> store.cursor(tx, s.channel, s.shop)).orElse(null);
            out.add(new ShopStatus(s.channel, s.shop, s.connector.capabilities(), s.owned, c == null ? null : c.from(),
                    c == null ? null : c.page(), s.lastPullAt, c == null ? null : c.caughtUpTo(), s.ordersPulled.get(),
                    s.eventsReceived.get(), s.lastError, s.lastErrorAt));
        }
        return out;
    }

    @Override
    public PullReport pull(String channel, String shop) {
        return shop(channel, shop).pull(true);
    }

    @Override
    public Reconciliation reconcile(String channel, String shop, Instant since) {
        Shop s = shop(channel, shop);
        Cursor c = read(tx -> store.cursor(tx, channel, shop)).orElse(null);
        Instant covered = c == null ? null : c.caughtUpTo();
        List<ChannelStore.Seen> seen = read(tx -> store.seenSince(tx, channel, shop, since));
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
        List<Shop> candidates = shops.values().stream().filter(s -> s.channel.equals(channel)).toList();
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no shop of channel " + channel + " is configured");
        }
        ChannelException refused = null;
        for (Shop s : candidates) {
            List<PushEvent> events;
            try {
                events = s.connector.verifyPush(request);
            } catch (ChannelException e) {
                if (e.kind() == ChannelException.Kind.AUTH) {
                    refused = e; // another shop's (app's) secret may verify it
                    continue;
                }
                throw e;
            }
            int[] counts = storeEvents(channel, s.listingEvents(events), "push");
            s.eventsReceived.addAndGet(counts[0]);
            return new PushReceipt(s.shop, counts[0], counts[1]);
        }
        throw refused;
    }

    @Override
    public List<DeadLetter> deadLetters(String channel, int limit) {
        return read(tx -> store.deadLetters(tx, channel, Math.max(1, Math.min(limit, 1000))));
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
        Objects.requireNonNull(caller, "caller");
        Access.requireBuyerData(caller, "decrypting the receiver of order " + orderId);
        Actor actor = caller.actor();
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reason is required to decrypt the receiver of order " + orderId
                    + "; it goes into the order's audit trail");
        }
        Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        NormalizedOrder content = order.content();
        String channel = content.channel();
        Shop shop = shops.get(key(channel, content.shop()));
        if (shop == null) {
            throw new IllegalArgumentException("order " + orderId + " came from " + channel + " shop " + content.shop()
                    + ", which has no connector installed here, so its receiver cannot be decrypted;"
                    + " it keeps what the channel gave");
        }
        if (!shop.connector.capabilities().contains(Capability.DECRYPT)) {
            throw new IllegalArgumentException("order " + orderId + " came from " + channel + ", whose connector cannot decrypt"
                    + " buyer data (it does " + shop.connector.capabilities() + "); the order keeps what the platform gave");
        }
        try (MDC.MDCCloseable c = MDC.putCloseable("channel", channel); MDC.MDCCloseable s = MDC.putCloseable("shop", shop.shop);
                MDC.MDCCloseable o = MDC.putCloseable("orderId", String.valueOf(orderId))) {
            Receiver receiver;
            try {
                receiver = shop.connector.decrypt(DecryptRequest.of(content));
            } catch (ChannelException e) {
                logger.debug("Decrypting the receiver of order {} for {} was refused: {} {}", orderId, actor, e.kind(),
                        e.getMessage());
                throw e;
            }
            List<String> fields = receiver.fields();
            // recorded before the plaintext leaves: no audit row, no plaintext
            orders.audit(orderId, actor, DECRYPTED, fields.isEmpty() ? null : String.join(",", fields), reason.strip());
            logger.debug("Decrypted the {} of order {} for {}", fields, orderId, actor);
            return receiver;
        }
    }

    // ---- TokenStore

    @Override
    public Optional<AccessToken> load(String channel, String shop) {
        return read(tx -> store.token(tx, channel, shop));
    }

    @Override
    public void save(String channel, String shop, AccessToken token) {
        write(tx -> {
            store.saveToken(tx, channel, shop, token, clock.instant());
            return null;
        });
    }

    @Override
    public void close() {
        closed = true;
        shops.values().forEach(Shop::cancel);
        timers.shutdownNow();
        intakePool.shutdownNow();
        eventWorker.interrupt();
    }

    // ---- events

    /** Stores events in one durable transaction; returns {stored, repeats}. */
    private int[] storeEvents(String channel, List<PushEvent> events, String source) {
        int[] counts = write(tx -> {
            int stored = 0;
            int repeats = 0;
            Instant now = clock.instant();
            for (PushEvent e : events) {
                if (store.addEvent(tx, channel, e, source, now)) {
                    stored++;
                } else {
                    repeats++;
                }
            }
            return new int[] { stored, repeats };
        });
        if (counts[0] > 0) {
            synchronized (eventSignal) {
                eventSignal.notifyAll();
            }
        }
        return counts;
    }

    private void processEvents() {
        while (!closed) {
            int done = 0;
            try {
                done = processDueEvents();
            } catch (RuntimeException e) {
                logger.warn("Processing pushed events failed: {}", e.getMessage());
            }
            if (done == 0) {
                synchronized (eventSignal) {
                    try {
                        eventSignal.wait(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** Processes the events due now; returns how many it handled. Package-private for tests. */
    int processDueEvents() {
        Instant now = clock.instant();
        List<StoredEvent> due = read(tx -> store.dueEvents(tx, now, EVENT_BATCH));
        int handled = 0;
        for (StoredEvent e : due) {
            boolean mine = write(tx -> store.claimEvent(tx, e.id(), e.attempts(), now.plus(Duration.ofMinutes(2))));
            if (mine) {
                handle(e);
                handled++;
            }
        }
        return handled;
    }

    private void handle(StoredEvent e) {
        Shop shop = shops.get(key(e.channel(), e.shop()));
        Instant now = clock.instant();
        if (shop == null) {
            write(tx -> {
                store.eventRetry(tx, e.id(), now.plus(Duration.ofMinutes(1)),
                        "no connector is installed for " + e.channel() + " shop " + e.shop());
                return null;
            });
            return;
        }
        String payload = e.payload();
        try {
            if (payload == null) {
                payload = shop.connector.fetch(e.platformOrderId()).payload();
            }
            String raw = payload;
            NormalizedOrder order = shop.map(raw);
            orders.intake(order, new RawPayload(e.source(), "application/json", raw), Actor.channel(e.channel()));
            write(tx -> {
                store.seen(tx, e.channel(), e.shop(), order.platformOrderId(), false, now);
                store.eventDone(tx, e.id(), now, null);
                return null;
            });
        } catch (ChannelException ex) {
            boolean retry = ex.kind() != ChannelException.Kind.PERMANENT && e.attempts() + 1 < options.maxEventAttempts();
            failEvent(e, payload, shop.channel + " " + ex.kind() + ": " + ex.getMessage(), retry, ex.retryAfter());
            shop.error(ex);
        } catch (InvalidOrderException ex) {
            failEvent(e, payload, "the mapped order is invalid: " + String.join("; ", ex.problems()), false, null);
        } catch (StoreUnavailableException ex) {
            failEvent(e, payload, "the store is unavailable: " + ex.getMessage(), true, null);
        }
    }

    private void failEvent(StoredEvent e, String payload, String reason, boolean retry, Duration hint) {
        Instant now = clock.instant();
        write(tx -> {
            if (retry) {
                Duration backOff = hint != null ? hint : Duration.ofSeconds(Math.min(600, 5L << Math.min(e.attempts(), 7)));
                store.eventRetry(tx, e.id(), now.plus(backOff), reason);
            } else {
                store.deadLetter(tx, e.channel(), e.shop(), e.source(), e.platformOrderId(), reason, payload, now);
                store.eventDone(tx, e.id(), now, reason);
            }
            return null;
        });
        if (!retry) {
            logger.warn("Channel {} shop {}: event {} dead-lettered: {}", e.channel(), e.shop(), e.messageId(), reason);
        }
    }

    private void purge() {
        try {
            int n = write(tx -> store.purgeEvents(tx, clock.instant().minus(options.keepEvents())));
            if (n > 0) {
                logger.debug("Purged {} processed channel events", n);
            }
        } catch (RuntimeException e) {
            logger.warn("Purging channel events failed: {}", e.getMessage());
        }
    }

    // ---- helpers

    private Shop shop(String channel, String shop) {
        Shop s = shops.get(key(channel, shop));
        if (s == null) {
            throw new IllegalArgumentException("no shop " + shop + " is configured for channel " + channel
                    + (shops.isEmpty() ? " (no shop is configured at all)" : "; configured: " + new TreeMap<>(shops).keySet()));
        }
        return s;
    }

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

    private <T> T read(Database.Work<T> work) {
        return read(db, work);
    }

    /** Reads in a transaction of its own; a database failure is a {@link StoreUnavailableException}. */
    static <T> T read(Database db, Database.Work<T> work) {
        try {
            return db.read(work);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the channel tables cannot be read: " + e.getMessage(), e);
        }
    }

    private <T> T write(Database.Work<T> work) {
        return write(db, work);
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

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One configured shop: its connector, timers and counters. */
    private final class Shop {
        final ChannelConnector connector;
        final String channel;
        final String shop;
        final String key;
        final AtomicInteger ordersPulled = new AtomicInteger();
        final AtomicInteger eventsReceived = new AtomicInteger();
        final RecentPayloads recent = new RecentPayloads(RECENT_PAYLOADS);
        final java.util.concurrent.atomic.AtomicBoolean listingRefreshDue = new java.util.concurrent.atomic.AtomicBoolean();
        volatile long lastListingRefresh = System.nanoTime() - LISTING_MESSAGE_SPACING_MS * 1_000_000;
        private final List<java.util.concurrent.ScheduledFuture<?>> timers = new ArrayList<>();
        volatile boolean owned;
        volatile Instant lastPullAt;
        volatile String lastError;
        volatile Instant lastErrorAt;

        Shop(ChannelConnector connector) {
            this.connector = connector;
            this.channel = connector.channelId();
            this.shop = connector.shop();
            this.key = key(channel, shop);
        }

        /**
         * Starts the shop's timers. A shop that can list its items downloads its listings and its platform's logistics
         * company list first, and only then pulls and consumes messages, so that the orders it takes find their
         * listings mapped.
         */
        void schedule() {
            boolean vocabularyFirst = connector.capabilities().contains(Capability.LISTINGS)
                    || connector.capabilities().contains(Capability.CARRIERS);
            if (!vocabularyFirst) {
                scheduleOrders(0);
                return;
            }
            java.util.concurrent.ScheduledFuture<?> first = ChannelRuntime.this.timers.schedule(() -> {
                if (connector.capabilities().contains(Capability.CARRIERS)) {
                    quietly(() -> vocabulary.refreshCarriers(connector));
                }
                if (connector.capabilities().contains(Capability.LISTINGS)) {
                    quietly(this::refreshListings);
                }
                synchronized (timers) {
                    if (timers.isEmpty()) {
                        return; // cancelled meanwhile
                    }
                    scheduleOrders(0);
                    long carriers = vocabularies.carriersEvery().toMillis();
                    if (carriers > 0 && connector.capabilities().contains(Capability.CARRIERS)) {
                        timers.add(ChannelRuntime.this.timers.scheduleWithFixedDelay(
                                () -> quietly(() -> vocabulary.refreshCarriers(connector)), carriers, carriers,
                                TimeUnit.MILLISECONDS));
                    }
                    long listings = vocabularies.listingsEvery().toMillis();
                    if (listings > 0 && connector.capabilities().contains(Capability.LISTINGS)) {
                        timers.add(ChannelRuntime.this.timers.scheduleWithFixedDelay(() -> quietly(this::refreshListings),
                                listings, listings, TimeUnit.MILLISECONDS));
                    }
                }
            }, 100, TimeUnit.MILLISECONDS);
            synchronized (timers) {
                timers.add(first);
            }
        }

        /** The pull and message timers. */
        private void scheduleOrders(long delayMillis) {
            PullPolicy policy = connector.pullPolicy();
            synchronized (timers) {
                if (connector.capabilities().contains(Capability.PULL)) {
                    timers.add(ChannelRuntime.this.timers.scheduleWithFixedDelay(() -> quietly(() -> pull(false)),
                            delayMillis + 1, policy.interval().toMillis(), TimeUnit.MILLISECONDS));
                }
                if (connector.capabilities().contains(Capability.MESSAGES)) {
                    timers.add(ChannelRuntime.this.timers.scheduleWithFixedDelay(() -> quietly(this::consumeMessages),
                            delayMillis + 500, options.messageInterval().toMillis(), TimeUnit.MILLISECONDS));
                }
            }
        }

        /** Synchronized with itself: one download of a shop at a time. */
        synchronized ListingReport refreshListings() {
            listingRefreshDue.set(false);
            lastListingRefresh = System.nanoTime();
            return vocabulary.refreshListings(connector);
        }

        /**
         * The order events of a push; a listing event (the platform's item message) asks for one download of the shop's
         * listings soon (several in a row make one download).
         */
        List<PushEvent> listingEvents(List<PushEvent> events) {
            if (events.stream().noneMatch(e -> e.kind() == PushEvent.Kind.LISTING)) {
                return events;
            }
            if (connector.capabilities().contains(Capability.LISTINGS) && listingRefreshDue.compareAndSet(false, true)) {
                // item messages come in storms (a stock change of every item is one): at most one download a minute
                long sinceLast = (System.nanoTime() - lastListingRefresh) / 1_000_000;
                long delay = Math.max(LISTING_MESSAGE_DELAY_MS, LISTING_MESSAGE_SPACING_MS - sinceLast);
                ChannelRuntime.this.timers.schedule(() -> quietly(this::refreshListings), delay, TimeUnit.MILLISECONDS);
            }
            return events.stream().filter(e -> e.kind() != PushEvent.Kind.LISTING).toList();
        }

        void cancel() {
            synchronized (timers) {
                timers.forEach(t -> t.cancel(false));
                timers.clear();
            }
        }

        private void quietly(Runnable r) {
            try {
                r.run();
            } catch (ChannelException e) {
                error(e);
            } catch (RuntimeException e) {
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                lastErrorAt = clock.instant();
                logger.warn("Channel {} shop {}: {}", channel, shop, lastError);
            }
        }

        void error(ChannelException e) {
            lastError = e.kind() + ": " + e.getMessage();
            lastErrorAt = clock.instant();
            if (e.kind() == ChannelException.Kind.AUTH || e.kind() == ChannelException.Kind.PERMANENT) {
                logger.warn("Channel {} shop {}: {}", channel, shop, lastError);
            } else {
                logger.debug("Channel {} shop {}: {}", channel, shop, lastError);
            }
        }

        private boolean lease() {
            Instant now = clock.instant();
            Duration hold = connector.pullPolicy().interval().multipliedBy(3);
            Instant until = now.plus(hold.compareTo(Duration.ofMinutes(2)) < 0 ? Duration.ofMinutes(2) : hold);
            owned = write(tx -> store.lease(tx, channel, shop, options.node(), now, until));
            return owned;
        }

        /** Pulls window after window until caught up with the platform's clock minus its lag. */
        synchronized PullReport pull(boolean asked) {
            if (!lease()) {
                if (asked) {
                    throw new IllegalStateException("another node holds the lease of " + key + "; pull it there");
                }
                return new PullReport(0, 0, 0, 0, 0, 0, null);
            }
            PullPolicy policy = connector.pullPolicy();
            // whole seconds: platforms take seconds, and a page token names its window exactly
            Instant platformNow = connector.platformTime().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            Instant limit = platformNow.minus(policy.lag());
            Instant oldest = platformNow.minus(policy.maxLookBack());
            Cursor c = read(tx -> store.cursor(tx, channel, shop))
                    .orElse(new Cursor(platformNow.minus(options.initialLookBack()), null, null, null));
            if (c.from().isBefore(oldest)) {
                logger.warn("Channel {} shop {}: the cursor {} is older than the platform keeps ({}); pulling from {}", channel,
                        shop, c.from(), policy.maxLookBack(), oldest);
                c = new Cursor(oldest, null, null, c.caughtUpTo());
            }
            int[] n = new int[6]; // windows, pages, orders, stored, unchanged, dead letters
            while (true) {
                Instant from = c.from();
                Instant to;
                String page;
                if (c.page() != null && c.to() != null) {
                    to = c.to(); // resume the unfinished window where its last stored page left it
                    page = c.page();
                } else {
                    to = min(from.plus(policy.maxWindow()), limit);
                    page = null;
                    if (!to.isAfter(from)) {
                        break; // caught up
                    }
                }
                do {
                    PullPage p = connector.pull(from, to, page);
                    n[1]++;
                    n[2] += p.orders().size();
                    storePage(p.orders(), n);
                    page = p.next();
                    Cursor progress = new Cursor(from, to, page, c.caughtUpTo());
                    write(tx -> {
                        store.saveCursor(tx, channel, shop, progress, clock.instant());
                        return null;
                    });
                } while (page != null);
                n[0]++;
                // the next window reaches back over this one's end; a window shorter than the overlap
                // (two pulls within moments) keeps its start, so the overlap is never skipped
                Instant next = to.minus(policy.overlap());
                c = new Cursor(next.isAfter(from) ? next : from, null, null, to);
                Cursor done = c;
                write(tx -> {
                    store.saveCursor(tx, channel, shop, done, clock.instant());
                    return null;
                });
                if (!to.isBefore(limit)) {
                    break;
                }
            }
            lastPullAt = clock.instant();
            lastError = null;
            return new PullReport(n[0], n[1], n[2], n[3], n[4], n[5], c.caughtUpTo());
        }

        /** Maps and stores one page's orders concurrently (intake groups their commits), then notes them as pulled. */
        private void storePage(List<PlatformOrder> page, int[] n) {
            List<Future<Object>> results = new ArrayList<>();
            for (PlatformOrder po : page) {
                results.add(intakePool.submit(() -> {
                    if (recent.seen(po.platformOrderId(), po.payload())) {
                        return REPEAT; // the overlap brought the very payload this node stored: nothing to do
                    }
                    try {
                        NormalizedOrder o = map(po.payload());
                        IntakeResult r = orders.intake(o, new RawPayload("pull", "application/json", po.payload()),
                                Actor.channel(channel));
                        recent.stored(po.platformOrderId(), po.payload());
                        return r;
                    } catch (ChannelException e) {
                        if (e.kind() != ChannelException.Kind.PERMANENT) {
                            throw e;
                        }
                        return e.getMessage();
                    } catch (InvalidOrderException e) {
                        return "the mapped order is invalid: " + String.join("; ", e.problems());
                    }
                }));
            }
            List<String> pulled = new ArrayList<>();
            Map<PlatformOrder, String> dead = new java.util.LinkedHashMap<>();
            for (int i = 0; i < page.size(); i++) {
                Object r;
                try {
                    r = results.get(i).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreUnavailableException("interrupted while storing a page", e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re; // the store is down: the cursor stays before this page
                    }
                    throw new IllegalStateException(e.getCause());
                }
                if (r == REPEAT) {
                    n[4]++; // noted as pulled when it was stored
                } else if (r instanceof IntakeResult ir) {
                    pulled.add(page.get(i).platformOrderId());
                    if (ir.outcome() == IntakeResult.Outcome.CREATED || ir.outcome() == IntakeResult.Outcome.UPDATED) {
                        n[3]++;
                    } else {
                        n[4]++;
                    }
                } else {
                    dead.put(page.get(i), (String) r);
                }
            }
            ordersPulled.addAndGet(n[3]);
            n[5] += dead.size();
            Instant now = clock.instant();
            write(tx -> {
                for (String id : pulled) {
                    store.seen(tx, channel, shop, id, true, now);
                }
                for (Map.Entry<PlatformOrder, String> d : dead.entrySet()) {
                    store.deadLetter(tx, channel, shop, "pull", d.getKey().platformOrderId(), d.getValue(), d.getKey().payload(),
                            now);
                }
                return null;
            });
            dead.forEach((po, why) -> logger.warn("Channel {} shop {}: order {} dead-lettered: {}", channel, shop,
                    po.platformOrderId(), why));
        }

        /** Maps a payload, refusing an order of another shop or channel. */
        NormalizedOrder map(String payload) {
            NormalizedOrder o = connector.map(shop, payload);
            if (!channel.equals(o.channel()) || !shop.equals(o.shop())) {
                throw new ChannelException(ChannelException.Kind.PERMANENT, "the connector of " + key + " mapped an order of "
                        + o.channel() + "/" + o.shop());
            }
            return o;
        }

        /** Takes queued messages, stores their events, then confirms them. */
        void consumeMessages() {
            if (!lease()) {
                return;
            }
            List<PushEvent> events = connector.consumeMessages(200);
            if (events.isEmpty()) {
                return;
            }
            int[] counts = storeEvents(channel, listingEvents(events), "message");
            eventsReceived.addAndGet(counts[0]);
            connector.confirmMessages(events.stream().map(PushEvent::messageId).toList());
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}

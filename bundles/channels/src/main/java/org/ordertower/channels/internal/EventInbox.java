package org.ordertower.channels.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.ordertower.api.Actor;
import org.ordertower.api.InvalidOrderException;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.RawPayload;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.channel.ChannelConnector;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.DeadLetter;
import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.PullPage;
import org.ordertower.api.channel.PushEvent;
import org.ordertower.api.channel.PushReceipt;
import org.ordertower.api.channel.PushRequest;
import org.ordertower.channels.internal.ChannelStore.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox of pushed and consumed events: stores them before the push is answered, and its worker processes them
 * afterwards (fetching the order when an event carries only its id), retrying with back-off, dead-lettering, purging.
 */
final class EventInbox {
    private static final int EVENT_BATCH = 500;
    /** The fewest orders, in one window, worth a narrow pull instead of a fetch each. */
    static final int NARROW_MIN_ORDERS = 3;
    /** The widest window of one narrow pull: the events' times, grouped, span at most this. */
    static final Duration NARROW_SPAN = Duration.ofSeconds(20);
    /** How far a narrow pull's window reaches beyond its events' times, each side (the platforms' times in seconds). */
    static final Duration NARROW_SLACK = Duration.ofSeconds(1);
    /** The most pages one narrow pull reads; the orders it did not bring are fetched one by one. */
    static final int NARROW_MAX_PAGES = 20;
    private final Logger logger = LoggerFactory.getLogger(EventInbox.class);
    private final ChannelContext ctx;
    private final Object eventSignal = new Object();
    private final Thread eventWorker;
    private volatile boolean closed;

    EventInbox(ChannelContext ctx) {
        this.ctx = ctx;
        this.eventWorker = ChannelContext.daemon("ordertower-channel-events").newThread(this::processEvents);
    }

    /** Starts the worker and the hourly purge. */
    void start() {
        eventWorker.start();
        ctx.timers.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
    }

    /** Verifies a push with the channel's shops in turn (the first whose secret verifies it takes it) and stores it. */
    PushReceipt receivePush(String channel, PushRequest request) {
        List<Shop> candidates = ctx.shops.values().stream().filter(s -> s.channel.equals(channel)).toList();
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

    List<DeadLetter> deadLetters(String channel, int limit) {
        return ctx.read(tx -> ctx.store.deadLetters(tx, channel, null, Math.max(1, Math.min(limit, MAX_DEAD_LETTERS))));
    }

    /** The most dead letters one read gives. */
    static final int MAX_DEAD_LETTERS = 1000;

    /** One page, newest first, below the id {@code after}. */
    List<DeadLetter> deadLetters(String channel, Long after, int limit) {
        if (limit < 1 || limit > MAX_DEAD_LETTERS) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_DEAD_LETTERS + ", was " + limit);
        }
        return ctx.read(tx -> ctx.store.deadLetters(tx, channel, after, limit));
    }

    /** Stores events in one durable transaction; returns {stored, repeats}. */
    int[] storeEvents(String channel, List<PushEvent> events, String source) {
        int[] counts = ctx.write(tx -> {
            int stored = 0;
            int repeats = 0;
            Instant now = ctx.clock.instant();
            for (PushEvent e : events) {
                if (e.order() != null && e.order().payload() != null && e.order().payload().indexOf('\u0000') >= 0) {
                    // no JSON text holds a raw NUL, and PostgreSQL keeps none: the copy is broken, dead-lettered at once
                    ctx.store.deadLetter(tx, channel, e.shop(), source, e.platformOrderId(), "the payload holds a NUL "
                            + "character (U+0000), which no JSON text may hold raw; kept here with U+FFFD in its place",
                            e.order().payload(), now);
                    logger.warn("Channel {} shop {}: event {} dead-lettered: its payload holds a NUL character", channel,
                            e.shop(), e.messageId());
                    stored++;
                } else if (ctx.store.addEvent(tx, channel, e, source, now)) {
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

    /**
     * Processes the events due now; returns how many it handled. The batch is claimed in one commit, its events are
     * handled on the intake pool at once (an order's events one after another, in the order they came, so a later
     * event never overtakes an earlier one of the same order; the shops' orders taken in turn, so a shop held back by its
     * rate limit does not hold the others), and the outcomes are written in one commit: three durable commits a batch
     * where there were three an event, and the intake groups the orders' own commits.
     */
    int processDueEvents() {
        Instant now = ctx.clock.instant();
        List<StoredEvent> due = ctx.read(tx -> ctx.store.dueEvents(tx, now, EVENT_BATCH));
        if (due.isEmpty()) {
            return 0;
        }
        List<StoredEvent> mine = ctx.write(tx -> {
            List<StoredEvent> claimed = new ArrayList<>();
            for (StoredEvent e : due) {
                if (ctx.store.claimEvent(tx, e.id(), e.attempts(), now.plus(Duration.ofMinutes(2)))) {
                    claimed.add(e);
                }
            }
            return claimed;
        });
        // an order's events in one task; the tasks of the shops taken in turn, so that the pool's threads are shared
        // out among the shops: a shop whose calls wait for its rate limit holds no more than its share of them
        Map<String, Map<String, List<StoredEvent>>> byShop = new LinkedHashMap<>();
        for (StoredEvent e : mine) {
            byShop.computeIfAbsent(e.channel() + "\u0001" + e.shop(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(e.platformOrderId(), k -> new ArrayList<>()).add(e);
        }
        narrowPulls(byShop);
        List<Iterator<List<StoredEvent>>> shops = new ArrayList<>();
        byShop.values().forEach(orders -> shops.add(orders.values().iterator()));
        List<Future<List<Outcome>>> work = new ArrayList<>();
        for (boolean more = true; more;) {
            more = false;
            for (Iterator<List<StoredEvent>> shop : shops) {
                if (shop.hasNext()) {
                    List<StoredEvent> events = shop.next();
                    more = true;
                    work.add(ctx.intakePool.submit(() -> {
                        List<Outcome> outcomes = new ArrayList<>();
                        for (StoredEvent e : events) {
                            outcomes.add(handle(e));
                        }
                        return outcomes;
                    }));
                }
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < work.size(); i++) {
            try {
                outcomes.addAll(work.get(i).get());
            } catch (ExecutionException ex) {
                // handle() turns what it expects into outcomes; anything else leaves the events claimed, so they come
                // again when the claim runs out
                logger.warn("Processing pushed events failed: {}", ex.getCause() == null ? ex : ex.getCause().toString());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                work.subList(i, work.size()).forEach(f -> f.cancel(true));
                break;
            }
        }
        record(outcomes);
        return mine.size();
    }

    /** What became of one event: done, another attempt at {@code retryAt}, or dead-lettered with {@code reason}. */
    private record Outcome(StoredEvent event, String platformOrderId, String payload, String reason, Instant retryAt,
            boolean deadLetter) {
        static Outcome done(StoredEvent e, String platformOrderId) {
            return new Outcome(e, platformOrderId, null, null, null, false);
        }
    }

    /** Writes the batch's outcomes in one durable commit, then logs the dead letters. */
    private void record(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        Instant now = ctx.clock.instant();
        ctx.write(tx -> {
            for (Outcome o : outcomes) {
                StoredEvent e = o.event();
                if (o.reason() == null) {
                    ctx.store.seen(tx, e.channel(), e.shop(), o.platformOrderId(), false, now);
                    ctx.store.eventDone(tx, e.id(), now, null);
                } else if (!o.deadLetter()) {
                    ctx.store.eventRetry(tx, e.id(), o.retryAt(), o.reason());
                } else {
                    ctx.store.deadLetter(tx, e.channel(), e.shop(), e.source(), e.platformOrderId(), o.reason(), o.payload(), now);
                    ctx.store.eventDone(tx, e.id(), now, o.reason());
                }
            }
            return null;
        });
        for (Outcome o : outcomes) {
            if (o.deadLetter()) {
                logger.warn("Channel {} shop {}: event {} dead-lettered: {}", o.event().channel(), o.event().shop(),
                        o.event().messageId(), o.reason());
            }
        }
    }

    /** Fetches (when the event carries only the order's id), maps and takes in one event's order; writes nothing else. */
    private Outcome handle(StoredEvent e) {
        Shop shop = ctx.find(e.channel(), e.shop());
        Instant now = ctx.clock.instant();
        if (shop == null) {
            return new Outcome(e, null, null, "no connector is installed for " + e.channel() + " shop " + e.shop(),
                    now.plus(Duration.ofMinutes(1)), false);
        }
        String payload = e.payload();
        try {
            if (payload == null) {
                payload = shop.fresh.answering(e.platformOrderId(), e.receivedAt(), now);
                if (payload != null) {
                    shop.fetchesSpared.incrementAndGet();
                } else {
                    Instant asked = ctx.clock.instant();
                    payload = shop.connector.fetch(e.platformOrderId()).payload();
                    // the order's other events of this batch were stored before this call: they take this copy
                    shop.fresh.put(e.platformOrderId(), payload, asked);
                }
            }
            if (shop.recent.seen(e.platformOrderId(), payload) || shop.recentPushed.seen(e.platformOrderId(), payload)) {
                return Outcome.done(e, e.platformOrderId()); // this very payload is stored already
            }
            String raw = payload;
            NormalizedOrder order = shop.map(raw);
            ctx.orders.intake(order, new RawPayload(e.source(), "application/json", raw), Actor.channel(e.channel()));
            shop.recentPushed.stored(e.platformOrderId(), raw);
            return Outcome.done(e, order.platformOrderId());
        } catch (ChannelException ex) {
            boolean retry = ex.kind() != ChannelException.Kind.PERMANENT && e.attempts() + 1 < ctx.options.maxEventAttempts();
            shop.error(ex, retry); // an event dead-lettered now is logged once, as a dead letter
            return failed(e, payload, shop.channel + " " + ex.kind() + ": " + ex.getMessage(), retry, ex.retryAfter());
        } catch (InvalidOrderException ex) {
            if (Shop.ownChannelUnknown(ex, e.channel())) {
                // the core lost the channel for a moment (its connector restarting, the node stopping): tried again
                return failed(e, payload, "the core takes no " + e.channel() + " orders at this moment", true, null);
            }
            return failed(e, payload, "the mapped order is invalid: " + String.join("; ", ex.problems()), false, null);
        } catch (StoreUnavailableException ex) {
            return failed(e, payload, "the store is unavailable: " + ex.getMessage(), true, null);
        } catch (RuntimeException ex) {
            // a connector's fetch or the intake failing in a way neither promises: tried again like a transient error,
            // then dead-lettered with the reason, instead of staying claimed and coming back for ever
            // the log names the error and where it was thrown, not its message, which may quote a buyer's data
            String where = Shop.where(ex);
            logger.warn("Channel {} shop {}: handling the event of order {} failed unexpectedly: {}", e.channel(),
                    e.shop(), e.platformOrderId(), where);
            logger.debug("The unexpected failure", ex);
            return failed(e, payload, "unexpected error: " + where, e.attempts() + 1 < ctx.options.maxEventAttempts(),
                    null);
        }
    }

    /**
     * Before a batch's events are handled: for each shop that can pull, the orders of events that carry only an id and
     * happened close together are asked for with one narrow pull of the window of their times (a page holds up to a
     * hundred orders) instead of one fetch each, and kept in the shop's {@link FreshCopies}; the shops pull at once, on
     * the intake pool. An order the pull did not bring (the platform's index may lag, a page limit ran out) is fetched
     * as before; a failed pull only means fetches. The pull keeps no cursor: the shop's own pulls stay as they are.
     */
    private void narrowPulls(Map<String, Map<String, List<StoredEvent>>> byShop) {
        List<Future<?>> pulls = new ArrayList<>();
        Instant now = ctx.clock.instant();
        for (Map<String, List<StoredEvent>> orders : byShop.values()) {
            StoredEvent first = orders.values().iterator().next().get(0);
            Shop shop = ctx.find(first.channel(), first.shop());
            if (shop == null || !shop.connector.capabilities().contains(ChannelConnector.Capability.PULL)) {
                continue;
            }
            List<List<StoredEvent>> windows = windows(orders.values(), shop.fresh, now);
            for (List<StoredEvent> w : windows) {
                pulls.add(ctx.intakePool.submit(() -> narrowPull(shop, w)));
            }
        }
        for (Future<?> f : pulls) {
            try {
                f.get();
            } catch (ExecutionException ex) {
                logger.info("A narrow pull failed; its orders are fetched one by one: {}", ex.getCause() == null ? ex
                        : ex.getCause().toString());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The windows worth a narrow pull: for each order that needs a fetch (no payload, a time from the platform, no fresh
     * copy yet), its latest event, by time, grouped so that a group spans at most {@link #NARROW_SPAN}; the groups of
     * at least {@link #NARROW_MIN_ORDERS} orders.
     */
    static List<List<StoredEvent>> windows(Collection<List<StoredEvent>> orders, FreshCopies fresh, Instant now) {
        List<StoredEvent> wanted = new ArrayList<>();
        for (List<StoredEvent> events : orders) {
            StoredEvent e = events.get(0);
            if (events.stream().allMatch(x -> x.payload() == null) && e.occurredAt() != null
                    && fresh.answering(e.platformOrderId(), e.receivedAt(), now) == null) {
                wanted.add(events.stream().max(Comparator.comparing(x -> x.occurredAt() == null ? Instant.MIN
                        : x.occurredAt())).orElseThrow());
            }
        }
        wanted.sort(Comparator.comparing(StoredEvent::occurredAt));
        List<List<StoredEvent>> windows = new ArrayList<>();
        List<StoredEvent> w = new ArrayList<>();
        for (StoredEvent e : wanted) {
            if (!w.isEmpty() && Duration.between(w.get(0).occurredAt(), e.occurredAt()).compareTo(NARROW_SPAN) > 0) {
                if (w.size() >= NARROW_MIN_ORDERS) {
                    windows.add(w);
                }
                w = new ArrayList<>();
            }
            w.add(e);
        }
        if (w.size() >= NARROW_MIN_ORDERS) {
            windows.add(w);
        }
        return windows;
    }

    /** Pulls the window of these events' times, page after page until each of their orders came or the pages ran out. */
    private void narrowPull(Shop shop, List<StoredEvent> events) {
        Instant from = events.get(0).occurredAt().minus(NARROW_SLACK).truncatedTo(ChronoUnit.SECONDS);
        Instant to = events.get(events.size() - 1).occurredAt().plus(NARROW_SLACK).plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        Instant platformNow = shop.connector.platformTime().truncatedTo(ChronoUnit.SECONDS);
        if (to.isAfter(platformNow)) {
            to = platformNow; // platforms refuse a window that ends in their future
        }
        if (!to.isAfter(from)) {
            return;
        }
        Set<String> missing = new HashSet<>();
        events.forEach(e -> missing.add(e.platformOrderId()));
        String page = null;
        int pages = 0;
        int brought = 0;
        do {
            Instant asked = ctx.clock.instant();
            PullPage p = shop.connector.pull(from, to, page);
            pages++;
            for (PlatformOrder o : p.orders()) {
                shop.fresh.put(o.platformOrderId(), o.payload(), asked);
                if (missing.remove(o.platformOrderId())) {
                    brought++;
                }
            }
            page = p.next();
        } while (page != null && !missing.isEmpty() && pages < NARROW_MAX_PAGES);
        shop.narrowPulls.incrementAndGet();
        logger.debug("Channel {} shop {}: a narrow pull of {} .. {} brought {} of {} orders in {} pages", shop.channel,
                shop.shop, from, to, brought, events.size(), pages);
    }

    private Outcome failed(StoredEvent e, String payload, String reason, boolean retry, Duration hint) {
        Instant now = ctx.clock.instant();
        if (retry) {
            Duration backOff = hint != null ? hint : Duration.ofSeconds(Math.min(600, 5L << Math.min(e.attempts(), 7)));
            return new Outcome(e, null, payload, reason, now.plus(backOff), false);
        }
        return new Outcome(e, null, payload, reason, null, true);
    }

    private void purge() {
        try {
            int n = ctx.write(tx -> ctx.store.purgeEvents(tx, ctx.clock.instant().minus(ctx.options.keepEvents())));
            if (n > 0) {
                logger.debug("Purged {} processed channel events", n);
            }
        } catch (RuntimeException e) {
            logger.warn("Purging channel events failed: {}", e.getMessage());
        }
    }

    /** Ends the worker: it stops waiting and takes no more events. */
    void close() {
        closed = true;
        eventWorker.interrupt();
    }
}

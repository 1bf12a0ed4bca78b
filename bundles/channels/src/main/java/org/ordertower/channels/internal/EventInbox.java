package org.ordertower.channels.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.ordertower.api.Actor;
import org.ordertower.api.InvalidOrderException;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.RawPayload;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.DeadLetter;
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
    private static final int EVENT_BATCH = 200;
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
                if (ctx.store.addEvent(tx, channel, e, source, now)) {
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
        List<java.util.Iterator<List<StoredEvent>>> shops = new ArrayList<>();
        byShop.values().forEach(orders -> shops.add(orders.values().iterator()));
        List<Future<List<Outcome>>> work = new ArrayList<>();
        for (boolean more = true; more;) {
            more = false;
            for (java.util.Iterator<List<StoredEvent>> shop : shops) {
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
                payload = shop.connector.fetch(e.platformOrderId()).payload();
            }
            String raw = payload;
            NormalizedOrder order = shop.map(raw);
            ctx.orders.intake(order, new RawPayload(e.source(), "application/json", raw), Actor.channel(e.channel()));
            return Outcome.done(e, order.platformOrderId());
        } catch (ChannelException ex) {
            boolean retry = ex.kind() != ChannelException.Kind.PERMANENT && e.attempts() + 1 < ctx.options.maxEventAttempts();
            shop.error(ex);
            return failed(e, payload, shop.channel + " " + ex.kind() + ": " + ex.getMessage(), retry, ex.retryAfter());
        } catch (InvalidOrderException ex) {
            return failed(e, payload, "the mapped order is invalid: " + String.join("; ", ex.problems()), false, null);
        } catch (StoreUnavailableException ex) {
            return failed(e, payload, "the store is unavailable: " + ex.getMessage(), true, null);
        }
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

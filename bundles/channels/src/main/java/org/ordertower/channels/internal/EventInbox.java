package org.ordertower.channels.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    private static final int EVENT_BATCH = 50;
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

    /** Processes the events due now; returns how many it handled. */
    int processDueEvents() {
        Instant now = ctx.clock.instant();
        List<StoredEvent> due = ctx.read(tx -> ctx.store.dueEvents(tx, now, EVENT_BATCH));
        int handled = 0;
        for (StoredEvent e : due) {
            boolean mine = ctx.write(tx -> ctx.store.claimEvent(tx, e.id(), e.attempts(), now.plus(Duration.ofMinutes(2))));
            if (mine) {
                handle(e);
                handled++;
            }
        }
        return handled;
    }

    private void handle(StoredEvent e) {
        Shop shop = ctx.find(e.channel(), e.shop());
        Instant now = ctx.clock.instant();
        if (shop == null) {
            ctx.write(tx -> {
                ctx.store.eventRetry(tx, e.id(), now.plus(Duration.ofMinutes(1)),
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
            ctx.orders.intake(order, new RawPayload(e.source(), "application/json", raw), Actor.channel(e.channel()));
            ctx.write(tx -> {
                ctx.store.seen(tx, e.channel(), e.shop(), order.platformOrderId(), false, now);
                ctx.store.eventDone(tx, e.id(), now, null);
                return null;
            });
        } catch (ChannelException ex) {
            boolean retry = ex.kind() != ChannelException.Kind.PERMANENT && e.attempts() + 1 < ctx.options.maxEventAttempts();
            failEvent(e, payload, shop.channel + " " + ex.kind() + ": " + ex.getMessage(), retry, ex.retryAfter());
            shop.error(ex);
        } catch (InvalidOrderException ex) {
            failEvent(e, payload, "the mapped order is invalid: " + String.join("; ", ex.problems()), false, null);
        } catch (StoreUnavailableException ex) {
            failEvent(e, payload, "the store is unavailable: " + ex.getMessage(), true, null);
        }
    }

    private void failEvent(StoredEvent e, String payload, String reason, boolean retry, Duration hint) {
        Instant now = ctx.clock.instant();
        ctx.write(tx -> {
            if (retry) {
                Duration backOff = hint != null ? hint : Duration.ofSeconds(Math.min(600, 5L << Math.min(e.attempts(), 7)));
                ctx.store.eventRetry(tx, e.id(), now.plus(backOff), reason);
            } else {
                ctx.store.deadLetter(tx, e.channel(), e.shop(), e.source(), e.platformOrderId(), reason, payload, now);
                ctx.store.eventDone(tx, e.id(), now, reason);
            }
            return null;
        });
        if (!retry) {
            logger.warn("Channel {} shop {}: event {} dead-lettered: {}", e.channel(), e.shop(), e.messageId(), reason);
        }
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

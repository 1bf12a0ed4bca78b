package org.ordertower.inventory.internal.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.inventory.StockPush;
import org.ordertower.api.inventory.StockUpdater;
import org.ordertower.lanes.Lane;
import org.ordertower.lanes.Lanes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel's stock-push lane: the route {@code stock-push-<channel>} takes the listings that are due and pushes
 * them, one call at a time, on a thread of its own, so a slow platform delays only itself; an admin pauses one
 * channel's pushes with {@code camel:route-suspend ordertower-inventory stock-push-<channel>}, and the quantities wait
 * here (coalesced) until it is resumed.
 * Coalesces: a listing queued again before its call replaces the older quantity. Retries
 * TRANSIENT and RATE_LIMITED failures with exponential back-off up to {@code maxAttempts}; AUTH and
 * PERMANENT failures are recorded and wait for the next change.
 */
final class ChannelWorker implements Lane<List<Desired>> {
    private final Logger logger = LoggerFactory.getLogger(ChannelWorker.class);
    private final String channel;
    private final StockUpdater updater;
    private final Clock clock;
    private final int maxAttempts;
    private final long backoffMillis;
    private final Consumer<List<StockPush>> done;
    private final Map<Listing, Desired> pending = new LinkedHashMap<>();

    ChannelWorker(String channel, StockUpdater updater, Clock clock, int maxAttempts, long backoffMillis,
            Consumer<List<StockPush>> done) {
        this.channel = channel;
        this.updater = updater;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.backoffMillis = backoffMillis;
        this.done = done;
    }

    /** The route id of a channel's lane, as camel:route-list shows it. */
    static String routeId(String channel) {
        return Lanes.routeId("stock-push", channel);
    }

    StockUpdater updater() {
        return updater;
    }

    synchronized void offer(Desired d) {
        Desired old = pending.get(d.listing());
        if (old != null && old.attempt() > 1) {
            // a listing in back-off keeps its wait: a change must not hammer a platform that is down
            d = new Desired(d.listing(), d.update(), old.attempt(), old.notBefore());
        }
        pending.put(d.listing(), d); // a newer quantity replaces one not yet sent
    }

    /** Pushes the listings {@link #take} handed out, then reports them. */
    @Override
    public void run(List<Desired> due) {
        List<StockPush> results = new ArrayList<>(due.size());
        for (Desired d : due) {
            results.add(push(d));
        }
        done.accept(results);
    }

    /** Up to 200 listings whose push is due (not waiting out a back-off), or null when none is. */
    @Override
    public synchronized List<Desired> take() {
        if (pending.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        List<Desired> due = new ArrayList<>();
        for (var it = pending.values().iterator(); it.hasNext() && due.size() < 200;) {
            Desired d = it.next();
            if (!d.notBefore().isAfter(now)) {
                due.add(d);
                it.remove();
            }
        }
        return due.isEmpty() ? null : due;
    }

    /** Listings waiting for their push (tests). */
    synchronized int pending() {
        return pending.size();
    }

    private StockPush push(Desired d) {
        int attempt = d.attempt();
        try {
            updater.updateStock(d.update());
            return result(d, true, null);
        } catch (ChannelException e) {
            boolean retry = (e.kind() == ChannelException.Kind.TRANSIENT || e.kind() == ChannelException.Kind.RATE_LIMITED)
                    && attempt < maxAttempts;
            logger.debug("Stock push to {} {} {} failed ({}, attempt {}): {}", channel, d.listing().shop(),
                    d.listing().channelSku(), e.kind(), attempt, e.getMessage());
            if (retry) {
                requeue(d, attempt);
            }
            return result(d, false, e.kind() + ": " + e.getMessage() + (retry ? " (will retry)" : ""));
        } catch (RuntimeException e) {
            logger.warn("Stock updater of {} failed unexpectedly; the push is retried", channel, e);
            if (attempt < maxAttempts) {
                requeue(d, attempt);
            }
            return result(d, false, "updater failed: " + e);
        }
    }

    private synchronized void requeue(Desired d, int attempt) {
        long delay = Math.min(60_000, backoffMillis << Math.min(16, attempt - 1));
        // keep a newer quantity that arrived meanwhile; it starts its own attempts
        pending.putIfAbsent(d.listing(), new Desired(d.listing(), d.update(), attempt + 1, clock.instant().plusMillis(delay)));
    }

    private StockPush result(Desired d, boolean ok, String error) {
        Instant now = clock.instant();
        return new StockPush(now, channel, d.listing().shop(), d.listing().channelSku(), d.update().quantity(),
                d.update().presale(), ok, error, d.attempt(), Duration.between(d.update().changedAt(), now).toMillis());
    }
}

package org.ordertower.channels.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.ordertower.api.Actor;
import org.ordertower.api.IntakeResult;
import org.ordertower.api.InvalidOrderException;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.RawPayload;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.channel.ChannelConnector;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.PullPage;
import org.ordertower.api.channel.PullPolicy;
import org.ordertower.api.channel.PullReport;
import org.ordertower.channels.internal.ChannelStore.Cursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pull loop: windows up to the platform's clock minus its lag, paged, resumable from the stored cursor and page
 * token, under the shop's lease; stores each page's orders through intake and dead-letters those that cannot map.
 */
final class PullLoop {
    private static final Object REPEAT = new Object();
    private final Logger logger = LoggerFactory.getLogger(PullLoop.class);
    private final ChannelContext ctx;

    PullLoop(ChannelContext ctx) {
        this.ctx = ctx;
    }

    /** Pulls window after window until caught up with the platform's clock minus its lag; the caller holds the shop. */
    PullReport pull(Shop s, boolean asked) {
        String channel = s.channel;
        String shop = s.shop;
        ChannelConnector connector = s.connector;
        if (!s.lease()) {
            if (asked) {
                throw new IllegalStateException("another node holds the lease of " + s.key + "; pull it there");
            }
            return new PullReport(0, 0, 0, 0, 0, 0, null);
        }
        PullPolicy policy = connector.pullPolicy();
        // whole seconds: platforms take seconds, and a page token names its window exactly
        Instant platformNow = connector.platformTime().truncatedTo(ChronoUnit.SECONDS);
        Instant limit = platformNow.minus(policy.lag());
        Instant oldest = platformNow.minus(policy.maxLookBack());
        Cursor c = ctx.read(tx -> ctx.store.cursor(tx, channel, shop))
                .orElse(new Cursor(platformNow.minus(ctx.options.initialLookBack()), null, null, null));
        if (c.from().isBefore(oldest)) {
            logger.warn("Channel {} shop {}: the cursor {} is older than the platform keeps ({}); pulling from {}", channel,
                    shop, c.from(), policy.maxLookBack(), oldest);
            c = new Cursor(oldest, null, null, c.caughtUpTo());
        }
        if (c.page() == null && c.from().isAfter(limit)) {
            // the platform's clock reads earlier than the windows already pulled (it went back, or this node's did):
            // what it stamps from now on is before the cursor, so pull again from its clock, repeats being harmless
            Instant back = limit.minus(policy.overlap());
            logger.warn("Channel {} shop {}: the platform's clock ({}) is behind the pull cursor ({}); pulling again from {}",
                    channel, shop, platformNow, c.from(), back);
            c = new Cursor(back, null, null, c.caughtUpTo());
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
                storePage(s, p.orders(), n);
                page = p.next();
                Cursor progress = new Cursor(from, to, page, c.caughtUpTo());
                ctx.write(tx -> {
                    ctx.store.saveCursor(tx, channel, shop, progress, ctx.clock.instant());
                    return null;
                });
            } while (page != null);
            n[0]++;
            // the next window reaches back over this one's end; a window shorter than the overlap
            // (two pulls within moments) keeps its start, so the overlap is never skipped
            Instant next = to.minus(policy.overlap());
            c = new Cursor(next.isAfter(from) ? next : from, null, null, to);
            Cursor done = c;
            ctx.write(tx -> {
                ctx.store.saveCursor(tx, channel, shop, done, ctx.clock.instant());
                return null;
            });
            if (!to.isBefore(limit)) {
                break;
            }
        }
        s.lastPullAt = ctx.clock.instant();
        s.lastError = null;
        return new PullReport(n[0], n[1], n[2], n[3], n[4], n[5], c.caughtUpTo());
    }

    /** Maps and stores one page's orders concurrently (intake groups their commits), then notes them as pulled. */
    private void storePage(Shop s, List<PlatformOrder> page, int[] n) {
        String channel = s.channel;
        String shop = s.shop;
        List<Future<Object>> results = new ArrayList<>();
        for (PlatformOrder po : page) {
            results.add(ctx.intakePool.submit(() -> {
                if (s.recent.seen(po.platformOrderId(), po.payload())) {
                    return REPEAT; // the overlap brought the very payload this node stored: nothing to do
                }
                try {
                    NormalizedOrder o = s.map(po.payload());
                    IntakeResult r = ctx.orders.intake(o, new RawPayload("pull", "application/json", po.payload()),
                            Actor.channel(channel));
                    s.recent.stored(po.platformOrderId(), po.payload());
                    return r;
                } catch (ChannelException e) {
                    if (e.kind() != ChannelException.Kind.PERMANENT) {
                        throw e;
                    }
                    return e.getMessage();
                } catch (InvalidOrderException e) {
                    if (Shop.ownChannelUnknown(e, channel)) {
                        // the core lost the channel for a moment (its connector restarting, the node stopping): the
                        // cursor stays before this page, which is pulled again, instead of dead-lettering good orders
                        throw new StoreUnavailableException("the core takes no " + channel + " orders at this moment: "
                                + e.problems().get(0), e);
                    }
                    return "the mapped order is invalid: " + String.join("; ", e.problems());
                }
            }));
        }
        List<String> pulled = new ArrayList<>();
        int stored = 0;
        Map<PlatformOrder, String> dead = new LinkedHashMap<>();
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
                    stored++;
                } else {
                    n[4]++;
                }
            } else {
                dead.put(page.get(i), (String) r);
            }
        }
        // this page's orders only: n[3] is the whole pull's running count
        n[3] += stored;
        s.ordersPulled.addAndGet(stored);
        n[5] += dead.size();
        Instant now = ctx.clock.instant();
        ctx.write(tx -> {
            for (String id : pulled) {
                ctx.store.seen(tx, channel, shop, id, true, now);
            }
            for (Map.Entry<PlatformOrder, String> d : dead.entrySet()) {
                ctx.store.deadLetter(tx, channel, shop, "pull", d.getKey().platformOrderId(), d.getValue(),
                        d.getKey().payload(), now);
            }
            return null;
        });
        dead.forEach((po, why) -> {
            // the next pull's overlap brings this very payload again: taken as handled, not dead-lettered twice
            s.recent.stored(po.platformOrderId(), po.payload());
            logger.warn("Channel {} shop {}: order {} dead-lettered: {}", channel, shop, po.platformOrderId(), why);
        });
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}

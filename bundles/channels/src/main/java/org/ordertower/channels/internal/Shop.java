package org.ordertower.channels.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.channel.ChannelConnector;
import org.ordertower.api.channel.ChannelConnector.Capability;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ListingReport;
import org.ordertower.api.channel.PullPolicy;
import org.ordertower.api.channel.PullReport;
import org.ordertower.api.channel.PushEvent;
import org.ordertower.lanes.Lane;
import org.ordertower.lanes.Lanes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One configured shop: its connector, routes and timers, lease, counters and last error, and its message consumption. */
final class Shop {
    /** After an item message, the shop's listings are downloaded this much later, and at most once a minute. */
    private static final long LISTING_MESSAGE_DELAY_MS = 2_000;
    private static final long LISTING_MESSAGE_SPACING_MS = 60_000;
    private final Logger logger = LoggerFactory.getLogger(Shop.class);
    private final ChannelContext ctx;
    private final PullLoop pulls;
    private final EventInbox inbox;
    final ChannelConnector connector;
    final String channel;
    final String shop;
    final String key;
    final AtomicInteger ordersPulled = new AtomicInteger();
    final AtomicInteger eventsReceived = new AtomicInteger();
    final RecentPayloads recent = new RecentPayloads(ChannelRuntime.RECENT_PAYLOADS);
    /**
     * The same for the events' orders, apart: a pull that meets a payload of {@link #recent} takes it as noted pulled
     * already, which an event's order is not.
     */
    final RecentPayloads recentPushed = new RecentPayloads(ChannelRuntime.RECENT_PAYLOADS);
    /** Orders narrow pulls (and fetches) brought, for the events stored before they were asked for. */
    final FreshCopies fresh = new FreshCopies(ChannelRuntime.RECENT_PAYLOADS, java.time.Duration.ofMinutes(2));
    /** Narrow pulls made, and fetches a copy spared. */
    final AtomicLong narrowPulls = new AtomicLong();
    final AtomicLong fetchesSpared = new AtomicLong();
    final AtomicBoolean listingRefreshDue = new AtomicBoolean();
    volatile long lastListingRefresh = System.nanoTime() - LISTING_MESSAGE_SPACING_MS * 1_000_000;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private final List<String> routes = new ArrayList<>();
    private boolean cancelled;
    volatile boolean owned;
    volatile Instant lastPullAt;
    volatile String lastError;
    volatile Instant lastErrorAt;
    /** Calls refused for their rate (the platform's answer or the app's limiter), since start. */
    final java.util.concurrent.atomic.AtomicLong rateLimited = new java.util.concurrent.atomic.AtomicLong();
    /** Stock pushes to the shop, and those the platform refused. */
    final CallMeter pushes;
    final java.util.concurrent.atomic.AtomicLong pushFailures = new java.util.concurrent.atomic.AtomicLong();

    Shop(ChannelConnector connector, ChannelContext ctx, PullLoop pulls, EventInbox inbox) {
        this.ctx = ctx;
        this.pulls = pulls;
        this.inbox = inbox;
        this.connector = connector;
        this.channel = connector.channelId();
        this.shop = connector.shop();
        this.key = ChannelRuntime.key(channel, shop);
        this.pushes = new CallMeter(ctx.clock);
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
        ScheduledFuture<?> first = ctx.timers.schedule(() -> {
            if (connector.capabilities().contains(Capability.CARRIERS)) {
                quietly(() -> ctx.vocabulary.refreshCarriers(connector));
            }
            if (connector.capabilities().contains(Capability.LISTINGS)) {
                quietly(this::refreshListings);
            }
            synchronized (timers) {
                if (cancelled) {
                    return;
                }
                scheduleOrders(0);
                long carriers = ctx.vocabularies.carriersEvery().toMillis();
                if (carriers > 0 && connector.capabilities().contains(Capability.CARRIERS)) {
                    timers.add(ctx.timers.scheduleWithFixedDelay(
                            () -> quietly(() -> ctx.vocabulary.refreshCarriers(connector)), carriers, carriers,
                            TimeUnit.MILLISECONDS));
                }
                long listings = ctx.vocabularies.listingsEvery().toMillis();
                if (listings > 0 && connector.capabilities().contains(Capability.LISTINGS)) {
                    timers.add(ctx.timers.scheduleWithFixedDelay(() -> quietly(this::refreshListings),
                            listings, listings, TimeUnit.MILLISECONDS));
                }
            }
        }, 100, TimeUnit.MILLISECONDS);
        synchronized (timers) {
            timers.add(first);
        }
    }

    /** The pull and message routes, each polled on the shop's interval. */
    private void scheduleOrders(long delayMillis) {
        PullPolicy policy = connector.pullPolicy();
        synchronized (timers) {
            if (cancelled) {
                return;
            }
            if (connector.capabilities().contains(Capability.PULL)) {
                String id = routeId(channel, shop, "pull");
                ctx.lanes.start(id, Lanes.Schedule.every(policy.interval(), Duration.ofMillis(delayMillis + 1)),
                        Lane.every(() -> quietly(() -> pull(false))));
                routes.add(id);
            }
            if (connector.capabilities().contains(Capability.MESSAGES)) {
                String id = routeId(channel, shop, "messages");
                ctx.lanes.start(id, Lanes.Schedule.every(ctx.options.messageInterval(), Duration.ofMillis(delayMillis + 500)),
                        Lane.every(() -> quietly(this::consumeMessages)));
                routes.add(id);
            }
        }
    }

    /**
     * The id of a shop's route, such as {@code shop-taobao-main-pull}: characters other than letters, digits, dot,
     * dash and underscore become underscores, so the id can be typed in {@code camel:route-suspend}.
     */
    static String routeId(String channel, String shop, String what) {
        return Lanes.routeId("shop", channel, shop, what);
    }

    /** Synchronized with itself and with {@link #pull}: one download or pull of a shop at a time. */
    synchronized ListingReport refreshListings() {
        listingRefreshDue.set(false);
        lastListingRefresh = System.nanoTime();
        return ctx.vocabulary.refreshListings(connector);
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
            ctx.timers.schedule(() -> quietly(this::refreshListings), delay, TimeUnit.MILLISECONDS);
        }
        return events.stream().filter(e -> e.kind() != PushEvent.Kind.LISTING).toList();
    }

    void cancel() {
        synchronized (timers) {
            cancelled = true;
            timers.forEach(t -> t.cancel(false));
            timers.clear();
            for (String id : routes) {
                ctx.lanes.stop(id);
            }
            routes.clear();
        }
    }

    private void quietly(Runnable r) {
        try {
            r.run();
        } catch (ChannelException e) {
            error(e);
        } catch (RuntimeException e) {
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            lastErrorAt = ctx.clock.instant();
            logger.warn("Channel {} shop {}: {}", channel, shop, lastError);
        }
    }

    void error(ChannelException e) {
        error(e, true);
    }

    /**
     * Notes a failed call or mapping as the shop's last error; logs it (AUTH and PERMANENT at WARN) unless
     * {@code log} is false, where the caller logs the outcome itself (a dead letter), so that a flood of bad payloads
     * gives one line each, not two.
     */
    void error(ChannelException e, boolean log) {
        if (e.kind() == ChannelException.Kind.RATE_LIMITED) {
            rateLimited.incrementAndGet();
        }
        lastError = e.kind() + ": " + e.getMessage();
        lastErrorAt = ctx.clock.instant();
        if (!log) {
            return;
        }
        if (e.kind() == ChannelException.Kind.AUTH || e.kind() == ChannelException.Kind.PERMANENT) {
            logger.warn("Channel {} shop {}: {}", channel, shop, lastError);
        } else {
            logger.debug("Channel {} shop {}: {}", channel, shop, lastError);
        }
    }

    /** Takes or renews the shop's lease for this node; notes and returns whether this node holds it. */
    boolean lease() {
        Instant now = ctx.clock.instant();
        Duration hold = connector.pullPolicy().interval().multipliedBy(3);
        Instant until = now.plus(hold.compareTo(Duration.ofMinutes(2)) < 0 ? Duration.ofMinutes(2) : hold);
        owned = ctx.write(tx -> ctx.store.lease(tx, channel, shop, ctx.options.node(), now, until));
        return owned;
    }

    /** Pulls window after window until caught up (see {@link PullLoop}); one pull or listing download at a time. */
    synchronized PullReport pull(boolean asked) {
        return pulls.pull(this, asked);
    }

    /**
     * Maps a payload, refusing an order of another shop or channel. A connector that fails on a payload with anything
     * but a {@link ChannelException} (a bug of its own, such as a null it did not expect, or a stack overflow on deep
     * nesting) is taken as refusing it for good, so that the payload is dead-lettered with the reason and the pull or
     * the inbox goes on, instead of being held up on it. The reason names the error and where it was thrown, never the
     * payload's values (they may be a buyer's data).
     */
    NormalizedOrder map(String payload) {
        NormalizedOrder o;
        try {
            o = connector.map(shop, payload);
        } catch (ChannelException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new ChannelException(ChannelException.Kind.PERMANENT, "the connector of " + key
                    + " failed on this payload: " + where(e));
        }
        if (!channel.equals(o.channel()) || !shop.equals(o.shop())) {
            throw new ChannelException(ChannelException.Kind.PERMANENT, "the connector of " + key + " mapped an order of "
                    + o.channel() + "/" + o.shop());
        }
        return o;
    }

    /**
     * Whether the core refused an order only because it does not know the order's channel, this shop's own: the core
     * names the channels whose connectors are registered, so its own channel missing means the connector is coming or
     * going (a restart, the node stopping), a passing state to wait out, never a fault of the order.
     */
    static boolean ownChannelUnknown(org.ordertower.api.InvalidOrderException e, String channel) {
        return e.problems().size() == 1 && e.problems().get(0).startsWith("unknown channel '" + channel + "'");
    }

    /** An unexpected error's type and the frame it came from, without its message (which may quote the payload). */
    static String where(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return e.getClass().getName() + (trace.length == 0 ? "" : " at " + trace[0].getClassName() + "."
                + trace[0].getMethodName() + "(" + trace[0].getFileName() + ":" + trace[0].getLineNumber() + ")");
    }

    /** Messages one consume call asks for. */
    static final int MESSAGES_PER_CALL = 200;
    /** Consume calls one tick makes at most while the queue still gives messages (then the next tick goes on). */
    static final int MESSAGE_CALLS_PER_TICK = 25;

    /**
     * Takes queued messages, stores their events, then confirms them; again at once while the queue gives messages (a
     * peak queues more than one call's worth between two ticks), up to {@link #MESSAGE_CALLS_PER_TICK} calls.
     */
    void consumeMessages() {
        if (!lease()) {
            return;
        }
        for (int call = 0; call < MESSAGE_CALLS_PER_TICK; call++) {
            List<PushEvent> events = connector.consumeMessages(MESSAGES_PER_CALL);
            if (events.isEmpty()) {
                return;
            }
            int[] counts = inbox.storeEvents(channel, listingEvents(events), "message");
            eventsReceived.addAndGet(counts[0]);
            connector.confirmMessages(events.stream().map(PushEvent::messageId).toList());
        }
    }
}

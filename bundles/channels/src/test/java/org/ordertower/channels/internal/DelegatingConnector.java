package org.ordertower.channels.internal;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.channel.ChannelConnector;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.DecryptRequest;
import org.ordertower.api.channel.ListingPage;
import org.ordertower.api.channel.LogisticsCompany;
import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.PullPage;
import org.ordertower.api.channel.PullPolicy;
import org.ordertower.api.channel.PushEvent;
import org.ordertower.api.channel.PushRequest;
import org.ordertower.api.channel.Receiver;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.inventory.StockUpdate;

/**
 * A real connector with a test's pull policy (no lag, so orders placed a moment ago are in reach) and,
 * on demand, a crash: the pull call number {@code failAtPull} throws as a dropped connection would. Every other
 * call goes to the real connector; the platform's logistics company list may be trimmed
 * ({@link #hideCompanies}) to stand for a platform that lacks a carrier. Public for the flow tests of other
 * modules (the core test-jar).
 */
public final class DelegatingConnector implements ChannelConnector {
    final ChannelConnector real;
    final PullPolicy policy;
    final AtomicInteger pulls = new AtomicInteger();
    final AtomicInteger fetches = new AtomicInteger();
    /** While set and not counted down, a fetch waits for it (a slow platform call). */
    volatile java.util.concurrent.CountDownLatch fetchGate;
    volatile int failAtPull = -1;
    volatile String firstPage = "unset";
    private volatile Predicate<LogisticsCompany> hidden = c -> false;
    /** How far the platform's clock reads from the real connector's ({@link #platformTime}). */
    volatile java.time.Duration clockShift = java.time.Duration.ZERO;
    /** The window of the last pull call. */
    volatile Instant lastFrom;
    volatile Instant lastTo;
    /** Payloads the mapping fails on with a bug's exception rather than a {@link ChannelException}. */
    volatile Predicate<String> mapBug = p -> false;

    public DelegatingConnector(ChannelConnector real, PullPolicy policy) {
        this.real = real;
        this.policy = policy;
    }

    /** Leaves the companies {@code hidden} matches out of {@link #logisticsCompanies()} from now on. */
    public void hideCompanies(Predicate<LogisticsCompany> hidden) {
        this.hidden = hidden;
    }

    /** The pull calls made so far. */
    public int pulls() {
        return pulls.get();
    }

    @Override
    public String channelId() {
        return real.channelId();
    }

    @Override
    public String shop() {
        return real.shop();
    }

    @Override
    public Set<Capability> capabilities() {
        return real.capabilities();
    }

    @Override
    public String displayName() {
        return real.displayName();
    }

    @Override
    public PullPolicy pullPolicy() {
        return policy;
    }

    @Override
    public Instant platformTime() {
        // PDD asks its platform for the time: the window end follows the platform's clock
        return real.platformTime().plus(clockShift);
    }

    @Override
    public PullPage pull(Instant from, Instant to, String page) {
        lastFrom = from;
        lastTo = to;
        int n = pulls.incrementAndGet();
        if (n == 1) {
            firstPage = page;
        }
        if (n == failAtPull) {
            throw new ChannelException(ChannelException.Kind.TRANSIENT, "connection reset (injected)");
        }
        return real.pull(from, to, page);
    }

    @Override
    public PlatformOrder fetch(String platformOrderId) {
        fetches.incrementAndGet();
        java.util.concurrent.CountDownLatch gate = fetchGate;
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChannelException(ChannelException.Kind.TRANSIENT, "interrupted");
            }
        }
        return real.fetch(platformOrderId);
    }

    @Override
    public List<PushEvent> verifyPush(PushRequest request) {
        return real.verifyPush(request);
    }

    @Override
    public List<PushEvent> consumeMessages(int max) {
        return real.consumeMessages(max);
    }

    @Override
    public void confirmMessages(List<String> messageIds) {
        real.confirmMessages(messageIds);
    }

    @Override
    public Receiver decrypt(DecryptRequest request) {
        return real.decrypt(request);
    }

    @Override
    public org.ordertower.api.channel.RefundResult returnReceived(org.ordertower.api.channel.ReturnOutcome outcome) {
        return real.returnReceived(outcome);
    }

    @Override
    public NormalizedOrder map(String shop, String payload) {
        if (payload != null && mapBug.test(payload)) {
            String none = null;
            return real.map(shop, none.trim()); // a null the mapping did not expect, as a buggy connector meets it
        }
        return real.map(shop, payload);
    }

    @Override
    public ShipResult ship(Shipment shipment) {
        return real.ship(shipment);
    }

    @Override
    public void updateStock(StockUpdate update) {
        real.updateStock(update);
    }

    @Override
    public List<LogisticsCompany> logisticsCompanies() {
        Predicate<LogisticsCompany> h = hidden;
        return real.logisticsCompanies().stream().filter(c -> !h.test(c)).toList();
    }

    @Override
    public ListingPage listings(String page) {
        return real.listings(page);
    }

    @Override
    public String toString() {
        return "DelegatingConnector[" + real + "]";
    }
}

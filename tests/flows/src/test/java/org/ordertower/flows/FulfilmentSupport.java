package org.ordertower.flows;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.ordertower.api.Address;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.fulfilment.ParcelView;
import org.ordertower.api.fulfilment.TrackingEvent;
import org.ordertower.api.fulfilment.TrackingState;
import org.ordertower.fulfilment.internal.Fulfilment;
import org.ordertower.fulfilment.internal.Partners;
import org.ordertower.fulfilment.internal.Routing;

/**
 * What the fulfilment flow tests share: recording stand-ins for the warehouse system and the waybill and tracking
 * service, a {@link Fulfilment} on a {@link PipelineFixture} with a marketplace given as a handler, and the steps
 * the tests repeat (run until quiet, the WMS's shipping report, a tracking event).
 */
final class FulfilmentSupport {
    private FulfilmentSupport() {
    }

    /** The marketplace as the tests see it: one method of {@link ChannelService} called with its arguments. */
    interface Marketplace {
        Object call(String method, Object[] args) throws Throwable;
    }

    /** A fulfilment with retries due within milliseconds, 4 attempts, SF returning to HZ. */
    static Fulfilment fulfilment(PipelineFixture f, Partners partners, Marketplace marketplace) {
        return fulfilment(f, partners, marketplace, () -> f.inventoryRef);
    }

    /** As above, with the inventory as fulfilment sees it (a test takes it away from fulfilment alone). */
    static Fulfilment fulfilment(PipelineFixture f, Partners partners, Marketplace marketplace,
            java.util.function.Supplier<org.ordertower.api.inventory.InventoryService> inventory) {
        return fulfilment(f, partners, marketplace, inventory, f.ledger);
    }

    /** As above, writing to the order store through {@code ledger} (a test makes it refuse a write). */
    static Fulfilment fulfilment(PipelineFixture f, Partners partners, Marketplace marketplace,
            java.util.function.Supplier<org.ordertower.api.inventory.InventoryService> inventory,
            org.ordertower.core.spi.OrderLedger ledger) {
        ChannelService channels = (ChannelService) Proxy.newProxyInstance(FulfilmentSupport.class.getClassLoader(),
                new Class<?>[] { ChannelService.class }, (proxy, method, args) -> marketplace.call(method.getName(), args));
        Routing.Settings settings = Routing.Settings.parse("nearest,priority", "ZTO", "江苏|浙江|上海=SF",
                "ZTO=5+1.5;YTO=5.5+1.5", "SF");
        Fulfilment.Options options = new Fulfilment.Options("cainiao", "cainiao", "http://127.0.0.1:9", "OrderTower",
                "4000000000", Map.of("SF", "HZ"), 4, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofHours(72),
                Duration.ZERO, Duration.ofMillis(10), 50, Duration.ofMillis(1));
        return new Fulfilment(f.db, ledger, Clock.systemUTC(), inventory, () -> f.catalogRef,
                () -> channels, partners, settings, options, () -> { });
    }

    /** Runs the pipeline and fulfilment until neither moves. */
    static void settle(PipelineFixture f, Fulfilment fulfilment) throws InterruptedException {
        f.settle(fulfilment::runOnce);
    }

    static NormalizedOrder order(String id, String province, List<org.ordertower.api.OrderLine> lines,
            List<String> tags) {
        NormalizedOrder o = PipelineFixture.order(id, 1, PaymentStatus.PAID, lines);
        return new NormalizedOrder(o.channel(), o.shop(), o.platformOrderId(), o.platformVersion(), o.platformStatus(),
                o.paymentStatus(), o.buyer(), new Address("CN", province, "某市", "某区", null, "1号", null), o.lines(),
                o.amounts(), o.createdAt(), o.paidAt(), o.platformChangedAt(), o.buyerNote(), o.sellerNote(), tags);
    }

    static void shippedByWms(Fulfilment fulfilment, ParcelView p, String trackingNo) throws Exception {
        fulfilment.wmsEvents("qimen", List.of(TestWms.shipped(p, trackingNo, Instant.now())));
    }

    /**
     * The instant tracking events are dated from: fixed once, so that a carrier sending the same event again sends it
     * with the same time (built from the clock each time, two sends across a second's boundary were two events).
     */
    private static final Instant EVENTS_BASE = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    static TrackingEvent event(ParcelView p, TrackingState s, int hoursAgo) {
        return new TrackingEvent(p.carrier(), p.trackingNo(), s, EVENTS_BASE.minus(Duration.ofHours(hoursAgo)),
                s.name().toLowerCase(), "杭州", null);
    }
}

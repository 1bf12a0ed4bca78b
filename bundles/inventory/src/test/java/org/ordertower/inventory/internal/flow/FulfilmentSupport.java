package org.ordertower.inventory.internal.flow;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.ordertower.api.Address;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.PushRequest;
import org.ordertower.api.fulfilment.CallbackReply;
import org.ordertower.api.fulfilment.CancelResult;
import org.ordertower.api.fulfilment.CarrierConnector;
import org.ordertower.api.fulfilment.DeliveryAck;
import org.ordertower.api.fulfilment.DeliveryOrder;
import org.ordertower.api.fulfilment.EntryOrder;
import org.ordertower.api.fulfilment.ParcelView;
import org.ordertower.api.fulfilment.ReturnOrder;
import org.ordertower.api.fulfilment.ShippedPackage;
import org.ordertower.api.fulfilment.TrackingEvent;
import org.ordertower.api.fulfilment.TrackingState;
import org.ordertower.api.fulfilment.TrackingSubscription;
import org.ordertower.api.fulfilment.WarehouseConnector;
import org.ordertower.api.fulfilment.Waybill;
import org.ordertower.api.fulfilment.WaybillRequest;
import org.ordertower.api.fulfilment.WmsEvent;
import org.ordertower.api.fulfilment.WmsStock;
import org.ordertower.core.internal.fulfilment.Fulfilment;
import org.ordertower.core.internal.fulfilment.Partners;
import org.ordertower.core.internal.fulfilment.Routing;

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
        ChannelService channels = (ChannelService) Proxy.newProxyInstance(FulfilmentSupport.class.getClassLoader(),
                new Class<?>[] { ChannelService.class }, (proxy, method, args) -> marketplace.call(method.getName(), args));
        Routing.Settings settings = Routing.Settings.parse("nearest,priority", "ZTO", "江苏|浙江|上海=SF",
                "ZTO=5+1.5;YTO=5.5+1.5", "SF");
        Fulfilment.Options options = new Fulfilment.Options("cainiao", "cainiao", "http://127.0.0.1:9", "OrderTower",
                "4000000000", Map.of("SF", "HZ"), 4, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofHours(72),
                Duration.ZERO, Duration.ofMillis(10), 50, Duration.ofMillis(1));
        return new Fulfilment(f.db, f.store, f.intake, Clock.systemUTC(), () -> f.inventoryRef, () -> f.catalogRef,
                () -> channels, partners, settings, options, () -> { });
    }

    /** Runs the pipeline and fulfilment until neither moves. */
    static void settle(PipelineFixture f, Fulfilment fulfilment) throws InterruptedException {
        int quiet = 0;
        for (int i = 0; i < 500; i++) {
            int n = f.drain() + fulfilment.runOnce();
            quiet = n == 0 ? quiet + 1 : 0;
            if (quiet == 3) {
                return;
            }
            if (n == 0) {
                Thread.sleep(20); // retries are due within milliseconds here
            }
        }
        throw new AssertionError("fulfilment never came to rest");
    }

    static NormalizedOrder order(String id, String province, List<org.ordertower.api.OrderLine> lines,
            List<String> tags) {
        NormalizedOrder o = PipelineFixture.order(id, 1, PaymentStatus.PAID, lines);
        return new NormalizedOrder(o.channel(), o.shop(), o.platformOrderId(), o.platformVersion(), o.platformStatus(),
                o.paymentStatus(), o.buyer(), new Address("CN", province, "某市", "某区", null, "1号", null), o.lines(),
                o.amounts(), o.createdAt(), o.paidAt(), o.platformChangedAt(), o.buyerNote(), o.sellerNote(), tags);
    }

    static void shippedByWms(Fulfilment fulfilment, ParcelView p, String trackingNo) throws Exception {
        fulfilment.wmsEvents("qimen", List.of(new WmsEvent("ship-" + p.code(), WmsEvent.Kind.SHIPPED, p.code(),
                p.warehouse(), Instant.now(), List.of(new ShippedPackage(p.carrier(), trackingNo, 500, p.lines())), List.of(),
                "DELIVERED", null)));
    }

    static TrackingEvent event(ParcelView p, TrackingState s, int hoursAgo) {
        return new TrackingEvent(p.carrier(), p.trackingNo(), s, Instant.now().minus(Duration.ofHours(hoursAgo))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS), s.name().toLowerCase(), "杭州", null);
    }

    static final class Wms implements WarehouseConnector {
        final List<DeliveryOrder> created = new CopyOnWriteArrayList<>();
        final List<String> cancelled = new CopyOnWriteArrayList<>();
        final List<ReturnOrder> returns = new CopyOnWriteArrayList<>();

        @Override
        public String wmsId() {
            return "qimen";
        }

        @Override
        public Set<String> warehouses() {
            return Set.of("HZ", "BJ", "NB");
        }

        @Override
        public DeliveryAck createDelivery(DeliveryOrder order) {
            boolean repeat = created.stream().anyMatch(d -> d.code().equals(order.code()));
            if (!repeat) {
                created.add(order);
            }
            return new DeliveryAck(order.code(), "W" + order.code(), repeat);
        }

        @Override
        public CancelResult cancelDelivery(String code, String warehouse) {
            cancelled.add(code);
            return CancelResult.CANCELLED;
        }

        @Override
        public DeliveryAck createReturn(ReturnOrder order) {
            returns.add(order);
            return new DeliveryAck(order.code(), "WR" + order.code(), false);
        }

        @Override
        public DeliveryAck createEntry(EntryOrder order) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<WmsStock> stock(String warehouse, List<String> skus) {
            return List.of();
        }

        @Override
        public List<WmsEvent> verifyCallback(PushRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CallbackReply reply(boolean accepted, String message) {
            return new CallbackReply(200, "text/plain", accepted ? "ok" : message);
        }
    }

    static final class Carrier implements CarrierConnector {
        final List<Waybill> waybills = new CopyOnWriteArrayList<>();
        final List<String> cancelledWaybills = new CopyOnWriteArrayList<>();
        final List<String> subscribed = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String carrierId() {
            return "cainiao";
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.WAYBILL, Capability.TRACKING_PUSH);
        }

        @Override
        public Waybill applyWaybill(WaybillRequest r) {
            for (Waybill w : waybills) {
                if (w.parcelId().equals(r.parcelId())) {
                    return w;
                }
            }
            Waybill w = new Waybill(r.parcelId(), r.carrierCode(), r.carrierCode() + (100000 + waybills.size()), "print");
            waybills.add(w);
            return w;
        }

        @Override
        public void cancelWaybill(String carrierCode, String waybillNo) {
            cancelledWaybills.add(waybillNo);
        }

        @Override
        public void subscribe(TrackingSubscription s) {
            subscribed.add(s.trackingNo());
        }
    }
}

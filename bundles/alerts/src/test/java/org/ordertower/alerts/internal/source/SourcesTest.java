package org.ordertower.alerts.internal.source;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ordertower.alerts.internal.Services;
import org.ordertower.alerts.internal.alert.Alert;
import org.ordertower.alerts.internal.alert.AlertKind;
import org.ordertower.alerts.internal.alert.Links;
import org.ordertower.alerts.internal.alert.Severity;
import org.ordertower.alerts.internal.alert.Texts;
import org.ordertower.api.Amounts;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.channel.ChannelConnector.Capability;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.ShopStatus;
import org.ordertower.api.fulfilment.FailedCall;
import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.ParcelStatus;
import org.ordertower.api.fulfilment.ParcelView;
import org.ordertower.api.fulfilment.TrackingState;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.StockAlert;
import org.ordertower.api.inventory.StockView;
import org.ordertower.api.rules.ReviewItem;
import org.ordertower.api.rules.ReviewQueue;

/** Each source turns its service's answers into the right alerts; the services are simple implementations. */
class SourcesTest {
    private static final Instant NOW = Instant.parse("2026-11-11T04:00:00Z");
    private static final Links LINKS = new Links("http://node1:8181/ordertower");
    private final Texts zh = new Texts(Texts.Language.ZH);
    private final Texts en = new Texts(Texts.Language.EN);

    private static List<String> keys(List<Alert> alerts) {
        return alerts.stream().map(Alert::key).toList();
    }

    @Test
    void lowStockIsTheNewestFreshStockAlertPerSkuThatIsStillLow() {
        Map<String, Integer> sellableNow = Map.of("SKU-1", 3, "SKU-2", 50, "SKU-3", 0, "SKU-4", 0, "SKU-5", 12);
        InventoryService inventory = Services.of(InventoryService.class, Map.of(
                "alerts", a -> {
                    assertEquals(200, a[0]);
                    return List.of(new StockAlert(NOW.minusSeconds(600), "SKU-1", 4, 10, 40.4),
                            new StockAlert(NOW.minusSeconds(3600), "SKU-1", 8, 10, 30), // older: ignored
                            new StockAlert(NOW.minusSeconds(7200), "SKU-2", 8, 10, 20), // stock came back
                            new StockAlert(NOW.minus(Duration.ofHours(25)), "SKU-3", 1, 10, 9), // a stale forecast
                            new StockAlert(NOW.minusSeconds(60), "SKU-4", 2, 5, 3),
                            new StockAlert(NOW.minusSeconds(60), "SKU-5", 9, 10, 30), // above threshold, under forecast
                            new StockAlert(NOW.minusSeconds(60), "GONE", 1, 5, 3));
                },
                "view", a -> {
                    String sku = (String) a[0];
                    if (!sellableNow.containsKey(sku)) {
                        throw new InventoryException("unknown SKU " + sku);
                    }
                    return new StockView(sku, List.of(), List.of(), sellableNow.get(sku), Map.of(), false);
                }));
        List<Alert> alerts = new LowStockSource(() -> Optional.of(inventory), zh, LINKS).look(NOW);
        assertEquals(List.of("low-stock:SKU-1", "low-stock:SKU-4", "low-stock:SKU-5"), keys(alerts));
        Alert one = alerts.get(0);
        assertEquals(AlertKind.LOW_STOCK, one.kind());
        assertEquals(Severity.WARNING, one.severity());
        assertEquals("库存告急：SKU-1", one.title());
        assertEquals("SKU SKU-1 可售 3 件，预警线 10 件，预计未来 24 小时下单 40 件。", one.message());
        assertEquals("http://node1:8181/ordertower/#/stock?sku=SKU-1", one.link());
        assertEquals(Severity.CRITICAL, alerts.get(1).severity(), "nothing sellable");
        assertEquals("SKU SKU-5 has 12 sellable (threshold 10); 30 expected to be ordered in the next 24 hours.",
                new LowStockSource(() -> Optional.of(inventory), en, LINKS).look(NOW).get(2).message());
        assertTrue(new LowStockSource(Optional::empty, zh, LINKS).look(NOW).isEmpty(), "no inventory: nothing");
    }

    private static ParcelView parcel(String code, long orderId) {
        return new ParcelView(7, code, orderId, "DEMO-HZ", "ZTO", ParcelStatus.SHIPPED, "ZT7730001", List.of(
                new ParcelLine("1", "SKU-1", "杯子", 1)), "nearest", NOW.minus(Duration.ofDays(3)),
                NOW.minus(Duration.ofDays(2)), TrackingState.IN_TRANSIT, NOW.minus(Duration.ofHours(20)));
    }

    @Test
    void stuckParcelsAreOneAlertEachLinkingTheOrder() {
        FulfilmentService f = Services.of(FulfilmentService.class, Map.of("stuck", a -> {
            assertEquals(100, a[0]);
            return List.of(parcel("P-1001", 1001), parcel("P-1002", 1002));
        }));
        List<Alert> alerts = new StuckParcelSource(() -> Optional.of(f), en, LINKS).look(NOW);
        assertEquals(List.of("stuck:P-1001", "stuck:P-1002"), keys(alerts));
        Alert a = alerts.get(0);
        assertEquals("Parcel not moving: P-1001", a.title());
        assertTrue(a.message().contains("order 1001") && a.message().contains("ZTO ZT7730001")
                && a.message().contains("DEMO-HZ") && a.message().contains("IN_TRANSIT"), a.message());
        assertEquals("http://node1:8181/ordertower/#/orders/1001", a.link());
        assertTrue(new StuckParcelSource(Optional::empty, en, LINKS).look(NOW).isEmpty());
    }

    @Test
    void failedCallsAreOneAlertEachAndFiveOfAKindInTenMinutesMakeAPartnerDown() {
        List<FailedCall> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // 5 waybill calls within the last 10 minutes
            calls.add(new FailedCall(10 + i, "WAYBILL", 2000 + i, "P-" + i, "P-" + i, 8, NOW.minusSeconds(60L * i + 30),
                    "isv.waybill-error: 网点停发 " + i));
        }
        calls.add(new FailedCall(20, "WAYBILL", 2100, "P-20", "P-20", 8, NOW.minus(Duration.ofMinutes(11)), "older"));
        for (int i = 0; i < 4; i++) { // only 4 write-backs: no partner-down
            calls.add(new FailedCall(30 + i, "WRITE_BACK", 3000 + i, null, "ZT1 to jd", 8, NOW.minusSeconds(30), "AUTH"));
        }
        FulfilmentService f = Services.of(FulfilmentService.class, Map.of("failed", a -> {
            assertEquals(100, a[0]);
            return calls;
        }, "failedSince", a -> recent(calls, (Instant) a[0])));
        List<Alert> alerts = new FailedCallSource(() -> Optional.of(f), zh, LINKS, 5, Duration.ofMinutes(10)).look(NOW);
        assertEquals(11, alerts.size());
        assertEquals("failed-call:10", alerts.get(0).key());
        assertEquals("http://node1:8181/ordertower/#/orders/2000", alerts.get(0).link());
        assertTrue(alerts.get(0).message().contains("isv.waybill-error: 网点停发 0"), alerts.get(0).message());
        Alert down = alerts.get(10);
        assertEquals("partner-down:WAYBILL", down.key());
        assertEquals(Severity.CRITICAL, down.severity());
        assertTrue(down.message().startsWith("最近 10 分钟内有 5 个 WAYBILL 调用彻底失败（阈值 5 个）"), down.message());
        assertTrue(down.message().endsWith("网点停发 0"), "names the newest error: " + down.message());
        assertEquals(10, new FailedCallSource(() -> Optional.of(f), zh, LINKS, 6, Duration.ofMinutes(10)).look(NOW).size(),
                "under the threshold: no partner-down");

        // a hundred old failures fill the oldest-first list: the partner failing now is still seen
        List<FailedCall> old = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            old.add(new FailedCall(1000 + i, "WMS", 9000 + i, null, "old", 8, NOW.minus(Duration.ofDays(2)), "old"));
        }
        List<FailedCall> all = new ArrayList<>(old);
        all.addAll(calls);
        FulfilmentService full = Services.of(FulfilmentService.class, Map.of("failed", a -> old,
                "failedSince", a -> recent(all, (Instant) a[0])));
        List<Alert> later = new FailedCallSource(() -> Optional.of(full), zh, LINKS, 5, Duration.ofMinutes(10)).look(NOW);
        assertTrue(later.stream().anyMatch(a -> a.key().equals("partner-down:WAYBILL")), later.toString());
    }

    /** What failedSince answers: the calls made since {@code since}, newest first. */
    private static List<FailedCall> recent(List<FailedCall> calls, Instant since) {
        return calls.stream().filter(c -> !c.createdAt().isBefore(since))
                .sorted((a, b) -> b.createdAt().compareTo(a.createdAt())).toList();
    }

    private static ShopStatus shop(String shop, boolean owned, Instant lastPullAt, Instant caughtUpTo, String error,
            Instant errorAt) {
        return new ShopStatus("jd", shop, Set.of(Capability.PULL), owned, caughtUpTo, null, lastPullAt, caughtUpTo, 0, 0, error,
                errorAt);
    }

    @Test
    void channelsReportPullLagAndChannelDownForTheShopsThisNodeOwns() {
        List<ShopStatus> shops = new ArrayList<>(List.of(
                shop("fine", true, NOW.minusSeconds(60), NOW.minus(Duration.ofMinutes(3)), null, null),
                shop("behind", true, NOW.minusSeconds(60), NOW.minus(Duration.ofMinutes(20)), null, null),
                shop("other-node", false, NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(2)), "AUTH: x", NOW),
                shop("down", true, NOW.minus(Duration.ofMinutes(12)), NOW.minus(Duration.ofMinutes(14)),
                        "AUTH: app key refused (code 19)", NOW.minusSeconds(20)),
                shop("blip", true, NOW.minus(Duration.ofMinutes(2)), NOW.minus(Duration.ofMinutes(5)), "TRANSIENT: timeout",
                        NOW.minusSeconds(10)),
                shop("restarted", true, null, null, "TRANSIENT: 502", NOW.minusSeconds(5))));
        ChannelService channels = Services.of(ChannelService.class, Map.of("shops", a -> List.copyOf(shops)));
        ChannelSource source = new ChannelSource(() -> Optional.of(channels), en, LINKS, "node1", Duration.ofMinutes(15),
                Duration.ofMinutes(10));
        List<Alert> alerts = source.look(NOW);
        assertEquals(List.of("pull-lag:jd:behind", "channel-down:jd:down"), keys(alerts));
        assertTrue(alerts.get(0).message().contains("20 minutes behind") && alerts.get(0).message().contains("node node1"),
                alerts.get(0).message());
        assertEquals(Severity.CRITICAL, alerts.get(1).severity());
        assertTrue(alerts.get(1).message().contains("AUTH: app key refused (code 19)"), alerts.get(1).message());

        // a shop failing since this node restarted (no finished pull known) is down once it failed for 10 minutes
        Instant later = NOW.plus(Duration.ofMinutes(10));
        shops.replaceAll(s -> s.shop().equals("restarted") ? shop("restarted", true, null, null, "TRANSIENT: 502",
                later.minusSeconds(5)) : s);
        assertTrue(keys(source.look(later)).contains("channel-down:jd:restarted"));
        assertTrue(new ChannelSource(Optional::empty, en, LINKS, "n", Duration.ofMinutes(15), Duration.ofMinutes(10))
                .look(NOW).isEmpty());
    }

    private static ReviewItem waiting(long id, Instant since) {
        NormalizedOrder c = new NormalizedOrder("tmall", "flagship", "T-88", 1, null, PaymentStatus.PAID, null, null,
                List.of(), new Amounts("CNY", BigDecimal.ONE, null, null, BigDecimal.ONE), since, null, null, null, null,
                List.of());
        return new ReviewItem(new Order(id, OrderStatus.IN_REVIEW, RiskLevel.NONE, since, since, 1, c),
                "unmapped SKU X; buyer 13900001111", since, null, null);
    }

    @Test
    void reviewAgeIsTheOldestOrderWaitingTooLongWithoutItsReason() {
        List<ReviewItem> oldest = new ArrayList<>(List.of(waiting(1007, NOW.minus(Duration.ofMinutes(45)))));
        ReviewQueue q = Services.of(ReviewQueue.class, Map.of("list", a -> {
            assertEquals(1, a[0]);
            return List.copyOf(oldest);
        }));
        ReviewAgeSource source = new ReviewAgeSource(() -> Optional.of(q), zh, LINKS, Duration.ofMinutes(30));
        List<Alert> alerts = source.look(NOW);
        assertEquals(List.of("review-age"), keys(alerts));
        assertEquals("审核积压：最早的订单已等待 45 分钟", alerts.get(0).title());
        assertTrue(alerts.get(0).message().startsWith("订单 1007（tmall/flagship T-88）"), alerts.get(0).message());
        assertFalse(alerts.get(0).message().contains("13900001111"), "the reason may quote buyer data");
        assertEquals("http://node1:8181/ordertower/#/review", alerts.get(0).link());
        oldest.set(0, waiting(1008, NOW.minus(Duration.ofMinutes(29))));
        assertTrue(source.look(NOW).isEmpty(), "younger than review.age.minutes");
        oldest.clear();
        assertTrue(source.look(NOW).isEmpty(), "an empty queue");
    }
}

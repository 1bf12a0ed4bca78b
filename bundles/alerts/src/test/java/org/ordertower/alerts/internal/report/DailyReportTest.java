package org.ordertower.alerts.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.alerts.internal.Databases;
import org.ordertower.alerts.internal.MovingClock;
import org.ordertower.alerts.internal.Services;
import org.ordertower.alerts.internal.alert.Texts;
import org.ordertower.alerts.internal.sink.RecordingSink;
import org.ordertower.api.OrderAnalytics;
import org.ordertower.api.OrderFlow;
import org.ordertower.api.OrderService;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.api.fulfilment.WarehouseHealth;

/**
 * The daily report over a real database (H2 and PostgreSQL): the figures of the asked day read from the services with
 * that day's window in the report's zone, drawn as a PNG that decodes, summed up in words, and sent once from the whole
 * cluster after report.time.
 */
class DailyReportTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final List<Instant[]> windows = Collections.synchronizedList(new ArrayList<>());

    private OrderService orders() {
        return Services.of(OrderService.class, Map.of(
                "flow", a -> {
                    Instant from = (Instant) a[0];
                    Instant to = (Instant) a[1];
                    windows.add(new Instant[] { from, to });
                    int n = (int) Duration.between(from, to).toHours();
                    List<Instant> buckets = new ArrayList<>();
                    List<Long> tmall = new ArrayList<>();
                    List<Long> jd = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        buckets.add(from.plus(Duration.ofHours(i)));
                        tmall.add(i == 20 ? 30L : 2L);
                        jd.add(1L);
                    }
                    return new OrderFlow(from, to, Duration.ofHours(1), buckets, Map.of("tmall", tmall, "jd", jd),
                            Map.of(OrderStatus.SHIPPED, List.of(40L), OrderStatus.IN_REVIEW, List.of(3L),
                                    OrderStatus.CANCELLED, List.of(2L)));
                },
                "analytics", a -> new OrderAnalytics((Instant) a[0], (Instant) a[1], 100,
                        List.of(new OrderAnalytics.Region("CN", "浙江", 60, new BigDecimal("6000")),
                                new OrderAnalytics.Region("CN", "广东", 40, new BigDecimal("4000"))),
                        List.of(new OrderAnalytics.SkuPair("CUP", "POT", 12, 30, 20, 2.0)))));
    }

    private FulfilmentService fulfilment() {
        return Services.of(FulfilmentService.class, Map.of(
                "warehouses", a -> List.of(new WarehouseHealth("HZ", 50, 45, 40, 5, 1, 0, 2, 1, 120, 600, 5.0)),
                "failed", a -> List.of(),
                "stuck", a -> List.of()));
    }

    private DailyReport report(Databases d, RecordingSink sink, String node, MovingClock clock) {
        return new DailyReport(d.db, List.of(sink), Texts.Language.ZH, () -> new DailyFigures.Services(Optional.of(orders()),
                Optional.of(fulfilment()), Optional.empty(), Optional.empty()), "http://node1:8181/ordertower/", node,
                LocalTime.of(9, 0), SHANGHAI, clock);
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void yesterdaysReportGoesOutOnceFromTheClusterAfterItsTimeDrawnAndSummedUp(String kind) throws Exception {
        try (Databases d = Databases.migrated(kind)) {
            // 08:30 in Shanghai on 12-07: not yet
            MovingClock clock = new MovingClock(Instant.parse("2026-12-07T00:30:00Z"));
            RecordingSink one = new RecordingSink("wecom");
            RecordingSink two = new RecordingSink("wecom");
            DailyReport node1 = report(d, one, "node1", clock);
            DailyReport node2 = report(d, two, "node2", clock);
            assertNull(node1.poll());
            assertTrue(one.reports.isEmpty());

            clock.advance(Duration.ofMinutes(31)); // 09:01
            assertEquals(LocalDate.of(2026, 12, 6), node1.poll());
            assertNull(node2.poll(), "the other node finds the day sent");
            assertNull(node1.poll(), "once a day");
            assertEquals(1, one.reports.size());
            assertTrue(two.reports.isEmpty());

            Report r = one.reports.get(0);
            assertEquals(LocalDate.of(2026, 12, 6), r.date());
            Instant[] w = windows.get(0);
            assertEquals(Instant.parse("2026-12-05T16:00:00Z"), w[0], "the day starts at midnight in Shanghai");
            assertEquals(Instant.parse("2026-12-06T16:00:00Z"), w[1]);
            // kept for people to look at, like the browser test's screenshots
            java.nio.file.Files.write(java.nio.file.Path.of("target", "daily-report-" + kind + ".png"), r.png());
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.png()));
            assertNotNull(img, "a PNG that decodes");
            assertEquals(ReportImage.WIDTH, img.getWidth());
            assertTrue(img.getHeight() >= 900 && img.getHeight() < 1400, "every section, no blank tail: " + img.getHeight());
            assertTrue(distinctColours(img) > 5, "something is drawn");
            // 2 + 1 an hour, 30 + 1 at 20:00: 23 * 3 + 31 = 100 orders, tmall first
            assertTrue(r.markdown().startsWith("#### OrderTower 日报 2026-12-06"), r.markdown());
            assertTrue(r.markdown().contains("- 订单 100 (tmall 76 · jd 24)"), r.markdown());
            assertTrue(r.markdown().contains("发货 40 · 取消 2 · 人工处理 3.0%"), r.markdown());
            assertTrue(r.markdown().contains("浙江 60 · 广东 40"), r.markdown());
            assertTrue(r.markdown().contains("仓库 HZ: 分配 50, 准时率 88.9%, 库存天数 5.0"), r.markdown());
            assertTrue(r.markdown().contains("CUP + POT (12)"), r.markdown());
            assertTrue(r.markdown().endsWith("[打开控制台](http://node1:8181/ordertower/#/analytics)\n"), r.markdown());
            assertFalse(r.text().contains("#### ") || r.text().contains("]("), "plain text for mail: " + r.text());

            // the next day, the next report; a failing sink is not asked again by itself
            clock.advance(Duration.ofDays(1));
            one.failNext.set(1);
            assertEquals(LocalDate.of(2026, 12, 7), node1.poll());
            assertNull(node1.poll());
            assertEquals(1, one.reports.size());
            // but on request
            assertTrue(node1.send(LocalDate.of(2026, 12, 7)).get(0).ok());
            assertEquals(2, one.reports.size());
        }
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }
}

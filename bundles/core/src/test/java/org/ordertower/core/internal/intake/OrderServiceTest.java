package org.ordertower.core.internal.intake;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.Access;
import org.ordertower.api.AccessDeniedException;
import org.ordertower.api.Actor;
import org.ordertower.api.Address;
import org.ordertower.api.Amounts;
import org.ordertower.api.AuditEntry;
import org.ordertower.api.Buyer;
import org.ordertower.api.Caller;
import org.ordertower.api.IllegalTransitionException;
import org.ordertower.api.IntakeResult.Outcome;
import org.ordertower.api.IntakeResult;
import org.ordertower.api.InvalidOrderException;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderLine;
import org.ordertower.api.OrderQuery;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.RawPayload;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.TestDatabases;

/** Intake, idempotency, audit, outbox and the state machine against real H2 and PostgreSQL. */
class OrderServiceTest {
    private GroupCommitWriter writer;
    private final AtomicInteger commits = new AtomicInteger();

    static NormalizedOrder order(String id, long version, PaymentStatus pay, String detail, int qty) {
        return new NormalizedOrder("own", "main", id, version, "PAID", pay, new Buyer("张三", "13812345678", "b1"),
                new Address("CN", "浙江省", "杭州市", "西湖区", "文三路", detail, "310012"),
                List.of(new OrderLine("1", "SKU-1", null, "tee", qty, new BigDecimal("10.00"),
                        new BigDecimal(10 * qty + ".00"), false, null),
                        new OrderLine("2", "GIFT-1", null, "sticker", 1, BigDecimal.ZERO, BigDecimal.ZERO, true, null)),
                new Amounts("CNY", new BigDecimal(10 * qty), BigDecimal.ZERO, new BigDecimal("6.5"), new BigDecimal(10 * qty + 6.5 + "")),
                Instant.parse("2026-11-11T00:00:01Z"), null, Instant.ofEpochMilli(version), "快点发货", null, List.of("vip"));
    }

    private static final RawPayload RAW = new RawPayload("test", "application/json", "{\"raw\":true}");

    DefaultOrderService service(DataSource ds) throws Exception {
        OrderStore.migrator(ds).migrate();
        Database db = new Database(ds);
        OrderStore store = new OrderStore();
        OrderIntake intake = new OrderIntake(store, new OrderJson());
        writer = new GroupCommitWriter(db, intake, Clock.systemUTC(), commits::incrementAndGet, 64, 1000, 30_000);
        return new DefaultOrderService(db, store, intake, writer, Clock.systemUTC(), () -> Set.of("own"), commits::incrementAndGet);
    }

    @AfterEach
    void close() {
        if (writer != null) {
            writer.close();
        }
    }

    static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void frontEndsSeeBuyerDataInClearOnlyWithARoleThatMay() throws Exception {
        DefaultOrderService s = service(TestDatabases.of("h2"));
        long id = s.intake(order("V1", 1, PaymentStatus.PAID, "478号", 1), RAW, Actor.channel("own")).orderId();
        Caller clerk = new Caller("clerk", Set.of(Access.PII));
        Caller admin = new Caller("ops", Set.of(Access.ADMIN, Access.VIEWER));

        Order masked = s.view(id, admin, false).orElseThrow();
        assertEquals(s.find(id).orElseThrow().masked(), masked);
        assertFalse(masked.content().buyer().phone().equals("13812345678"), masked.content().buyer().phone());
        assertEquals("13812345678", s.view(id, clerk, true).orElseThrow().content().buyer().phone());
        assertEquals("478号", s.view(id, new Caller("lead", Set.of(Access.SUPERVISOR)), true).orElseThrow()
                .content().address().detail());
        AccessDeniedException denied = assertThrows(AccessDeniedException.class, () -> s.view(id, admin, true));
        assertEquals("seeing the buyer data of order " + id + " in clear needs the role pii or supervisor; ops does not"
                + " have it", denied.getMessage());
        assertTrue(s.view(987_654_321L, clerk, false).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void twoChangesWithinOnePlatformSecondAreBothKept(String kind) throws Exception {
        DataSource ds = TestDatabases.of(kind);
        DefaultOrderService s = service(ds);
        // a platform that counts whole seconds: paid, then the address edited, within the same second
        IntakeResult first = s.intake(order("S1", 1_700_000_000_000L, PaymentStatus.PAID, "1号", 1), RAW, Actor.channel("own"));
        IntakeResult edited = s.intake(order("S1", 1_700_000_000_000L, PaymentStatus.PAID, "9号", 1), RAW, Actor.channel("own"));
        assertEquals(Outcome.UPDATED, edited.outcome(), "the same version with other content is not a repeat");
        assertEquals("9号", s.find(first.orderId()).orElseThrow().content().address().detail());
        assertTrue(s.timeline(first.orderId()).stream().anyMatch(e -> e.reason() != null
                && e.reason().startsWith("platform version 1700000000000 again, with other content")));
        // the platform's current state, pulled again, is a repeat
        assertEquals(Outcome.DUPLICATE,
                s.intake(order("S1", 1_700_000_000_000L, PaymentStatus.PAID, "9号", 1), RAW, Actor.channel("own")).outcome());
        assertEquals(2, s.find(first.orderId()).orElseThrow().revision());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void aNewerVersionThatWithholdsTheReceiverKeepsWhatWasStoredAndANewAddressIsTaken(String kind) throws Exception {
        DataSource ds = TestDatabases.of(kind);
        DefaultOrderService s = service(ds);
        IntakeResult first = s.intake(order("W1", 100, PaymentStatus.PAID, "1号", 1), RAW, Actor.channel("own"));
        // shipped: the platform no longer shows the receiver (Pinduoduo sends "" once the order left 待发货)
        NormalizedOrder v2 = order("W1", 200, PaymentStatus.PAID, null, 1);
        NormalizedOrder withheld = new NormalizedOrder(v2.channel(), v2.shop(), v2.platformOrderId(), 200, "SHIPPED",
                v2.paymentStatus(), null, new Address("CN", "浙江省", "杭州市", "西湖区", null, null, null), v2.lines(),
                v2.amounts(), v2.createdAt(), v2.paidAt(), v2.platformChangedAt(), v2.buyerNote(), v2.sellerNote(),
                v2.tags(), v2.facts());
        assertEquals(Outcome.UPDATED, s.intake(withheld, RAW, Actor.channel("own")).outcome());
        Order o = s.find(first.orderId()).orElseThrow();
        assertEquals("SHIPPED", o.content().platformStatus(), "the newer version is taken");
        assertEquals(new Buyer("张三", "13812345678", "b1"), o.content().buyer(), "the buyer it withheld is kept");
        assertEquals("1号", o.content().address().detail(), "and the address");
        assertEquals("文三路", o.content().address().street());

        // a new address (the buyer changed it) comes with its detail and is taken
        assertEquals(Outcome.UPDATED, s.intake(order("W1", 300, PaymentStatus.PAID, "9号", 1), RAW,
                Actor.channel("own")).outcome());
        assertEquals("9号", s.find(first.orderId()).orElseThrow().content().address().detail());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void sameVersionTwiceIsOneOrderNewerUpdatesOlderIsIgnored(String kind) throws Exception {
        DataSource ds = TestDatabases.of(kind);
        DefaultOrderService s = service(ds);
        IntakeResult first = s.intake(order("T1", 100, PaymentStatus.UNPAID, "1号", 1), RAW, Actor.channel("own"));
        assertEquals(Outcome.CREATED, first.outcome());
        IntakeResult again = s.intake(order("T1", 100, PaymentStatus.UNPAID, "1号", 1), RAW, Actor.channel("own"));
        assertEquals(Outcome.DUPLICATE, again.outcome());
        assertEquals(first.orderId(), again.orderId());

        IntakeResult newer = s.intake(order("T1", 200, PaymentStatus.PAID, "2号", 3), RAW, Actor.channel("own"));
        assertEquals(Outcome.UPDATED, newer.outcome());
        assertEquals(2, newer.revision());
        IntakeResult stale = s.intake(order("T1", 150, PaymentStatus.UNPAID, "1号", 1), RAW, Actor.channel("own"));
        assertEquals(Outcome.STALE, stale.outcome());

        Order o = s.find(first.orderId()).orElseThrow();
        assertEquals(200, o.content().platformVersion());
        assertEquals(PaymentStatus.PAID, o.content().paymentStatus());
        assertEquals(3, o.content().lines().get(0).quantity());
        assertEquals("2号", o.content().address().detail());
        assertEquals(0, new BigDecimal("36.5").compareTo(o.content().amounts().paid()));
        assertEquals(List.of("vip"), o.content().tags());
        assertTrue(o.content().lines().get(1).gift());

        assertEquals(1, count(ds, "SELECT COUNT(*) FROM orders"));
        assertEquals(4, count(ds, "SELECT COUNT(*) FROM inbox"), "every payload is kept");
        assertEquals(2, count(ds, "SELECT COUNT(*) FROM outbox"), "created + updated; duplicate and stale publish nothing");

        List<AuditEntry> t = s.timeline(first.orderId());
        assertEquals("received", t.get(0).action());
        assertTrue(t.stream().anyMatch(e -> e.action().equals("updated") && "paymentStatus".equals(e.field())
                && "UNPAID".equals(e.oldValue()) && "PAID".equals(e.newValue())), t.toString());
        AuditEntry addr = t.stream().filter(e -> "address".equals(e.field())).findFirst().orElseThrow();
        assertFalse(addr.newValue().contains("2号"), "the audit trail keeps addresses masked: " + addr.newValue());
        assertTrue(t.stream().anyMatch(e -> e.action().equals("stale-version-ignored") && "150".equals(e.newValue())));
    }

    static NormalizedOrder basket(String id, String province, String... skus) {
        List<OrderLine> lines = new java.util.ArrayList<>();
        for (String sku : skus) {
            lines.add(new OrderLine(String.valueOf(lines.size() + 1), "C-" + sku, sku, sku, 1, BigDecimal.TEN, BigDecimal.TEN,
                    false, null));
        }
        lines.add(new OrderLine("g", "C-GIFT", "GIFT", "gift", 1, BigDecimal.ZERO, BigDecimal.ZERO, true, null));
        BigDecimal goods = BigDecimal.TEN.multiply(BigDecimal.valueOf(skus.length));
        return new NormalizedOrder("own", "main", id, 1, "PAID", PaymentStatus.PAID, new Buyer("张三", "13812345678", "b-" + id),
                new Address("CN", province, "某市", "某区", "某路", "1号", "310012"), lines,
                new Amounts("CNY", goods, BigDecimal.ZERO, BigDecimal.ZERO, goods), Instant.parse("2026-11-11T00:00:01Z"), null,
                Instant.ofEpochMilli(1), null, null, List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void analyticsCountOrdersPerProvinceByItsShortNameAndThePairsBoughtTogether(String kind) throws Exception {
        DefaultOrderService s = service(TestDatabases.of(kind));
        Instant from = Instant.now().minusSeconds(60);
        s.intake(basket("A1", "浙江省", "A", "B"), RAW, Actor.channel("own"));
        s.intake(basket("A2", "Zhejiang", "B", "A"), RAW, Actor.channel("own"));
        s.intake(basket("A3", "广西壮族自治区", "A", "C"), RAW, Actor.channel("own"));
        s.intake(basket("A4", "北京市", "C"), RAW, Actor.channel("own"));
        Instant to = Instant.now().plusSeconds(60);

        org.ordertower.api.OrderAnalytics a = s.analytics(from, to, 10);
        assertEquals(4, a.orders());
        assertEquals(List.of("浙江", "北京", "广西"), a.regions().stream().map(org.ordertower.api.OrderAnalytics.Region::province)
                .toList(), "the most orders first, then by name: " + a.regions());
        assertEquals(2, a.regions().get(0).orders());
        assertEquals(0, new BigDecimal("40").compareTo(a.regions().get(0).paid()), a.regions().get(0).toString());
        assertEquals("CN", a.regions().get(0).country());
        // A+B twice, A+C once; the gift is in every order and never a pair
        assertEquals(2, a.boughtTogether().size(), a.boughtTogether().toString());
        org.ordertower.api.OrderAnalytics.SkuPair ab = a.boughtTogether().get(0);
        assertEquals(List.of("A", "B", 2L, 3L, 2L), List.of(ab.skuA(), ab.skuB(), ab.together(), ab.ordersA(), ab.ordersB()));
        assertEquals(1.33, ab.lift(), 0.001, "2 together * 4 orders / (3 with A * 2 with B)");
        org.ordertower.api.OrderAnalytics.SkuPair ac = a.boughtTogether().get(1);
        assertEquals(List.of("A", "C", 1L), List.of(ac.skuA(), ac.skuB(), ac.together()));
        assertEquals(1, s.analytics(from, to, 1).boughtTogether().size());
        assertEquals(0, s.analytics(Instant.now().plusSeconds(120), Instant.now().plusSeconds(180), 5).orders(),
                "nothing outside the window");
        assertThrows(IllegalArgumentException.class, () -> s.analytics(from, from.plus(java.time.Duration.ofDays(93)), 5));
        assertThrows(IllegalArgumentException.class, () -> s.analytics(from, to, 201));
        assertThrows(IllegalArgumentException.class, () -> s.analytics(to, from, 5));
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void theFlowCountsArrivalsAndStatusMovesPerBucketAndTheStatsCountThem(String kind) throws Exception {
        DataSource ds = TestDatabases.of(kind);
        DefaultOrderService s = service(ds);
        Instant from = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minus(java.time.Duration.ofMinutes(2));
        java.util.List<Long> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(s.intake(order("F" + i, 1, PaymentStatus.PAID, i + "号", 1), RAW, Actor.channel("own")).orderId());
        }
        s.transition(ids.get(0), OrderStatus.SCREENED, Actor.rule("t"), "ok");
        s.transition(ids.get(1), OrderStatus.SCREENED, Actor.rule("t"), "ok");
        s.transition(ids.get(1), OrderStatus.IN_REVIEW, Actor.rule("t"), "look");

        org.ordertower.api.OrderFlow f = s.flow(from, from.plus(java.time.Duration.ofMinutes(5)),
                java.time.Duration.ofMinutes(1));
        assertEquals(5, f.buckets().size());
        assertEquals(from.plus(java.time.Duration.ofMinutes(2)), f.buckets().get(2));
        assertEquals(3L, f.received().get("own").stream().mapToLong(Long::longValue).sum());
        assertEquals(0L, f.received().get("own").get(0) + f.received().get("own").get(1), "nothing before they came");
        assertEquals(3L, f.statuses().get(OrderStatus.RECEIVED).stream().mapToLong(Long::longValue).sum());
        assertEquals(2L, f.statuses().get(OrderStatus.SCREENED).stream().mapToLong(Long::longValue).sum());
        assertEquals(1L, f.statuses().get(OrderStatus.IN_REVIEW).stream().mapToLong(Long::longValue).sum());
        org.ordertower.api.OrderFlow hourly = s.flow(from.minus(java.time.Duration.ofHours(47)),
                from.plus(java.time.Duration.ofHours(1)), java.time.Duration.ofHours(1));
        assertEquals(48, hourly.buckets().size());
        assertEquals(3L, hourly.received().get("own").get(47), "this hour's bucket");
        assertThrows(IllegalArgumentException.class, () -> s.flow(from, from, java.time.Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> s.flow(from, from.plus(java.time.Duration.ofDays(30)),
                java.time.Duration.ofSeconds(1)));

        org.ordertower.api.OrderStats st = s.stats();
        assertEquals(3, st.total().orders());
        assertEquals(1, st.total().neededPerson());
        assertEquals(1L, st.total().byStatus().get(OrderStatus.IN_REVIEW));
        assertEquals(0, st.total().shipped());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void illegalTransitionIsRefusedAndLeavesTheOrderAsItWas(String kind) throws Exception {
        DataSource ds = TestDatabases.of(kind);
        DefaultOrderService s = service(ds);
        long id = s.intake(order("T2", 1, PaymentStatus.PAID, "1号", 1), RAW, Actor.channel("own")).orderId();
        Order screened = s.transition(id, OrderStatus.SCREENED, Actor.rule("risk-basic"), "no rule fired");
        assertEquals(OrderStatus.SCREENED, screened.status());
        long outbox = count(ds, "SELECT COUNT(*) FROM outbox");
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> s.transition(id, OrderStatus.SHIPPED, Actor.user("alice"), "skip ahead"));
        assertTrue(e.getMessage().contains("SCREENED to SHIPPED"), e.getMessage());
        Order after = s.find(id).orElseThrow();
        assertEquals(OrderStatus.SCREENED, after.status());
        assertEquals(screened.revision(), after.revision());
        assertEquals(outbox, count(ds, "SELECT COUNT(*) FROM outbox"), "a refused transition publishes nothing");
        AuditEntry last = s.timeline(id).get(s.timeline(id).size() - 1);
        assertEquals("status", last.action());
        assertEquals("RECEIVED", last.oldValue());
        assertEquals("SCREENED", last.newValue());
        assertEquals("rule:risk-basic", last.actor().toString());
        assertEquals("no rule fired", last.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void manyConcurrentCallersGetOneOrderEachAndGroupCommitFoldsThem(String kind) throws Exception {
        DataSource ds = TestDatabases.of(kind);
        DefaultOrderService s = service(ds);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<IntakeResult>> fs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int n = i % 1000; // every order twice
            fs.add(pool.submit(() -> s.intake(order("C" + n, 1, PaymentStatus.PAID, "x", 1), RAW, Actor.channel("own"))));
        }
        int created = 0;
        int dup = 0;
        for (Future<IntakeResult> f : fs) {
            Outcome o = f.get().outcome();
            created += o == Outcome.CREATED ? 1 : 0;
            dup += o == Outcome.DUPLICATE ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1000, created);
        assertEquals(1000, dup);
        assertEquals(1000, count(ds, "SELECT COUNT(*) FROM orders"));
        assertEquals(1000, count(ds, "SELECT COUNT(DISTINCT id) FROM orders"));
        assertTrue(writer.batches() < writer.orders(), "batches " + writer.batches() + " for " + writer.orders() + " orders");
        assertEquals(1000, s.search(new OrderQuery(OrderStatus.RECEIVED, "own", null, 1, 10)).total());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void anOrderTheDatabaseRefusesFailsAloneAndTheOthersOfItsGroupAreStoredWhole(String kind) throws Exception {
        DataSource ds = TestDatabases.of(kind);
        service(ds);
        ExecutorService pool = Executors.newFixedThreadPool(24);
        List<Future<IntakeResult>> fs = new ArrayList<>();
        String tooLong = "B".repeat(100); // platform_order_id holds 64: the writer is below the service's validation
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 24; i++) {
                String id = i == 7 ? tooLong + round : "G" + round + "-" + i;
                fs.add(pool.submit(() -> writer.submit(order(id, 1, PaymentStatus.PAID, "x", 2), RAW, Actor.channel("own"))));
            }
        }
        int stored = 0;
        int refused = 0;
        for (Future<IntakeResult> f : fs) {
            try {
                assertEquals(Outcome.CREATED, f.get().outcome());
                stored++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(e.getCause() instanceof org.ordertower.api.StoreUnavailableException, e.toString());
                assertTrue(e.getCause().getMessage().contains(tooLong), "names the order: " + e.getCause().getMessage());
                refused++;
            }
        }
        pool.shutdown();
        assertEquals(5, refused);
        assertEquals(115, stored);
        assertEquals(115, count(ds, "SELECT COUNT(*) FROM orders"));
        assertEquals(0, count(ds, "SELECT COUNT(*) FROM orders WHERE platform_order_id LIKE 'BBBB%'"));
        // every stored order whole: its two lines, its inbox row, its audit row and its event
        assertEquals(230, count(ds, "SELECT COUNT(*) FROM order_lines"));
        assertEquals(115, count(ds, "SELECT COUNT(*) FROM inbox"));
        assertEquals(115, count(ds, "SELECT COUNT(*) FROM audit WHERE action = 'received'"));
        assertEquals(115, count(ds, "SELECT COUNT(*) FROM outbox WHERE event_type = 'CREATED'"));
        assertEquals(115, count(ds, "SELECT COUNT(*) FROM orders WHERE content_digest IS NOT NULL"));
        assertTrue(writer.batches() < writer.orders(), "batches " + writer.batches() + " for " + writer.orders() + " orders");
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2" })
    void invalidOrUnknownChannelIsRefusedBeforeAnythingIsStored(String kind) throws Exception {
        DataSource ds = TestDatabases.of(kind);
        DefaultOrderService s = service(ds);
        NormalizedOrder ok = order("T3", 1, PaymentStatus.PAID, "x", 1);
        NormalizedOrder tmall = new NormalizedOrder("tmall", ok.shop(), ok.platformOrderId(), 1, null, ok.paymentStatus(),
                null, null, ok.lines(), ok.amounts(), ok.createdAt(), null, null, null, null, null);
        InvalidOrderException e = assertThrows(InvalidOrderException.class, () -> s.intake(tmall, RAW, Actor.SYSTEM));
        assertTrue(e.getMessage().contains("unknown channel 'tmall'"), e.getMessage());
        assertEquals(0, count(ds, "SELECT COUNT(*) FROM inbox"));
        assertEquals(0, count(ds, "SELECT COUNT(*) FROM orders"));
    }
}

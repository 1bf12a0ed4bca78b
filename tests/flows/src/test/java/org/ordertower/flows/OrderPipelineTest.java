package org.ordertower.flows;

import static org.junit.jupiter.api.Assertions.*;
import static org.ordertower.flows.PipelineFixture.gift;
import static org.ordertower.flows.PipelineFixture.line;
import static org.ordertower.flows.PipelineFixture.order;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.Actor;
import org.ordertower.api.AuditEntry;
import org.ordertower.api.ChannelFacts;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderLine;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.inventory.Allocation;
import org.ordertower.api.inventory.GiftRule;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.RulePack;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.api.rules.ScreeningRule;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.core.internal.pipeline.OrderPipeline;

/**
 * Orders through the core's pipeline into the real catalog and inventory: mapping, review for
 * unmapped SKUs and refused gifts, holds for payment and stock, reservation, and the stock given
 * back on a cancel, on H2 and PostgreSQL.
 */
class OrderPipelineTest {

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void paidOrderIsMappedExpandedAndReserved(String kind) throws Exception {
        try (PipelineFixture f = new PipelineFixture(TestDatabases.pooled(kind, 8))) {
            f.teaShop();
            f.stock("CUP", 100);
            f.stock("POT", 10);
            long id = f.intake(order("P1", 1, PaymentStatus.PAID,
                    List.of(line("1", "T-CUP6", 2, "99.00"), line("2", "T-BOX", 1, "99.00"))));
            assertEquals(OrderStatus.RECEIVED, f.order(id).status());

            assertTrue(f.drain() > 0);

            Order o = f.order(id);
            assertEquals(OrderStatus.RESERVED, o.status());
            List<OrderLine> lines = o.content().lines();
            assertEquals(List.of("1", "2", "2/CUP", "2/POT"), lines.stream().map(OrderLine::lineNo).toList());
            assertEquals(12, lines.get(0).quantity(), "two six-packs are 12 cups");
            assertEquals("2", lines.get(2).parentLineNo(), "kit parts keep a link to their kit line");
            assertEquals(14, f.reserved("CUP"), "12 cups + 2 in the box");
            assertEquals(1, f.reserved("POT"));
            assertEquals(List.of(new Allocation("CUP", "HZ", 14), new Allocation("POT", "HZ", 1)),
                    f.inventory.held("order-" + id).stream().sorted(java.util.Comparator.comparing(Allocation::sku)).toList());
            assertEquals(List.of("RECEIVED->SCREENED", "SCREENED->READY", "READY->RESERVED"), moves(f, id));
            assertTrue(f.reasonOf(id, "RESERVED").contains("CUP x14 @HZ"), f.reasonOf(id, "RESERVED"));
            assertTrue(f.orders.timeline(id).stream().anyMatch(e -> e.action().equals("lines-mapped")
                    && "2 lines".equals(e.oldValue()) && "4 lines".equals(e.newValue())));
            assertTrue(f.inventory.check().ok());
            assertEquals(0, f.drain(), "nothing left to do; a second pass changes nothing");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void unmappedSkuGoesToReviewAndIsNeverGuessed(String kind) throws Exception {
        try (PipelineFixture f = new PipelineFixture(TestDatabases.pooled(kind, 8))) {
            f.teaShop();
            f.stock("CUP", 10);
            long id = f.intake(order("U1", 1, PaymentStatus.PAID,
                    List.of(line("1", "T-CUP", 1, "19.90"), line("2", "T-CUPX", 1, "19.90"), line("3", "NOPE", 1, "1.00"))));
            f.drain();
            Order o = f.order(id);
            assertEquals(OrderStatus.IN_REVIEW, o.status());
            assertEquals("unmapped SKU T-CUPX; unmapped SKU NOPE", f.reasonOf(id, "IN_REVIEW"));
            assertEquals("CUP", o.content().lines().get(0).masterSku());
            assertNull(o.content().lines().get(1).masterSku(), "no guess from a similar code");
            assertEquals(0, f.reserved("CUP"));
            assertEquals(List.of(), f.inventory.held("order-" + id));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void anApprovedOrderIsMappedAgainAndNeverReservedUnpaid(String kind) throws Exception {
        try (PipelineFixture f = new PipelineFixture(TestDatabases.pooled(kind, 8))) {
            f.teaShop();
            f.stock("CUP", 10);
            List<OrderLine> lines = List.of(line("1", "T-NEW", 2, "19.90"));
            long id = f.intake(order("AP", 1, PaymentStatus.UNPAID, lines));
            f.drain();
            assertEquals("unmapped SKU T-NEW", f.reasonOf(id, "IN_REVIEW"));

            f.csv(org.ordertower.api.inventory.CatalogTable.MAPPINGS,
                    "channel,shop,channel_sku,item_id,outer_code,master_sku,factor\ntmall,s1,T-NEW,,,CUP,1\n");
            f.orders.transition(id, OrderStatus.READY, Actor.user("alice"), "mapping added");
            f.drain();
            assertEquals(OrderStatus.ON_HOLD, f.order(id).status());
            assertEquals("not paid (UNPAID): waiting for payment", f.reasonOf(id, "ON_HOLD"));
            assertEquals(0, f.reserved("CUP"));

            f.intake(order("AP", 2, PaymentStatus.PAID, lines));
            f.drain();
            Order o = f.order(id);
            assertEquals(OrderStatus.RESERVED, o.status());
            assertEquals("CUP", o.content().lines().get(0).masterSku(), "mapped once the catalog knew the SKU");
            assertEquals(2, f.reserved("CUP"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void unpaidWaitsForPaymentThenReserves(String kind) throws Exception {
        try (PipelineFixture f = new PipelineFixture(TestDatabases.pooled(kind, 8))) {
            f.teaShop();
            f.stock("CUP", 10);
            List<OrderLine> lines = List.of(line("1", "T-CUP", 2, "19.90"));
            long id = f.intake(order("W1", 1, PaymentStatus.UNPAID, lines));
            f.drain();
            assertEquals(OrderStatus.ON_HOLD, f.order(id).status());
            assertEquals("waiting for payment (UNPAID)", f.reasonOf(id, "ON_HOLD"));
            assertEquals(0, f.reserved("CUP"), "an unpaid order holds no stock");
            assertEquals(0, f.drain(), "still unpaid: nothing to do");

            f.intake(order("W1", 2, PaymentStatus.PAID, lines));
            f.drain();
            assertEquals(OrderStatus.RESERVED, f.order(id).status());
            assertEquals("the platform reports payment", f.reasonOf(id, "READY"));
            assertEquals(2, f.reserved("CUP"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void platformChangesAfterReservation(String kind) throws Exception {
        try (PipelineFixture f = new PipelineFixture(TestDatabases.pooled(kind, 8))) {
            f.teaShop();
            f.stock("CUP", 10);
            long id = f.intake(order("L1", 1, PaymentStatus.PAID, List.of(line("1", "T-CUP", 2, "19.90"))));
            f.drain();
            assertEquals(2, f.reserved("CUP"));

            // a new version with the same lines (say, a new seller note) keeps the mapped lines and the stock
            f.intake(order("L1", 2, PaymentStatus.PAID, List.of(line("1", "T-CUP", 2, "19.90"))));
            assertEquals(0, f.drain());
            Order same = f.order(id);
            assertEquals(OrderStatus.RESERVED, same.status());
            assertEquals("CUP", same.content().lines().get(0).masterSku(), "mapped lines are kept");
            assertTrue(f.orders.timeline(id).stream().noneMatch(e -> "lines".equals(e.field()) && e.action().equals("updated")));

            // the buyer now wants 5: the reservation for 2 is given back and 5 are reserved
            f.intake(order("L1", 3, PaymentStatus.PAID, List.of(line("1", "T-CUP", 5, "19.90"))));
            assertEquals(OrderStatus.READY, f.order(id).status());
            assertEquals("the platform changed the lines after the stock was reserved", f.reasonOf(id, "READY"));
            f.drain();
            Order changed = f.order(id);
            assertEquals(OrderStatus.RESERVED, changed.status());
            assertEquals(5, changed.content().lines().get(0).quantity());
            assertEquals("CUP", changed.content().lines().get(0).masterSku());
            assertEquals(5, f.reserved("CUP"));
            assertEquals(List.of(new Allocation("CUP", "HZ", 5)), f.inventory.held("order-" + id));
            assertTrue(f.inventory.check().ok());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void outOfStockHoldsUntilStockArrives(String kind) throws Exception {
        try (PipelineFixture f = new PipelineFixture(TestDatabases.pooled(kind, 8))) {
            f.teaShop();
            f.stock("CUP", 1);
            long id = f.intake(order("S1", 1, PaymentStatus.PAID, List.of(line("1", "T-CUP", 3, "19.90"))));
            f.drain();
            assertEquals(OrderStatus.ON_HOLD, f.order(id).status());
            assertEquals("out of stock: CUP needs 3, sellable 1", f.reasonOf(id, "ON_HOLD"));
            int auditRows = f.orders.timeline(id).size();
            assertEquals(0, f.drain(), "retrying while still short changes nothing");
            assertEquals(auditRows, f.orders.timeline(id).size(), "and writes no audit rows");

            f.stock("CUP", 5);
            f.drain();
            assertEquals(OrderStatus.RESERVED, f.order(id).status());
            assertEquals("stock arrived", f.reasonOf(id, "READY"));
            assertEquals(3, f.reserved("CUP"));
            assertTrue(f.inventory.check().ok());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void cancelAfterReservationGivesTheStockBack(String kind) throws Exception {
        try (PipelineFixture f = new PipelineFixture(TestDatabases.pooled(kind, 8))) {
            f.teaShop();
            f.stock("CUP", 10);
            f.stock("POT", 10);
            long id = f.intake(order("C1", 1, PaymentStatus.PAID, List.of(line("1", "T-BOX", 2, "99.00"))));
            f.drain();
            assertEquals(4, f.reserved("CUP"));

            f.orders.transition(id, OrderStatus.CANCELLED, Actor.user("alice"), "buyer asked");
            assertEquals(1, f.count("SELECT COUNT(*) FROM order_task WHERE order_id = " + id),
                    "the release is written in the cancelling transaction");
            assertEquals(4, f.reserved("CUP"), "until the pipeline runs");
            f.drain();
            assertEquals(0, f.reserved("CUP"));
            assertEquals(0, f.reserved("POT"));
            assertEquals(0, f.count("SELECT COUNT(*) FROM order_task"));
            AuditEntry released = f.orders.timeline(id).stream().filter(e -> e.action().equals("stock-released"))
                    .findFirst().orElseThrow();
            assertTrue(released.newValue().contains("CUP x4 @HZ"), released.toString());
            assertEquals("RESERVED -> CANCELLED by alice", released.reason());
            assertTrue(f.inventory.check().ok());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void cancelledOnThePlatformIsCancelledHereAndGivesTheStockBack(String kind) throws Exception {
        try (PipelineFixture f = new PipelineFixture(TestDatabases.pooled(kind, 8))) {
            f.teaShop();
            f.stock("CUP", 10);
            long id = f.intake(order("PC1", 1, PaymentStatus.PAID, List.of(line("1", "T-CUP", 3, "19.90"))));
            f.drain();
            assertEquals(3, f.reserved("CUP"));

            NormalizedOrder closed = order("PC1", 2, PaymentStatus.REFUNDED, List.of(line("1", "T-CUP", 3, "19.90")))
                    .withFacts(new ChannelFacts(ChannelFacts.ChannelState.CANCELLED, null, null, null));
            f.intake(closed);
            assertEquals(OrderStatus.CANCELLED, f.order(id).status(), "cancelled in the intake transaction");
            assertEquals(ChannelFacts.ChannelState.CANCELLED, f.order(id).content().facts().state());
            assertTrue(f.reasonOf(id, "CANCELLED").startsWith("cancelled on the platform"), f.reasonOf(id, "CANCELLED"));
            assertEquals(1, f.count("SELECT COUNT(*) FROM order_task WHERE order_id = " + id));
            f.drain();
            assertEquals(0, f.reserved("CUP"));
            assertTrue(f.inventory.check().ok());

            // an order that arrives already closed (unpaid and timed out) never reaches the pipeline
            long unpaid = f.intake(order("PC2", 1, PaymentStatus.UNPAID, List.of(line("1", "T-CUP", 1, "19.90")))
                    .withFacts(new ChannelFacts(ChannelFacts.ChannelState.CANCELLED, null, null, null)));
            f.drain();
            assertEquals(OrderStatus.CANCELLED, f.order(unpaid).status());
            assertEquals(0, f.reserved("CUP"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void releaseWaitsForTheInventoryAndSurvivesItsAbsence(String kind) throws Exception {
        try (PipelineFixture f = new PipelineFixture(TestDatabases.pooled(kind, 8))) {
            f.teaShop();
            f.stock("CUP", 10);
            long id = f.intake(order("C2", 1, PaymentStatus.PAID, List.of(line("1", "T-CUP", 2, "19.90"))));
            f.drain();
            f.inventoryRef = null; // the inventory bundle is stopped
            f.orders.transition(id, OrderStatus.CANCELLED, Actor.user("alice"), "buyer asked");
            long other = f.intake(order("C3", 1, PaymentStatus.PAID, List.of(line("1", "T-CUP", 1, "19.90"))));
            assertEquals(0, f.drain(), "without the inventory nothing moves");
            assertEquals(OrderStatus.RECEIVED, f.order(other).status());
            assertEquals(1, f.count("SELECT COUNT(*) FROM order_task"));

            f.inventoryRef = f.inventory;
            f.drain();
            assertEquals(1, f.reserved("CUP"), "C2's 2 came back; C3 took 1");
            assertEquals(OrderStatus.RESERVED, f.order(other).status());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void cancelWhileReservingGivesTheStockBack(String kind) throws Exception {
        try (PipelineFixture f = new PipelineFixture(TestDatabases.pooled(kind, 8))) {
            f.teaShop();
            f.stock("CUP", 10);
            long id = f.intake(order("R1", 1, PaymentStatus.PAID, List.of(line("1", "T-CUP", 3, "19.90"))));
            AtomicBoolean cancelled = new AtomicBoolean();
            // A person cancels the order at the moment its stock is being reserved.
            f.inventoryRef = (InventoryService) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] { InventoryService.class }, (proxy, method, args) -> {
                        if (method.getName().startsWith("reserve") && method.getName().endsWith("Async")
                                && cancelled.compareAndSet(false, true)) { // reserveAsync, reserveAllAsync
                            f.orders.transition(id, OrderStatus.CANCELLED, Actor.user("bob"), "changed mind");
                        }
                        try {
                            return method.invoke(f.inventory, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            f.drain();
            assertTrue(cancelled.get());
            assertEquals(OrderStatus.CANCELLED, f.order(id).status());
            assertEquals(0, f.reserved("CUP"), "the late reservation was given back");
            assertEquals(0, f.count("SELECT COUNT(*) FROM order_task"));
            assertTrue(f.orders.timeline(id).stream().anyMatch(e -> e.action().equals("stock-released")
                    && e.reason().contains("while its stock was reserved")));
            assertTrue(f.inventory.check().ok());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void giftsAreAddedOrSentToReview(String kind) throws Exception {
        try (PipelineFixture f = new PipelineFixture(TestDatabases.pooled(kind, 8))) {
            f.teaShop();
            f.stock("CUP", 10);
            f.stock("POT", 10);
            f.stock("STICKER", 10);
            // a sticker comes with every tea box; a sticker on its own is not allowed
            f.catalog.saveGiftRule(new GiftRule("box-sticker", "STICKER", 1, "TEA-BOX", null, null, null, null, true));
            long box = f.intake(order("G1", 1, PaymentStatus.PAID, List.of(line("1", "T-BOX", 1, "99.00"))));
            long cup = f.intake(order("G2", 1, PaymentStatus.PAID,
                    List.of(line("1", "T-CUP", 1, "19.90"), gift("2", "T-STICKER"))));
            f.drain();

            Order withGift = f.order(box);
            assertEquals(OrderStatus.RESERVED, withGift.status());
            OrderLine added = withGift.content().lines().get(withGift.content().lines().size() - 1);
            assertTrue(added.gift());
            assertEquals("STICKER", added.masterSku());
            assertEquals(1, f.reserved("STICKER"), "the added gift is reserved too");

            assertEquals(OrderStatus.IN_REVIEW, f.order(cup).status());
            assertTrue(f.reasonOf(cup, "IN_REVIEW").startsWith("gift STICKER on line 2 not allowed: "),
                    f.reasonOf(cup, "IN_REVIEW"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void refundedBeforeFulfilmentGoesToReview(String kind) throws Exception {
        try (PipelineFixture f = new PipelineFixture(TestDatabases.pooled(kind, 8))) {
            f.teaShop();
            f.stock("CUP", 10);
            long id = f.intake(order("F1", 1, PaymentStatus.REFUNDED, List.of(line("1", "T-CUP", 1, "19.90"))));
            f.drain();
            assertEquals(OrderStatus.IN_REVIEW, f.order(id).status());
            assertEquals("refunded before fulfilment (REFUNDED)", f.reasonOf(id, "IN_REVIEW"));
            assertEquals(0, f.reserved("CUP"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void withoutTheCatalogOrdersWaitWhereTheyAre(String kind) throws Exception {
        try (PipelineFixture f = new PipelineFixture(TestDatabases.pooled(kind, 8))) {
            f.teaShop();
            f.stock("CUP", 10);
            f.catalogRef = null;
            long id = f.intake(order("N1", 1, PaymentStatus.PAID, List.of(line("1", "T-CUP", 1, "19.90"))));
            assertEquals(0, f.drain());
            assertEquals(OrderStatus.RECEIVED, f.order(id).status());
            f.catalogRef = f.catalog;
            f.drain();
            assertEquals(OrderStatus.RESERVED, f.order(id).status());
        }
    }

    /** A pack for these tests: each rule fires on one marker in the order. */
    static final class MarkerPack implements RulePack {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public Map<String, String> defaults() {
            return Map.of("max.units", "20");
        }

        @Override
        public List<ScreeningRule> rules(Map<String, String> p) {
            int max = Integer.parseInt(p.get("max.units"));
            return List.of(rule("big-order", c -> c.order().content().lines().stream().mapToInt(OrderLine::quantity).sum() > max
                    ? List.of(Finding.review(c.order().content().lines().stream().mapToInt(OrderLine::quantity).sum()
                            + " units > " + max)) : List.of()),
                    rule("blocked-buyer", c -> buyer(c).equals("b-BAD") ? List.of(Finding.freeze("buyer b-BAD is blacklisted"))
                            : List.of()),
                    rule("tagger", c -> List.of(Finding.tag("screened-ok", "every order gets a tag"))),
                    rule("nosy", c -> List.of(Finding.review("would send everything to review"))),
                    rule("boom", c -> {
                        if (buyer(c).equals("b-BOOM")) {
                            throw new IllegalStateException("kaboom");
                        }
                        return List.of();
                    }));
        }

        private static String buyer(ScreeningContext c) {
            return c.order().content().buyer().platformBuyerId();
        }

        private static ScreeningRule rule(String name, java.util.function.Function<ScreeningContext, List<Finding>> f) {
            return new ScreeningRule() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public List<Finding> evaluate(ScreeningContext context) {
                    return f.apply(context);
                }
            };
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void rulesSendToReviewFreezeOrFixAndExplainWhy(String kind) throws Exception {
        try (PipelineFixture f = new PipelineFixture(TestDatabases.pooled(kind, 8))) {
            f.teaShop();
            f.stock("CUP", 1000);
            f.rules.add(new MarkerPack());
            assertNull(f.rules.configure("test", Map.of("shadow", "nosy")));
            long ok = f.intake(order("OK", 1, PaymentStatus.PAID, List.of(line("1", "T-CUP", 2, "19.90"))));
            long big = f.intake(order("BIG", 1, PaymentStatus.PAID, List.of(line("1", "T-CUP", 25, "19.90"))));
            long bad = f.intake(order("BAD", 1, PaymentStatus.PAID, List.of(line("1", "T-CUP", 1, "19.90"))));
            long boom = f.intake(order("BOOM", 1, PaymentStatus.PAID, List.of(line("1", "T-CUP", 1, "19.90"))));
            f.drain();

            Order passed = f.order(ok);
            assertEquals(OrderStatus.RESERVED, passed.status(), "a shadow rule never acts");
            assertEquals(RiskLevel.AUTO_FIX, passed.riskLevel());
            assertTrue(passed.content().tags().contains("screened-ok"), passed.content().tags().toString());
            List<AuditEntry> t = f.orders.timeline(ok);
            assertTrue(t.stream().anyMatch(e -> e.action().equals("rule") && e.actor().name().equals("test/tagger")
                    && e.reason().equals("every order gets a tag")), t.toString());
            assertTrue(t.stream().anyMatch(e -> e.action().equals("rule-shadow") && e.actor().name().equals("test/nosy")
                    && "REVIEW".equals(e.newValue())), "the shadow hit is recorded: " + t);

            assertEquals(OrderStatus.IN_REVIEW, f.order(big).status());
            assertEquals("test/big-order: 25 units > 20", f.reasonOf(big, "IN_REVIEW"));
            assertEquals(RiskLevel.REVIEW, f.order(big).riskLevel());
            assertEquals(OrderStatus.FROZEN, f.order(bad).status());
            assertEquals("test/blocked-buyer: buyer b-BAD is blacklisted", f.reasonOf(bad, "FROZEN"));
            assertEquals(OrderStatus.IN_REVIEW, f.order(boom).status(), "a failing rule sends the order to review");
            assertTrue(f.reasonOf(boom, "IN_REVIEW").contains("rule test/boom failed: java.lang.IllegalStateException: kaboom"));
            assertEquals(2, f.reserved("CUP"), "only the order that passed holds stock");

            // a new parameter file (the whole file: shadow stays listed) applies at once; a bad one is refused
            // and the last good parameters stay
            assertNull(f.rules.configure("test", Map.of("max.units", "30", "shadow", "nosy")));
            assertNotNull(f.rules.configure("test", Map.of("max.units", "lots")));
            long big2 = f.intake(order("BIG2", 1, PaymentStatus.PAID, List.of(line("1", "T-CUP", 25, "19.90"))));
            f.drain();
            assertEquals(OrderStatus.RESERVED, f.order(big2).status(), "25 units are fine under 30");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void withoutTheRulesEngineNewOrdersWait(String kind) throws Exception {
        try (PipelineFixture f = new PipelineFixture(TestDatabases.pooled(kind, 8))) {
            f.teaShop();
            f.stock("CUP", 10);
            f.rulesRef = null;
            long id = f.intake(order("NR", 1, PaymentStatus.PAID, List.of(line("1", "T-CUP", 1, "19.90"))));
            assertEquals(0, f.drain());
            assertEquals(OrderStatus.RECEIVED, f.order(id).status(), "every order is screened before stock is reserved");
            f.rulesRef = f.rules;
            f.drain();
            assertEquals(OrderStatus.RESERVED, f.order(id).status());
        }
    }

    /**
     * Two pipelines (two nodes) drain 300 orders for 100 units of one SKU at the same time: exactly
     * 100 orders hold stock, every other one waits for stock, no order is reserved twice, and every
     * order's audit trail is one valid path.
     */
    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void twoPipelinesNeverReserveTwiceOrOversell(String kind) throws Exception {
        try (PipelineFixture f = new PipelineFixture(TestDatabases.pooled(kind, 16))) {
            f.teaShop();
            f.stock("CUP", 100);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                ids.add(f.intake(order("M" + i, 1, PaymentStatus.PAID, List.of(line("1", "T-CUP", 1, "19.90")))));
            }
            OrderPipeline second = f.pipeline(() -> f.inventory, PipelineFixture.OPTIONS);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (OrderPipeline p : List.of(f.pipeline, second)) {
                    runs.add(pool.submit(() -> {
                        int idle = 0;
                        while (idle < 3) {
                            idle = p.runOnce() == 0 ? idle + 1 : 0;
                        }
                    }));
                }
                for (Future<?> r : runs) {
                    r.get();
                }
            } finally {
                pool.shutdown();
            }
            int reservedOrders = 0;
            for (long id : ids) {
                Order o = f.order(id);
                List<String> path = moves(f, id);
                if (o.status() == OrderStatus.RESERVED) {
                    reservedOrders++;
                    assertEquals(1, f.inventory.held("order-" + id).stream().mapToInt(Allocation::quantity).sum());
                } else {
                    assertEquals(OrderStatus.ON_HOLD, o.status(), "order " + id + ": " + path);
                    assertEquals(List.of(), f.inventory.held("order-" + id));
                }
                assertEquals(path.stream().distinct().count(), path.size(), "no step twice for order " + id + ": " + path);
                for (String step : path) {
                    String[] s = step.split("->");
                    assertTrue(OrderStatus.valueOf(s[0]).canMoveTo(OrderStatus.valueOf(s[1])), step);
                }
            }
            assertEquals(100, reservedOrders);
            assertEquals(100, f.reserved("CUP"));
            assertTrue(f.inventory.check().ok());
            assertEquals(0, f.count("SELECT COUNT(*) FROM order_task"), "nothing was reserved for an order that moved on");
        }
    }

    private static List<String> moves(PipelineFixture f, long id) {
        return f.orders.timeline(id).stream().filter(e -> e.action().equals("status"))
                .map(e -> e.oldValue() + "->" + e.newValue()).toList();
    }
}

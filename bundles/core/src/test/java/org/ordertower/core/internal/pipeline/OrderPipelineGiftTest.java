package org.ordertower.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.core.internal.pipeline.ScreeningTest.BAG_REASON;
import static org.ordertower.core.internal.pipeline.ScreeningTest.CATALOG_REVIEW;
import static org.ordertower.core.internal.pipeline.ScreeningTest.GIFT_RULE;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.Actor;
import org.ordertower.api.AuditEntry;
import org.ordertower.api.Order;
import org.ordertower.api.OrderLine;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.RawPayload;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.intake.DefaultOrderService;
import org.ordertower.core.internal.intake.GroupCommitWriter;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.jdbc.Database;
import org.ordertower.core.spi.http.OrderJson;

/**
 * An order with a gift the catalog refuses, from intake through the pipeline on a real H2 and
 * PostgreSQL: taken off, audited and reserved without it when the rules say remove; held for review
 * with the catalog's reason when they say review.
 */
class OrderPipelineGiftTest {
    private static final RawPayload RAW = new RawPayload("test", "application/json", "{}");
    private final TestCatalog catalog = new TestCatalog().map("T-CUP", "CUP").map("T-BAG", "GIFT-BAG")
            .refuse("GIFT-BAG", BAG_REASON);
    private final HoldingInventory inventory = new HoldingInventory();
    private GroupCommitWriter writer;
    private DefaultOrderService orders;
    private OrderPipeline pipeline;

    private void start(String kind, TestRules rules) throws Exception {
        DataSource ds = TestDatabases.of(kind);
        OrderStore.migrator(ds).migrate();
        Database db = new Database(ds);
        OrderStore store = new OrderStore();
        OrderIntake intake = new OrderIntake(store, new OrderJson());
        writer = new GroupCommitWriter(db, intake, Clock.systemUTC(), () -> { }, 64, 1000, 30_000);
        orders = new DefaultOrderService(db, store, intake, writer, Clock.systemUTC(), () -> Set.of("tmall"), () -> { });
        pipeline = new OrderPipeline(db, store, intake, Clock.systemUTC(), () -> catalog, () -> inventory, () -> rules,
                () -> { }, new OrderPipeline.Options(50, Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(30),
                        Duration.ofMillis(50)));
    }

    @AfterEach
    void close() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (writer != null) {
            writer.close();
        }
    }

    private long intakeCupWithBag() {
        Order o = ScreeningTest.cupWithBag(PaymentStatus.PAID);
        long id = orders.intake(o.content(), RAW, Actor.channel("tmall")).orderId();
        for (int i = 0; i < 10 && pipeline.runOnce() > 0; i++) {
            // until the order comes to rest
        }
        return id;
    }

    private AuditEntry entry(long id, String action) {
        return orders.timeline(id).stream().filter(e -> e.action().equals(action)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " in " + orders.timeline(id)));
    }

    private String reasonOf(long id, OrderStatus status) {
        return orders.timeline(id).stream().filter(e -> e.action().equals("status") && e.newValue().equals(status.name()))
                .findFirst().orElseThrow(() -> new AssertionError("never " + status + ": " + orders.timeline(id))).reason();
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void withRemoveTheGiftIsTakenOffAuditedAndTheRestReserved(String kind) throws Exception {
        start(kind, new TestRules().rule(GIFT_RULE, TestRules.giftEligibility("remove")));

        long id = intakeCupWithBag();

        Order o = orders.find(id).orElseThrow();
        assertEquals(OrderStatus.RESERVED, o.status());
        assertEquals(List.of("CUP"), o.content().lines().stream().map(OrderLine::masterSku).toList());
        assertEquals(List.of(new StockItem("CUP", 1)), inventory.reservations.get(0).items(), "the gift is not reserved");
        assertEquals("lines mapped, gifts checked, rules passed with fixes", reasonOf(id, OrderStatus.SCREENED));
        AuditEntry lines = entry(id, "lines-mapped");
        assertEquals("2 lines", lines.oldValue());
        assertEquals("1 lines", lines.newValue());
        assertEquals("mapped through the catalog; gift line 2 (GIFT-BAG) taken off: gift line 2 (GIFT-BAG) refused by the"
                + " catalog: " + BAG_REASON, lines.reason());
        AuditEntry hit = entry(id, "rule");
        assertEquals(Actor.rule(GIFT_RULE), hit.actor());
        assertEquals("AUTO_FIX", hit.newValue());
        assertTrue(hit.reason().endsWith(BAG_REASON), hit.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void withReviewTheOrderWaitsForAPersonWithTheCatalogsReason(String kind) throws Exception {
        start(kind, new TestRules().rule(GIFT_RULE, TestRules.giftEligibility("review")));

        long id = intakeCupWithBag();

        Order o = orders.find(id).orElseThrow();
        assertEquals(OrderStatus.IN_REVIEW, o.status());
        assertEquals(CATALOG_REVIEW, reasonOf(id, OrderStatus.IN_REVIEW));
        assertEquals(List.of("CUP", "GIFT-BAG"), o.content().lines().stream().map(OrderLine::masterSku).toList());
        assertEquals("REVIEW", entry(id, "rule").newValue());
        assertTrue(inventory.reservations.isEmpty());
    }
}

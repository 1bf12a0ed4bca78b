package org.ordertower.rules.internal.review;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.Actor;
import org.ordertower.api.Address;
import org.ordertower.api.Amounts;
import org.ordertower.api.AuditEntry;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderLine;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.RawPayload;
import org.ordertower.api.rules.ReviewException;
import org.ordertower.api.rules.ReviewItem;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.intake.DefaultOrderService;
import org.ordertower.core.internal.intake.GroupCommitWriter;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.jdbc.Database;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.rules.internal.history.OrderHistory;

/** The review queue over the real core order service, on H2 and PostgreSQL. */
class ReviewQueueTest {
    private static final Actor ALICE = Actor.user("alice");
    private static final Actor BOB = Actor.user("bob");
    private GroupCommitWriter writer;
    private DefaultOrderService orders;
    private DefaultReviewQueue queue;

    void setUp(String kind) throws Exception {
        DataSource ds = TestDatabases.pooled(kind, 4);
        OrderStore.migrator(ds).migrate();
        OrderHistory.migrator(ds).migrate();
        Database db = new Database(ds);
        OrderStore store = new OrderStore();
        OrderIntake intake = new OrderIntake(store, new OrderJson());
        writer = new GroupCommitWriter(db, intake, Clock.systemUTC(), () -> { }, 16, 100, 30_000);
        orders = new DefaultOrderService(db, store, intake, writer, Clock.systemUTC(), () -> Set.of("own"), () -> { });
        queue = new DefaultReviewQueue(orders, db, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        if (writer != null) {
            writer.close();
        }
    }

    private long waiting(String id, OrderStatus status, String reason) {
        long o = orders.intake(new NormalizedOrder("own", "s", id, 1, null, PaymentStatus.PAID, null, null,
                List.of(new OrderLine("1", "X", "X", "x", 1, BigDecimal.ONE, BigDecimal.ONE, false, null)),
                new Amounts("CNY", BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE), Instant.now(), null, null,
                null, null, List.of()), new RawPayload("test", "application/json", "{}"), Actor.channel("own")).orderId();
        orders.transition(o, status, Actor.rule("test/r"), reason);
        return o;
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void listClaimApproveRejectAndUnfreeze(String kind) throws Exception {
        setUp(kind);
        long review = waiting("A", OrderStatus.IN_REVIEW, "test/r: 25 units > 20");
        long frozen = waiting("B", OrderStatus.FROZEN, "test/r: blacklisted buyer");
        long other = waiting("C", OrderStatus.IN_REVIEW, "unmapped SKU Q");

        List<ReviewItem> items = queue.list(10);
        assertEquals(List.of(review, frozen, other), items.stream().map(i -> i.order().id()).toList(), "oldest first");
        assertEquals("test/r: 25 units > 20", items.get(0).reason());
        assertEquals(2, queue.list(2).size());

        assertEquals("alice", queue.claim(review, ALICE).claimedBy());
        assertEquals("alice", queue.claim(review, ALICE).claimedBy(), "claiming again is harmless");
        ReviewException taken = assertThrows(ReviewException.class, () -> queue.approve(review, BOB, "looks fine"));
        assertTrue(taken.getMessage().contains("claimed by alice"));
        assertThrows(ReviewException.class, () -> queue.claim(review, BOB));
        assertThrows(ReviewException.class, () -> queue.approve(review, ALICE, " "), "a reason is required");
        assertEquals(OrderStatus.IN_REVIEW, orders.find(review).orElseThrow().status(), "refusals change nothing");

        assertEquals(OrderStatus.READY, queue.approve(review, ALICE, "checked with the buyer").status());
        AuditEntry decided = orders.timeline(review).get(orders.timeline(review).size() - 1);
        assertEquals("alice", decided.actor().name());
        assertEquals("checked with the buyer", decided.reason());
        assertThrows(ReviewException.class, () -> queue.approve(review, ALICE, "again"), "no longer in the queue");

        assertThrows(ReviewException.class, () -> queue.approve(frozen, ALICE, "fine"), "a frozen order is not approved");
        ReviewException notSupervisor = assertThrows(ReviewException.class, () -> queue.unfreeze(frozen, BOB, false, "fine"));
        assertTrue(notSupervisor.getMessage().contains("only a supervisor"));
        assertEquals(OrderStatus.IN_REVIEW, queue.unfreeze(frozen, BOB, true, "buyer verified by phone").status());
        assertEquals(OrderStatus.CANCELLED, queue.reject(other, BOB, "SKU discontinued").status());
        assertEquals(List.of(frozen), queue.list(10).stream().map(i -> i.order().id()).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void editAndApproveMapsALineAndCompletesTheAddress(String kind) throws Exception {
        setUp(kind);
        long id = waiting("E", OrderStatus.IN_REVIEW, "unmapped SKU X");
        Address fixed = new Address("CN", "浙江省", "杭州市", "西湖区", "文三路", "8号", "310012");
        assertThrows(org.ordertower.api.InvalidOrderException.class,
                () -> queue.editAndApprove(id, ALICE, "map it", null, Map.of("9", "CUP")), "no line 9");
        assertThrows(org.ordertower.api.InvalidOrderException.class,
                () -> queue.editAndApprove(id, ALICE, "map it", null, Map.of("1", " ")), "a blank SKU");
        assertThrows(ReviewException.class, () -> queue.editAndApprove(id, ALICE, "", fixed, Map.of()), "a reason");
        assertEquals(OrderStatus.IN_REVIEW, orders.find(id).orElseThrow().status(), "refusals change nothing");
        assertEquals("X", orders.find(id).orElseThrow().content().lines().get(0).masterSku());

        assertEquals(OrderStatus.READY, queue.editAndApprove(id, ALICE, "X is the old code of CUP", fixed, Map.of("1", "CUP")).status());
        var o = orders.find(id).orElseThrow();
        assertEquals("CUP", o.content().lines().get(0).masterSku());
        assertEquals("8号", o.content().address().detail());
        List<AuditEntry> t = orders.timeline(id);
        assertTrue(t.stream().anyMatch(e -> e.action().equals("amended") && "line 1 masterSku".equals(e.field())
                && "CUP".equals(e.newValue()) && e.actor().name().equals("alice")), t.toString());
        assertTrue(t.stream().anyMatch(e -> e.action().equals("amended") && "address".equals(e.field())
                && !e.newValue().contains("8号")), "the audit trail keeps the address masked: " + t);
    }
}

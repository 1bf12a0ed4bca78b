package org.ordertower.rules.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.Actor;
import org.ordertower.api.Address;
import org.ordertower.api.Amounts;
import org.ordertower.api.AuditEntry;
import org.ordertower.api.Buyer;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderLine;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.RawPayload;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.http.HttpGuard;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.internal.intake.DefaultOrderService;
import org.ordertower.core.internal.intake.GroupCommitWriter;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.jdbc.Database;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.core.internal.security.Authenticator;
import org.ordertower.api.Caller;
import org.ordertower.rules.internal.history.OrderHistory;
import org.ordertower.rules.internal.review.DefaultReviewQueue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The core's review REST interface over the real review queue and order service (H2). It lives here
 * because the core cannot depend on the rules engine. Requests pass the core's {@link HttpGuard}
 * first, as on the wire, so the roles are part of every answer checked; the caller is the actor
 * the audit trail shows.
 */
class ReviewHttpApiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, Set<String>> USERS = Map.of(
            "admin", Set.of("admin", "manager", "viewer", "systembundles", "ssh"),
            "viewer", Set.of("viewer"),
            "ops", Set.of("operator"),
            "rev", Set.of("reviewer"),
            "rev2", Set.of("reviewer"),
            "boss", Set.of("supervisor"),
            "dpo", Set.of("viewer", "pii"));
    private static final Authenticator REALM = (user, password) -> "pw".equals(password) && USERS.containsKey(user)
            ? Optional.of(new Caller(user, USERS.get(user)))
            : Optional.empty();
    private final OrderJson json = new OrderJson();
    private final HttpGuard guard = new HttpGuard(REALM, json);
    private GroupCommitWriter writer;
    private DefaultOrderService orders;
    private ReviewHttpApi api;

    @BeforeEach
    void setUp() throws Exception {
        DataSource ds = TestDatabases.pooled("h2", 4);
        OrderStore.migrator(ds).migrate();
        OrderHistory.migrator(ds).migrate();
        Database db = new Database(ds);
        OrderStore store = new OrderStore();
        OrderIntake intake = new OrderIntake(store, json);
        writer = new GroupCommitWriter(db, intake, Clock.systemUTC(), () -> { }, 16, 100, 30_000);
        orders = new DefaultOrderService(db, store, intake, writer, Clock.systemUTC(), () -> Set.of("own"), () -> { });
        DefaultReviewQueue queue = new DefaultReviewQueue(orders, db, Clock.systemUTC());
        api = new ReviewHttpApi(() -> Optional.of(queue), orders, json);
    }

    @AfterEach
    void close() {
        writer.close();
    }

    private long waiting(String id, OrderStatus status, String reason) {
        long o = intake(id);
        orders.transition(o, status, Actor.rule("test/r"), reason);
        return o;
    }

    /** An order taken in, not (yet) in the queue. */
    private long intake(String id) {
        return orders.intake(new NormalizedOrder("own", "s", id, 1, null, PaymentStatus.PAID,
                new Buyer("李雷", "13912345678", "b-" + id),
                new Address("CN", "浙江省", "杭州市", "西湖区", "文三路", id + "号", "310012"),
                List.of(new OrderLine("1", "X", "X", "x", 1, BigDecimal.ONE, BigDecimal.ONE, false, null)),
                new Amounts("CNY", BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE), Instant.now(), null, null,
                null, null, List.of()), new RawPayload("test", "application/json", "{}"), Actor.channel("own")).orderId();
    }

    /** One request as the route makes it: the guard admits the user, then the interface answers. */
    private HttpReply call(String user, String method, String path, Map<String, String> query, String body) {
        String authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":pw").getBytes(StandardCharsets.UTF_8));
        HttpGuard.Admission a = guard.admit(method, path, query, authorization);
        if (a.refusal() != null) {
            return a.refusal();
        }
        return api.handle(a.caller(), method, path, query, body == null ? null : "application/json", body);
    }

    private HttpReply post(String user, long id, String action, String body) {
        return call(user, "POST", "/api/v1/review/" + id + "/" + action, Map.of(), body);
    }

    private static JsonNode answer(HttpReply r, int status) throws Exception {
        assertEquals(status, r.status(), r.body());
        return MAPPER.readTree(r.body());
    }

    private static void assertBad(HttpReply r, int status, String message) throws Exception {
        String error = answer(r, status).path("error").asText();
        assertTrue(error.contains(message), "expected '" + message + "' in " + r.body());
    }

    private AuditEntry lastStatusChange(long id) {
        List<AuditEntry> t = orders.timeline(id);
        return t.stream().filter(e -> e.action().equals("status")).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void theQueueIsListedOldestFirstWithWhyMaskedUnlessPiiAsks() throws Exception {
        long review = waiting("A", OrderStatus.IN_REVIEW, "test/r: 25 units > 20");
        long frozen = waiting("B", OrderStatus.FROZEN, "test/r: blacklisted buyer");
        long other = waiting("C", OrderStatus.IN_REVIEW, "unmapped SKU Q");

        JsonNode list = answer(call("rev", "GET", "/api/v1/review", Map.of(), null), 200);
        assertEquals(List.of(review, frozen, other), ids(list));
        JsonNode first = list.get("items").get(0);
        assertEquals("test/r: 25 units > 20", first.get("reason").asText());
        assertEquals("IN_REVIEW", first.at("/order/status").asText());
        assertTrue(first.get("since").asText().endsWith("Z"), first.toString());
        assertTrue(first.get("claimedBy").isNull());
        assertFalse(list.toString().contains("13912345678"), "masked: " + list);
        assertEquals(List.of(review, frozen), ids(answer(call("viewer", "GET", "/api/v1/review", Map.of("limit", "2"), null), 200)));

        assertTrue(call("dpo", "GET", "/api/v1/review", Map.of("unmasked", "true"), null).body().contains("13912345678"));
        assertBad(call("rev", "GET", "/api/v1/review", Map.of("unmasked", "true"), null), 403, "needs the role pii");
        assertBad(call("ops", "GET", "/api/v1/review", Map.of(), null), 403, "reviewer or viewer or admin");
        assertBad(call("rev", "GET", "/api/v1/review", Map.of("limit", "0"), null), 400, "limit must be 1..500, was 0");
        assertBad(call("rev", "GET", "/api/v1/review", Map.of("limit", "lots"), null), 400, "limit must be a whole number");
    }

    @Test
    void theQueuePagesByOrderIdWithAfterAndNextEveryOrderOnceAndInOrder() throws Exception {
        long a = intake("P-A"); // taken in first, sent to review last: the queue is by order id, not by since
        List<Long> expected = new ArrayList<>(List.of(a));
        intake("P-NOT-WAITING");
        for (int i = 1; i <= 5; i++) {
            expected.add(waiting("P-" + i, i % 2 == 0 ? OrderStatus.FROZEN : OrderStatus.IN_REVIEW, "test/r: " + i));
            intake("P-OTHER-" + i); // not in the queue: skipped
        }
        orders.transition(a, OrderStatus.IN_REVIEW, Actor.rule("test/r"), "late");

        List<Long> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        Long late = null;
        do {
            Map<String, String> q = after == null ? Map.of("limit", "2") : Map.of("limit", "2", "after", after);
            JsonNode page = answer(call("rev", "GET", "/api/v1/review", q, null), 200);
            List<Long> ids = ids(page);
            assertTrue(ids.size() <= 2, page.toString());
            seen.addAll(ids);
            assertTrue(page.has("next"), page.toString());
            after = page.get("next").isNull() ? null : page.get("next").asText();
            if (after != null) {
                assertEquals(String.valueOf(ids.get(ids.size() - 1)), after, "next is the last order id shown");
            }
            if (pages++ == 0) {
                late = waiting("P-LATE", OrderStatus.FROZEN, "joins while the queue is read"); // at the tail, no shift
            }
        } while (after != null && pages < 20);
        expected.add(late);
        assertEquals(expected, seen, "every waiting order once, by id, IN_REVIEW and FROZEN merged");
        assertEquals(4, pages, "7 orders 2 by 2; the last page says so with next null");

        JsonNode whole = answer(call("rev", "GET", "/api/v1/review", Map.of("limit", "7"), null), 200);
        assertEquals(expected, ids(whole));
        assertTrue(whole.get("next").isNull(), "exactly the orders there are: no next");
        JsonNode fromThird = answer(call("rev", "GET", "/api/v1/review", Map.of("after", String.valueOf(expected.get(2))),
                null), 200);
        assertEquals(expected.subList(3, expected.size()), ids(fromThird));
        assertTrue(answer(call("rev", "GET", "/api/v1/review", Map.of("after", String.valueOf(late)), null), 200)
                .get("items").isEmpty());
        assertEquals(7, ids(answer(call("rev", "GET", "/api/v1/review", Map.of("limit", "500"), null), 200)).size());

        assertBad(call("rev", "GET", "/api/v1/review", Map.of("limit", "0"), null), 400, "limit must be 1..500, was 0");
        assertBad(call("rev", "GET", "/api/v1/review", Map.of("limit", "501"), null), 400, "limit must be 1..500, was 501");
        assertBad(call("rev", "GET", "/api/v1/review", Map.of("after", "abc"), null), 400,
                "after must be the next cursor of the previous page (an id), was 'abc'");
        assertBad(call("rev", "GET", "/api/v1/review", Map.of("after", "-5"), null), 400, "after must be");
    }

    @Test
    void aReviewerClaimsAndDecidesAndIsTheActorInTheAuditTrail() throws Exception {
        long review = waiting("A", OrderStatus.IN_REVIEW, "test/r: 25 units > 20");
        long frozen = waiting("B", OrderStatus.FROZEN, "test/r: blacklisted buyer");

        assertEquals("rev", answer(post("rev", review, "claim", null), 200).get("claimedBy").asText());
        assertBad(post("rev2", review, "approve", "{\"reason\":\"fine\"}"), 409, "claimed by rev");
        assertBad(post("rev2", review, "claim", null), 409, "claimed by rev");
        assertBad(post("rev", review, "approve", "{}"), 400, "reason is required");
        assertBad(post("rev", review, "approve", "{\"reason\":\"  \"}"), 400, "reason must be a non-blank string");
        assertBad(post("ops", review, "approve", "{\"reason\":\"fine\"}"), 403, "deciding a review needs the role reviewer or admin");
        assertEquals(OrderStatus.IN_REVIEW, orders.find(review).orElseThrow().status(), "refusals change nothing");

        JsonNode approved = answer(post("rev", review, "approve", "{\"reason\":\"checked with the buyer\"}"), 200);
        assertEquals("READY", approved.get("status").asText());
        assertFalse(approved.toString().contains("13912345678"), "masked: " + approved);
        AuditEntry decided = lastStatusChange(review);
        assertEquals(Actor.user("rev"), decided.actor());
        assertEquals("checked with the buyer", decided.reason());
        assertBad(post("rev", review, "approve", "{\"reason\":\"again\"}"), 409, "not in the review queue");

        assertBad(post("rev", frozen, "approve", "{\"reason\":\"fine\"}"), 409, "this decision needs it [IN_REVIEW]");
        JsonNode rejected = answer(post("admin", frozen, "reject", "{\"reason\":\"stolen card\"}"), 200);
        assertEquals("CANCELLED", rejected.get("status").asText());
        assertEquals(Actor.user("admin"), lastStatusChange(frozen).actor());
        assertBad(post("rev", 999_999, "approve", "{\"reason\":\"fine\"}"), 404, "999999");
    }

    @Test
    void onlyASupervisorUnfreezes() throws Exception {
        long frozen = waiting("B", OrderStatus.FROZEN, "test/r: blacklisted buyer");
        long review = waiting("A", OrderStatus.IN_REVIEW, "test/r: 25 units > 20");
        String why = "{\"reason\":\"buyer verified by phone\"}";
        assertBad(post("rev", frozen, "unfreeze", why), 403, "releasing a frozen order needs the role supervisor; rev does not have it");
        assertBad(post("admin", frozen, "unfreeze", why), 403, "admin does not have it");
        assertBad(api.handle(new Caller("rev", Set.of("reviewer")), "POST", "/api/v1/review/" + frozen + "/unfreeze", Map.of(),
                "application/json", why), 403, "needs the role supervisor");
        assertEquals(OrderStatus.FROZEN, orders.find(frozen).orElseThrow().status());

        assertEquals("IN_REVIEW", answer(post("boss", frozen, "unfreeze", why), 200).get("status").asText());
        assertEquals(Actor.user("boss"), lastStatusChange(frozen).actor());
        assertEquals("buyer verified by phone", lastStatusChange(frozen).reason());
        assertBad(post("boss", review, "unfreeze", why), 409, "this decision needs it [FROZEN]");
    }

    @Test
    void editCorrectsTheGivenAddressFieldsAndLinesThenApproves() throws Exception {
        long id = waiting("E", OrderStatus.IN_REVIEW, "unmapped SKU X");
        assertBad(post("rev", id, "edit", "{\"reason\":\"map it\",\"skus\":{\"9\":\"CUP\"}}"), 422, "has no line '9'");
        assertBad(post("rev", id, "edit", "{\"reason\":\"map it\",\"skus\":{\"1\":\"\"}}"), 400, "skus.1 must be a non-blank string");
        assertBad(post("rev", id, "edit", "{\"reason\":\"map it\",\"skus\":[\"CUP\"]}"), 400, "skus must be an object");
        assertBad(post("rev", id, "edit", "{\"reason\":\"map it\",\"address\":{\"planet\":\"Mars\"}}"), 400,
                "unknown field 'address.planet'");
        assertBad(post("rev", id, "edit", "{\"reason\":\"map it\",\"colour\":1}"), 400, "unknown field 'colour'");
        assertBad(post("rev", id, "edit", "{\"reason\":\"map it\"}"), 400, "nothing to correct");
        Order unchanged = orders.find(id).orElseThrow();
        assertEquals(OrderStatus.IN_REVIEW, unchanged.status(), "refusals change nothing");
        assertEquals("X", unchanged.content().lines().get(0).masterSku());

        JsonNode edited = answer(post("rev", id, "edit",
                "{\"reason\":\"X is the old code of CUP\",\"skus\":{\"1\":\"CUP\"},\"address\":{\"street\":\"天目山路\",\"detail\":\"8号\"}}"),
                200);
        assertEquals("READY", edited.get("status").asText());
        Order o = orders.find(id).orElseThrow();
        assertEquals("CUP", o.content().lines().get(0).masterSku());
        assertEquals(new Address("CN", "浙江省", "杭州市", "西湖区", "天目山路", "8号", "310012"), o.content().address(),
                "the fields given replaced, the others kept");
        assertTrue(orders.timeline(id).stream().anyMatch(e -> e.action().equals("amended") && "line 1 masterSku".equals(e.field())
                && e.actor().equals(Actor.user("rev")) && e.reason().equals("X is the old code of CUP")), orders.timeline(id).toString());
    }

    @Test
    void badRequestsGetTheStatusThatNamesTheirFault() throws Exception {
        long id = waiting("A", OrderStatus.IN_REVIEW, "why");
        String path = "/api/v1/review/" + id + "/approve";
        Caller rev = new Caller("rev", Set.of("reviewer"));
        assertBad(api.handle(rev, "POST", path, Map.of(), "text/plain", "{\"reason\":\"x\"}"), 415, "application/json");
        assertBad(api.handle(rev, "POST", path, Map.of(), "application/json", null), 413, "larger than 65536 bytes");
        assertBad(api.handle(rev, "POST", path, Map.of(), "application/json", ""), 400, "the body is empty");
        assertBad(api.handle(rev, "POST", path, Map.of(), "application/json", "{\"reason\":"), 400, "malformed JSON");
        assertBad(api.handle(rev, "POST", path, Map.of(), "application/json", "[\"x\"]"), 400, "one JSON object");
        assertBad(api.handle(rev, "GET", path, Map.of(), null, null), 405, "use POST");
        assertBad(api.handle(rev, "POST", "/api/v1/review", Map.of(), "application/json", "{}"), 405, "use GET");
        assertBad(api.handle(rev, "POST", "/api/v1/review/abc/approve", Map.of(), "application/json", "{}"), 404, "not an order id");
        assertBad(api.handle(rev, "POST", "/api/v1/review/" + id + "/launch", Map.of(), "application/json", "{}"), 404,
                "claim|approve|edit|reject|unfreeze");
        assertBad(api.handle(rev, "POST", "/api/v1/review/" + id, Map.of(), "application/json", "{}"), 404, "no such resource");
        assertEquals(OrderStatus.IN_REVIEW, orders.find(id).orElseThrow().status());
    }

    @Test
    void withoutTheRulesEngineEveryPathAnswers503() throws Exception {
        ReviewHttpApi absent = new ReviewHttpApi(Optional::empty, orders, json);
        Caller rev = new Caller("rev", Set.of("reviewer"));
        for (HttpReply r : List.of(absent.handle(rev, "GET", "/api/v1/review", Map.of(), null, null),
                absent.handle(rev, "POST", "/api/v1/review/1/approve", Map.of(), "application/json", "{\"reason\":\"x\"}"))) {
            assertBad(r, 503, "the rules engine, which keeps the review queue, is not installed");
            assertEquals("5", r.headers().get("Retry-After"));
        }
    }

    private static List<Long> ids(JsonNode list) {
        return java.util.stream.StreamSupport.stream(list.get("items").spliterator(), false).map(i -> i.at("/order/id").asLong())
                .toList();
    }
}

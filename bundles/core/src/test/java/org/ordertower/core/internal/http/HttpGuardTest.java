package org.ordertower.core.internal.http;

import org.ordertower.core.spi.http.HttpReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.Caller;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.core.internal.security.Authenticator;

/** The roles table, request by request and role by role; 401 and 403 as clients see them. JAAS is beside the point here. */
class HttpGuardTest {
    private static final String PASSWORD = "pw";
    private static final Map<String, Set<String>> USERS = Map.of(
            "admin", Set.of("admin", "manager", "viewer", "systembundles", "ssh"), // Karaf's admingroup
            "viewer", Set.of("viewer"),
            "ops", Set.of("operator"),
            "rev", Set.of("reviewer"),
            "boss", Set.of("supervisor"),
            "dpo", Set.of("viewer", "pii"),
            "partner", Set.of("partner"),
            "nobody", Set.of());
    private static final List<String> COLUMNS = List.of("admin", "viewer", "ops", "rev", "boss", "dpo", "partner", "nobody");
    private static final Authenticator REALM = (user, password) -> PASSWORD.equals(password) && USERS.containsKey(user)
            ? Optional.of(new Caller(user, USERS.get(user)))
            : Optional.empty();
    private final HttpGuard guard = new HttpGuard(REALM, new OrderJson());

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpGuard.Admission admit(HttpGuard g, String request, String authorization) {
        String[] mp = request.strip().split("\\s+");
        String path = mp[1];
        Map<String, String> query = new HashMap<>();
        int q = path.indexOf('?');
        if (q >= 0) {
            for (String pair : path.substring(q + 1).split("&")) {
                query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            path = path.substring(0, q);
        }
        return g.admit(mp[0], path, query, authorization);
    }

    private static int status(HttpGuard.Admission a) {
        return a.refusal() == null ? 200 : a.refusal().status();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # request                                  | admin viewer ops rev boss dpo partner nobody
            GET  /api/v1/orders/1                      | 200   200    403 403 403  200 403     403
            GET  /api/v1/orders?status=READY           | 200   200    403 403 403  200 403     403
            GET  /api/v1/orders/1?unmasked=true        | 403   403    403 403 403  200 403     403
            GET  /api/v1/orders?unmasked=true          | 403   403    403 403 403  200 403     403
            GET  /api/v1/orders/1?unmasked=false       | 200   200    403 403 403  200 403     403
            GET  /api/v1/stock/A                       | 200   200    403 403 403  200 403     403
            GET  /api/v1/catalog/skus                  | 200   200    403 403 403  200 403     403
            POST /api/v1/orders                        | 200   403    200 403 403  403 200     403
            POST /api/v1/orders/1/status               | 200   403    200 403 403  403 403     403
            POST /api/v1/stock/A/receive               | 200   403    200 403 403  403 403     403
            POST /api/v1/stock/A/adjust                | 200   403    200 403 403  403 403     403
            POST /api/v1/catalog/skus                  | 200   403    200 403 403  403 403     403
            GET  /api/v1/review                        | 200   200    403 200 403  200 403     403
            GET  /api/v1/review?unmasked=true          | 403   403    403 403 403  200 403     403
            POST /api/v1/review/1/claim                | 200   403    403 200 403  403 403     403
            POST /api/v1/review/1/approve              | 200   403    403 200 403  403 403     403
            POST /api/v1/review/1/edit                 | 200   403    403 200 403  403 403     403
            POST /api/v1/review/1/reject               | 200   403    403 200 403  403 403     403
            POST /api/v1/review/1/unfreeze             | 403   403    403 403 200  403 403     403
            POST /api/v1/review/1/unfreeze/            | 403   403    403 403 200  403 403     403
            POST /api/v1/channels/jd/webhook           | 200   200    200 200 200  200 200     200
            GET  /api/v1/tokens                        | 200   403    403 403 403  403 403     403
            POST /api/v1/tokens                        | 200   403    403 403 403  403 403     403
            DELETE /api/v1/tokens/3                    | 200   403    403 403 403  403 403     403
            """)
    void eachRoleGetsWhatTheTableSays(String request, String expected) {
        String[] want = expected.strip().split("\\s+");
        for (int i = 0; i < COLUMNS.size(); i++) {
            String user = COLUMNS.get(i);
            HttpGuard.Admission a = admit(guard, request, basic(user, PASSWORD));
            assertEquals(Integer.parseInt(want[i]), status(a), request + " as " + user + ": "
                    + (a.refusal() == null ? "admitted" : a.refusal().body()));
            if (a.refusal() == null && !request.contains("/channels/")) {
                assertEquals(user, a.caller().name());
            }
        }
    }

    /** The same rule as the shell's order:show --unmask and order:decrypt: pii or supervisor, never admin alone. */
    @Test
    void buyerDataInClearFollowsTheOneAccessRule() {
        Authenticator realm = (user, password) -> Optional.of(new Caller(user, switch (user) {
            case "lead" -> Set.of("viewer", "supervisor");
            case "dpo" -> Set.of("viewer", "pii");
            default -> Set.of("viewer", "admin");
        }));
        HttpGuard g = new HttpGuard(realm, new OrderJson());
        for (String user : List.of("lead", "dpo", "root")) {
            boolean allowed = org.ordertower.api.Access.maySeeBuyerData(role -> realm.authenticate(user, "x").orElseThrow()
                    .hasRole(role));
            assertEquals(allowed ? 200 : 403, status(admit(g, "GET /api/v1/orders/1?unmasked=true", basic(user, "x"))), user);
            assertEquals(!user.equals("root"), allowed, user);
        }
    }

    @Test
    void aRefusalNamesTheRoleNeeded() throws Exception {
        HttpGuard.Admission a = admit(guard, "POST /api/v1/review/1/unfreeze", basic("rev", PASSWORD));
        assertEquals("releasing a frozen order needs the role supervisor; rev does not have it",
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(a.refusal().body()).get("error").asText());
        assertEquals("application/problem+json; charset=utf-8", a.refusal().contentType());
        assertTrue(admit(guard, "POST /api/v1/stock/A/adjust", basic("viewer", PASSWORD)).refusal().body()
                .contains("needs the role admin or operator"));
        assertTrue(admit(guard, "GET /api/v1/orders/1?unmasked=true", basic("admin", PASSWORD)).refusal().body()
                .contains("seeing buyer data unmasked needs the role pii or supervisor; admin does not have it"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "Basic", "Basic !!!", "Bearer abc", "Basic dmlld2Vy" /* no colon */ })
    void missingOrMalformedCredentialsGetA401WithTheChallenge(String authorization) {
        HttpReply r = admit(guard, "GET /api/v1/orders/1", authorization.isEmpty() ? null : authorization).refusal();
        assertEquals(401, r.status(), r.body());
        assertEquals("Basic realm=\"OrderTower\"", r.headers().get("WWW-Authenticate"));
    }

    @Test
    void aWrongPasswordOrUnknownUserGetsA401ThatDoesNotSayWhich() throws Exception {
        HttpReply wrong = admit(guard, "GET /api/v1/orders/1", basic("admin", "guess")).refusal();
        HttpReply unknown = admit(guard, "GET /api/v1/orders/1", basic("mallory", PASSWORD)).refusal();
        assertEquals(401, wrong.status());
        assertEquals(wrong, unknown);
        assertEquals("the user name or password is wrong",
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(wrong.body()).get("detail").asText());
        assertNull(admit(guard, "GET /api/v1/orders/1", "basic " + basic("admin", PASSWORD).substring(6)).refusal(),
                "the scheme is case-insensitive");
    }

    @Test
    void webhookPathsAreOpenAndAnonymous() {
        HttpGuard.Admission a = admit(guard, "POST /api/v1/channels/douyin/webhook", null);
        assertNull(a.refusal());
        assertSame(Caller.ANONYMOUS, a.caller());
        assertEquals(List.of("/api/v1/channels/", "/api/v1/wms/", "/api/v1/carriers/"), HttpGuard.OPEN_PREFIXES);
        for (String path : List.of("/api/v1/wms/qimen/callback", "/api/v1/carriers/kuaidi100/callback")) {
            assertSame(Caller.ANONYMOUS, admit(guard, "POST " + path, null).caller(), path);
        }
        HttpGuard.requireOpen("/api/v1/wms");
        IllegalStateException undeclared = assertThrows(IllegalStateException.class, () -> HttpGuard.requireOpen("/api/v1/orders"));
        assertTrue(undeclared.getMessage().contains("/api/v1/orders would be served without authentication"),
                undeclared.getMessage());
        assertEquals(401, status(admit(guard, "GET /api/v1/channels", null)), "only under the prefix");
        assertEquals(401, status(admit(guard, "GET /api/v1/channelsX/a", null)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/channels/../orders/1", "/api/v1/channels/%2e%2E/orders/1", "/api/v1/channels/..;x/orders/1",
            "/api/v1/channels/./../orders", "/api/v1/review/1/approve/../unfreeze", "/api/v1/orders/%zz/.." })
    void dotSegmentsAreRefusedSoNoPathSlipsPastTheTable(String path) {
        assertEquals(400, status(guard.admit("GET", path, Map.of(), null)), path);
        assertEquals(400, status(guard.admit("POST", path, Map.of(), basic("admin", PASSWORD))), path);
    }

    @Test
    void withAuthenticationOffEveryoneIsHttpApiWhichNeitherUnmasksNorUnfreezes() {
        HttpGuard off = new HttpGuard(null, new OrderJson());
        HttpGuard.Admission post = admit(off, "POST /api/v1/orders", null);
        assertNull(post.refusal());
        assertEquals("http-api", post.caller().name());
        assertNull(admit(off, "POST /api/v1/review/1/approve", null).refusal());
        assertNull(admit(off, "GET /api/v1/stock/A", basic("whoever", "whatever")).refusal(), "credentials are ignored");
        assertEquals(403, status(admit(off, "POST /api/v1/review/1/unfreeze", null)));
        assertEquals(403, status(admit(off, "GET /api/v1/orders/1?unmasked=true", null)));
    }
}

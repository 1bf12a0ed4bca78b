package org.ordertower.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.ordertower.api.Caller;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.security.ApiTokens;
import org.ordertower.core.internal.security.Authenticator;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.TestDatabases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An admin creates, lists and revokes API tokens over REST; a system then calls with its token as Bearer, with exactly
 * its roles: a partner's token takes orders in and reads nothing; a revoked token is a 401.
 */
class TokensHttpApiTest {
    private static final Caller ADMIN = new Caller("ops-admin", Set.of("admin", "viewer"));
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void anAdminIssuesATokenShownOnceASystemCallsWithItsRolesAndARevokedOneIsRefused() throws Exception {
        DataSource ds = TestDatabases.of("h2");
        OrderStore.migrator(ds).migrate();
        ApiTokens tokens = new ApiTokens(new Database(ds), Clock.systemUTC());
        TokensHttpApi api = new TokensHttpApi(tokens, new OrderJson());
        Authenticator people = (user, password) -> Optional.empty();
        HttpGuard guard = new HttpGuard(people, tokens::verify, new OrderJson());

        HttpReply created = api.handle(ADMIN, "POST", "/api/v1/tokens", Map.of(), "application/json",
                "{\"name\":\"erp\",\"roles\":[\"partner\"],\"expiresAt\":\"2099-01-01T00:00:00Z\"}");
        assertEquals(201, created.status(), created.body());
        JsonNode c = mapper.readTree(created.body());
        String token = c.get("token").asText();
        assertTrue(token.startsWith("ott_"));
        assertEquals("/api/v1/tokens/" + c.get("id").asLong(), created.headers().get("Location"));
        assertEquals("ops-admin", c.get("createdBy").asText());

        HttpReply list = api.handle(ADMIN, "GET", "/api/v1/tokens", Map.of(), null, null);
        assertEquals(200, list.status());
        assertFalse(list.body().contains(token.substring(4)), "the list never shows a token");
        JsonNode item = mapper.readTree(list.body()).get("items").get(0);
        assertEquals("erp", item.get("name").asText());
        assertTrue(item.get("active").asBoolean());

        // the system calls with its token: intake yes, reading no
        String bearer = "Bearer " + token;
        HttpGuard.Admission intake = guard.admit("POST", "/api/v1/orders", Map.of(), bearer);
        assertNull(intake.refusal());
        assertEquals(new Caller("token:erp", Set.of("partner")), intake.caller());
        assertEquals(403, guard.admit("GET", "/api/v1/orders/1", Map.of(), bearer).refusal().status());
        assertEquals(403, guard.admit("POST", "/api/v1/stock/A/receive", Map.of(), bearer).refusal().status());
        assertEquals(403, guard.admit("GET", "/api/v1/tokens", Map.of(), bearer).refusal().status(), "admins only");
        assertEquals(Optional.of(new Caller("token:erp", Set.of("partner"))), guard.authenticate(bearer),
                "what a front end in the node (the metrics) asks");
        assertEquals(Optional.empty(), guard.authenticate(null));
        assertEquals(Optional.empty(), guard.authenticate("Bearer ott_nope"));
        HttpReply wrong = guard.admit("POST", "/api/v1/orders", Map.of(), "Bearer ott_nope").refusal();
        assertEquals(401, wrong.status());
        assertTrue(wrong.body().contains("the API token is unknown, revoked or expired"), wrong.body());

        HttpReply revoked = api.handle(ADMIN, "DELETE", "/api/v1/tokens/" + c.get("id").asLong(), Map.of(), null, null);
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals(401, guard.admit("POST", "/api/v1/orders", Map.of(), bearer).refusal().status());
        assertEquals(404, api.handle(ADMIN, "DELETE", "/api/v1/tokens/" + c.get("id").asLong(), Map.of(), null, null)
                .status(), "revoked once");

        // bad requests: a clear error, nothing created
        HttpReply bad = api.handle(ADMIN, "POST", "/api/v1/tokens", Map.of(), "application/json",
                "{\"name\":\"bi\",\"roles\":[\"root\"]}");
        assertEquals(422, bad.status(), bad.body());
        assertEquals("roles", mapper.readTree(bad.body()).get("fields").get(0).asText());
        assertEquals(400, api.handle(ADMIN, "POST", "/api/v1/tokens", Map.of(), "application/json",
                "{\"name\":\"bi\",\"roles\":\"viewer\"}").status());
        assertEquals(400, api.handle(ADMIN, "POST", "/api/v1/tokens", Map.of(), "application/json",
                "{\"name\":\"bi\",\"roles\":[\"viewer\"],\"expiresAt\":\"soon\"}").status());
        assertEquals(415, api.handle(ADMIN, "POST", "/api/v1/tokens", Map.of(), "text/plain", "x").status());
        assertEquals(405, api.handle(ADMIN, "PUT", "/api/v1/tokens", Map.of(), null, null).status());
        assertEquals(404, api.handle(ADMIN, "DELETE", "/api/v1/tokens/abc", Map.of(), null, null).status());
        assertEquals(1, tokens.list().size());
    }
}

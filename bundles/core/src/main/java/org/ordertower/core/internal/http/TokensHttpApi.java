package org.ordertower.core.internal.http;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ordertower.api.Caller;
import org.ordertower.core.internal.security.ApiTokens;
import org.ordertower.core.spi.http.JsonHttpHandler;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.JsonFields;
import org.ordertower.core.spi.http.OrderJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * API tokens for systems over REST; the guard lets only an admin in ({@link HttpGuard#TOKENS_BASE}):
 * <pre>
 * POST   /api/v1/tokens        {"name", "roles": [...], "expiresAt": "2027-01-01T00:00:00Z" (optional)}: 201 with the
 *                              token, shown this once
 * GET    /api/v1/tokens        every token, newest first, without the tokens themselves
 * DELETE /api/v1/tokens/{id}   revokes it
 * </pre>
 */
public final class TokensHttpApi extends JsonHttpHandler {
    public static final String BASE = HttpGuard.TOKENS_BASE;
    public static final int MAX_BODY = 4096;
    private final ApiTokens tokens;

    public TokensHttpApi(ApiTokens tokens, OrderJson json) {
        super(BASE, json);
        this.tokens = tokens;
    }

    @Override
    protected HttpReply serve(Caller caller, String method, String path, String[] parts, Map<String, String> query,
            String contentType, String body) {
        if (parts.length == 0) {
            return switch (method) {
                case "GET" -> list();
                case "POST" -> create(caller, contentType, body);
                default -> replies.notAllowed(method, BASE, "GET, POST");
            };
        }
        if (parts.length > 1 || !parts[0].matches("\\d{1,18}")) {
            return replies.error(404, "no such resource " + path + "; a token is at " + BASE + "/{id}");
        }
        if (!method.equals("DELETE")) {
            return replies.notAllowed(method, path, "DELETE");
        }
        long id = Long.parseLong(parts[0]);
        if (!tokens.revoke(id, caller)) {
            return replies.error(404, "there is no active API token " + id);
        }
        ObjectNode n = json.object();
        n.put("revoked", id);
        return replies.ok(n);
    }

    @Override
    protected HttpReply refusal(RuntimeException e) {
        return e instanceof ApiTokens.InvalidToken t ? replies.problems(422, "invalid API token", t.problems()) : null;
    }

    private HttpReply create(Caller caller, String contentType, String body) {
        HttpReply bad = replies.unreadable(contentType, "application/json", body, MAX_BODY,
                "the body is empty; send {\"name\", \"roles\"}");
        if (bad != null) {
            return bad;
        }
        ObjectNode o;
        try {
            o = json.readObject(body);
        } catch (RuntimeException e) {
            return replies.error(400, "the body must be one JSON object: " + e.getMessage());
        }
        JsonFields f = new JsonFields(o, "name", "roles", "expiresAt");
        String name = f.text("name");
        String expires = f.optionalText("expiresAt");
        Set<String> roles = new LinkedHashSet<>();
        JsonNode r = o.get("roles");
        if (r == null || !r.isArray()) {
            f.problems.add("roles must be an array of role names");
        } else {
            r.forEach(x -> {
                if (x.isTextual()) {
                    roles.add(x.asText());
                } else {
                    f.problems.add("roles must hold role names, was " + x);
                }
            });
        }
        Instant expiresAt = null;
        if (expires != null) {
            try {
                expiresAt = Instant.parse(expires);
            } catch (DateTimeParseException e) {
                f.problems.add("expiresAt must be an instant such as 2027-01-01T00:00:00Z, was '" + expires + "'");
            }
        }
        if (!f.problems.isEmpty()) {
            return replies.problems(400, "invalid body", f.problems);
        }
        ApiTokens.Created c = tokens.create(name, roles, expiresAt, caller);
        ObjectNode n = token(c.token());
        n.put("token", c.secret());
        return new HttpReply(201, json.toJson(n), Map.of("Location", BASE + "/" + c.token().id()));
    }

    private HttpReply list() {
        ObjectNode n = json.object();
        ArrayNode items = n.putArray("items");
        Instant now = Instant.now();
        for (ApiTokens.Token t : tokens.list()) {
            ObjectNode i = token(t);
            i.put("active", t.active(now));
            items.add(i);
        }
        return replies.ok(n);
    }

    private ObjectNode token(ApiTokens.Token t) {
        ObjectNode n = json.object();
        n.put("id", t.id());
        n.put("name", t.name());
        ArrayNode roles = n.putArray("roles");
        t.roles().forEach(roles::add);
        n.put("createdBy", t.createdBy());
        n.put("createdAt", t.createdAt().toString());
        n.put("expiresAt", t.expiresAt() == null ? null : t.expiresAt().toString());
        n.put("revokedAt", t.revokedAt() == null ? null : t.revokedAt().toString());
        n.put("revokedBy", t.revokedBy());
        n.put("lastUsedAt", t.lastUsedAt() == null ? null : t.lastUsedAt().toString());
        return n;
    }

}

package org.ordertower.rules.internal.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.AccessDeniedException;
import org.ordertower.api.Caller;
import org.ordertower.api.Order;
import org.ordertower.api.OrderQuery;
import org.ordertower.api.OrderService;
import org.ordertower.api.Page;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.rules.RiskDecision;
import org.ordertower.api.rules.RulePackStatus;
import org.ordertower.api.rules.RuleReplay;
import org.ordertower.api.rules.RuleStatistics;
import org.ordertower.api.rules.ScreeningService;
import org.ordertower.core.spi.http.HttpHandler;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.JsonReplies;
import org.ordertower.core.spi.http.OrderJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The rule packs' REST interface, free of any HTTP server (see {@link HttpHandler}): what each rule does, the packs'
 * parameters, tuning them, and a replay that shows what new parameters would have decided before they are switched on.
 *
 * <pre>
 * GET  /api/v1/rules                 {packs:[{name, parameters, defaults, rules, shadow, disabled, lastError}],
 *                                     statistics:[{rule, shadow, evaluations, hits, actions, shadowHits, failures, meanMicros}]}
 * PUT  /api/v1/rules/{pack}          {"parameters": {...}, "shadow": [...], "disabled": [...]}: checked, kept, applied
 * POST /api/v1/rules/{pack}/replay   the same and "days" (1..90): the orders of those days screened both ways
 * </pre>
 * Who may tune is decided by the engine ({@link ScreeningService#tune}); a bad value is a 400 naming it, and nothing
 * changes.
 */
public final class RulesHttpApi implements HttpHandler {
    public static final String BASE = "/api/v1/rules";
    public static final int MAX_BODY = 64 << 10;
    /** The most orders one replay screens. */
    public static final int MAX_REPLAY_ORDERS = 20_000;
    /** The most changed orders a replay answer lists. */
    public static final int MAX_ITEMS = 200;
    private static final int PAGE = 500;
    private final Logger logger = LoggerFactory.getLogger(RulesHttpApi.class);
    private final ScreeningService engine;
    private final OrderService orders;
    private final OrderJson json;
    private final JsonReplies replies;

    public RulesHttpApi(ScreeningService engine, OrderService orders, OrderJson json) {
        this.engine = engine;
        this.orders = orders;
        this.json = json;
        this.replies = new JsonReplies(json);
    }

    @Override
    public HttpReply handle(Caller caller, String method, String path, Map<String, String> query, String contentType,
            String body) {
        try {
            String rest = path.startsWith(BASE) ? path.substring(BASE.length()) : null;
            if (rest == null) {
                return replies.error(404, "no such resource " + path);
            }
            if (rest.isEmpty() || rest.equals("/")) {
                return method.equals("GET") ? list() : replies.notAllowed(method, BASE, "GET");
            }
            String[] parts = rest.substring(1).split("/");
            if (parts.length == 1) {
                return method.equals("PUT") ? tune(caller, parts[0], contentType, body)
                        : replies.notAllowed(method, path, "PUT");
            }
            if (parts.length == 2 && parts[1].equals("replay")) {
                return method.equals("POST") ? replay(parts[0], contentType, body)
                        : replies.notAllowed(method, path, "POST");
            }
            return replies.error(404, "no such resource " + path);
        } catch (AccessDeniedException e) {
            return replies.error(403, e.getMessage());
        } catch (IllegalArgumentException e) {
            return replies.error(400, e.getMessage());
        } catch (StoreUnavailableException e) {
            return replies.unavailable("the order store is not available; retry later");
        } catch (RuntimeException e) {
            return replies.internalError(logger, method, path, e, "internal error; nothing was changed");
        }
    }

    private HttpReply list() {
        ObjectNode n = json.object();
        ArrayNode packs = n.putArray("packs");
        engine.packs().forEach(p -> packs.add(pack(p)));
        ArrayNode stats = n.putArray("statistics");
        for (RuleStatistics s : engine.statistics()) {
            ObjectNode r = stats.addObject();
            r.put("rule", s.rule());
            r.put("shadow", s.shadow());
            r.put("evaluations", s.evaluations());
            r.put("hits", s.hits());
            r.put("actions", s.actions());
            r.put("shadowHits", s.shadowHits());
            r.put("failures", s.failures());
            r.put("meanMicros", Math.round(s.meanMicros() * 10) / 10.0);
        }
        return replies.ok(n);
    }

    private ObjectNode pack(RulePackStatus p) {
        ObjectNode n = json.object();
        n.put("name", p.name());
        ObjectNode params = n.putObject("parameters");
        new java.util.TreeMap<>(p.parameters()).forEach(params::put);
        ObjectNode defaults = n.putObject("defaults");
        engine.defaults(p.name()).forEach(defaults::put);
        p.rules().forEach(n.putArray("rules")::add);
        p.shadow().stream().sorted().forEach(n.putArray("shadow")::add);
        p.disabled().stream().sorted().forEach(n.putArray("disabled")::add);
        if (p.lastError() == null) {
            n.putNull("lastError");
        } else {
            n.put("lastError", p.lastError());
        }
        return n;
    }

    private HttpReply tune(Caller caller, String pack, String contentType, String body) {
        HttpReply bad = replies.unreadable(contentType, "application/json", body, MAX_BODY,
                "the body is empty; send {\"parameters\": {...}, \"shadow\": [...], \"disabled\": [...]}");
        if (bad != null) {
            return bad;
        }
        RulePackStatus status = engine.tune(pack, parameters(read(body)), caller);
        return replies.ok(pack(status));
    }

    private HttpReply replay(String pack, String contentType, String body) {
        HttpReply bad = replies.unreadable(contentType, "application/json", body, MAX_BODY,
                "the body is empty; send {\"parameters\": {...}, \"days\": 7}");
        if (bad != null) {
            return bad;
        }
        Map<String, Object> m = read(body);
        Object d = m.getOrDefault("days", 7);
        if (!(d instanceof Number days) || days.intValue() < 1 || days.intValue() > 90
                || days.doubleValue() != days.intValue()) {
            throw new IllegalArgumentException("days must be a whole number from 1 to 90, was " + d);
        }
        Instant from = Instant.now().minus(Duration.ofDays(days.intValue()));
        RuleReplay r = engine.replay(pack, parameters(m), recentOrders(from));
        ObjectNode n = json.object();
        n.put("pack", r.pack());
        n.put("days", days.intValue());
        n.put("from", from.toString());
        n.put("orders", r.orders());
        n.put("changed", r.changes().size());
        ObjectNode by = n.putObject("byChange");
        r.byChange().forEach(by::put);
        ArrayNode items = n.putArray("items");
        List<RuleReplay.Change> newest = r.changes().subList(Math.max(0, r.changes().size() - MAX_ITEMS),
                r.changes().size());
        for (RuleReplay.Change c : newest) {
            ObjectNode i = items.addObject();
            i.put("orderId", c.orderId());
            orders.find(c.orderId()).ifPresent(o -> {
                i.put("platformOrderId", o.content().platformOrderId());
                i.put("channel", o.content().channel());
            });
            i.put("createdAt", c.at().toString());
            i.put("before", c.before().level().name());
            i.put("after", c.after().level().name());
            hits(i.putArray("hitsBefore"), c.before());
            hits(i.putArray("hitsAfter"), c.after());
        }
        return replies.ok(n);
    }

    private static void hits(ArrayNode out, RiskDecision d) {
        for (RiskDecision.RuleHit h : d.hits()) {
            ObjectNode o = out.addObject();
            o.put("rule", h.rule());
            o.put("level", h.finding().level().name());
            o.put("evidence", h.finding().evidence());
            o.put("shadow", h.shadow());
        }
    }

    /** The orders received since {@code from}, newest first, at most {@link #MAX_REPLAY_ORDERS}. */
    private List<Order> recentOrders(Instant from) {
        List<Order> out = new ArrayList<>();
        for (int page = 1; out.size() < MAX_REPLAY_ORDERS; page++) {
            Page<Order> p = orders.search(new OrderQuery(null, null, null, page, PAGE));
            for (Order o : p.items()) {
                if (o.receivedAt().isBefore(from)) {
                    return out; // ids grow with arrival: the rest are older
                }
                out.add(o);
            }
            if (p.items().size() < PAGE) {
                break;
            }
        }
        return out;
    }

    private Map<String, Object> read(String body) {
        try {
            return json.readMap(body);
        } catch (Exception e) {
            throw new IllegalArgumentException("malformed JSON: " + String.valueOf(e.getMessage()).lines().findFirst()
                    .orElse(""));
        }
    }

    /** The engine's form of a pack's configuration: its parameters, and shadow and disabled as comma lists. */
    private static Map<String, String> parameters(Map<String, Object> m) {
        Map<String, String> out = new LinkedHashMap<>();
        Object params = m.get("parameters");
        if (params != null && !(params instanceof Map)) {
            throw new IllegalArgumentException("parameters must be an object of names to values");
        }
        if (params instanceof Map<?, ?> p) {
            p.forEach((k, v) -> {
                if (v instanceof Map || v instanceof Collection) {
                    throw new IllegalArgumentException("parameter " + k + " must be a text or a number");
                }
                out.put(String.valueOf(k), v == null ? "" : String.valueOf(v));
            });
        }
        out.put("shadow", names(m.get("shadow"), "shadow"));
        out.put("disabled", names(m.get("disabled"), "disabled"));
        return out;
    }

    private static String names(Object v, String field) {
        if (v == null) {
            return "";
        }
        if (!(v instanceof Collection<?> c)) {
            throw new IllegalArgumentException(field + " must be a list of rule names");
        }
        return String.join(",", c.stream().map(String::valueOf).toList());
    }
}

package org.ordertower.core.internal.http;

import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.HttpHandler;
import org.ordertower.core.spi.http.JsonReplies;
import org.ordertower.core.spi.http.QueryParams;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ordertower.api.Actor;
import org.ordertower.api.Caller;
import org.ordertower.api.IllegalTransitionException;
import org.ordertower.api.IntakeResult;
import org.ordertower.api.InvalidOrderException;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderNotFoundException;
import org.ordertower.api.OrderQuery;
import org.ordertower.api.OrderService;
import org.ordertower.api.OrderFlow;
import org.ordertower.api.OrderStats;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.Page;
import org.ordertower.api.RawPayload;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.core.spi.http.OrderJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The order REST interface, free of any HTTP server: the Camel route hands it method, path, query,
 * content type and body, and sends back what it returns. Buyer data is masked in every answer,
 * unless a caller with the role {@code pii} or {@code supervisor} ({@link org.ordertower.api.Access}) asks with {@code unmasked=true}.
 *
 * <pre>
 * POST /api/v1/orders                 intake (application/json, at most 1 MB)
 * GET  /api/v1/orders/{id}?unmasked=  one order with its audit timeline
 * GET  /api/v1/orders?status=&amp;channel=&amp;shop=&amp;page=&amp;size=&amp;unmasked=
 * POST /api/v1/orders/{id}/status     {"status": "...", "reason": "..."}: a lifecycle transition
 * GET  /api/v1/orders/stats           the orders per channel and status, the share without a person, p50/p99
 * GET  /api/v1/orders/flow?minutes=60 (or hours=48, or from=&amp;to=&amp;step=seconds): received and status moves per bucket
 * GET  /api/v1/orders/analytics?days=30&amp;pairs=20 (or from=&amp;to=): orders per region, SKUs bought together
 * </pre>
 */
public final class OrderHttpApi implements HttpHandler {
    public static final int MAX_BODY = 1 << 20;
    public static final String BASE = "/api/v1/orders";
    private final Logger logger = LoggerFactory.getLogger(OrderHttpApi.class);
    private final OrderService orders;
    private final OrderJson json;
    private final JsonReplies replies;

    public OrderHttpApi(OrderService orders, OrderJson json) {
        this.orders = orders;
        this.json = json;
        this.replies = new JsonReplies(json);
    }

    /** The body is null when it was over {@link #MAX_BODY}. */
    @Override
    public HttpReply handle(Caller caller, String method, String path, Map<String, String> query, String contentType, String body) {
        try {
            String rest = path.startsWith(BASE) ? path.substring(BASE.length()) : null;
            if (rest == null) {
                return replies.error(404, "no such resource " + path);
            }
            if (rest.isEmpty() || rest.equals("/")) {
                switch (method) {
                    case "POST":
                        return post(contentType, body);
                    case "GET":
                        return list(caller, query);
                    default:
                        return replies.notAllowed(method, BASE, "GET, POST");
                }
            }
            String[] parts = rest.substring(1).split("/");
            if (parts.length == 1 && (parts[0].equals("stats") || parts[0].equals("flow") || parts[0].equals("analytics"))) {
                if (!method.equals("GET")) {
                    return replies.notAllowed(method, path, "GET");
                }
                return switch (parts[0]) {
                    case "stats" -> stats();
                    case "flow" -> flow(query);
                    default -> analytics(query);
                };
            }
            long id = parseId(parts[0]);
            if (id < 0) {
                return replies.error(404, "'" + parts[0] + "' is not an order id");
            }
            if (parts.length == 1) {
                return method.equals("GET") ? get(caller, id, query) : replies.notAllowed(method, path, "GET");
            }
            if (parts.length == 2 && parts[1].equals("status")) {
                return method.equals("POST") ? transition(caller, id, contentType, body) : replies.notAllowed(method, path, "POST");
            }
            return replies.error(404, "no such resource " + path);
        } catch (InvalidOrderException e) {
            boolean unknownChannel = e.problems().size() == 1 && e.problems().get(0).startsWith("unknown channel");
            return replies.problems(unknownChannel ? 422 : 400, "invalid order", e.problems());
        } catch (IllegalArgumentException e) {
            return replies.error(400, e.getMessage());
        } catch (OrderNotFoundException e) {
            return replies.error(404, e.getMessage());
        } catch (org.ordertower.api.AccessDeniedException e) {
            return replies.error(403, e.getMessage());
        } catch (IllegalTransitionException e) {
            return replies.error(409, e.getMessage());
        } catch (StoreUnavailableException e) {
            logger.debug("Answering 503: {}", e.getMessage());
            return replies.unavailable("the order store is not available; nothing was stored, retry later");
        } catch (RuntimeException e) {
            return replies.internalError(logger, method, path, e, "internal error; nothing was acknowledged, the request may be retried");
        }
    }

    private HttpReply post(String contentType, String body) {
        HttpReply bad = checkBody(contentType, body);
        if (bad != null) {
            return bad;
        }
        NormalizedOrder order = json.parse(body);
        IntakeResult r = orders.intake(order, new RawPayload("http", contentType, body), Actor.channel(order.channel()));
        ObjectNode n = json.object();
        n.put("id", r.orderId());
        n.put("outcome", r.outcome().name());
        n.put("revision", r.revision());
        int status = r.outcome() == IntakeResult.Outcome.CREATED ? 201 : 200;
        return new HttpReply(status, json.toJson(n), Map.of("Location", BASE + "/" + r.orderId()));
    }

    private HttpReply transition(Caller caller, long id, String contentType, String body) {
        HttpReply bad = checkBody(contentType, body);
        if (bad != null) {
            return bad;
        }
        Map<String, Object> m;
        try {
            m = json.readMap(body);
        } catch (Exception e) {
            return replies.error(400, "malformed JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Object status = m.get("status");
        if (!(status instanceof String)) {
            return replies.error(400, "status is required, one of " + java.util.Arrays.toString(OrderStatus.values()));
        }
        Object reason = m.get("reason");
        Order o = orders.transition(id, OrderStatus.parse((String) status), caller.actor(),
                reason == null ? null : reason.toString());
        return new HttpReply(200, json.toJson(json.write(o.masked())));
    }

    private HttpReply checkBody(String contentType, String body) {
        return replies.unreadable(contentType, "application/json", body, MAX_BODY, "the body is empty; send one JSON order");
    }

    private HttpReply get(Caller caller, long id, Map<String, String> q) {
        Optional<Order> o = orders.view(id, caller, QueryParams.bool(q, "unmasked")); // the service decides who may
        if (o.isEmpty()) {
            return replies.error(404, "no order with id " + id);
        }
        ObjectNode n = json.write(o.get());
        n.set("timeline", json.write(orders.timeline(id)));
        return new HttpReply(200, json.toJson(n));
    }

    private HttpReply list(Caller caller, Map<String, String> q) {
        boolean unmasked = QueryParams.bool(q, "unmasked"); // the service decides who may (OrderService.search)
        OrderStatus status = q.get("status") == null || q.get("status").isBlank() ? null : OrderStatus.parse(q.get("status"));
        String channel = blankToNull(q.get("channel"));
        String shop = blankToNull(q.get("shop"));
        int page = QueryParams.integer(q, "page", 1);
        if (q.containsKey("limit") && q.containsKey("size")) {
            throw new IllegalArgumentException("give limit or size, not both (they are the same)");
        }
        // limit and after, as the other lists page; page and size, as this one always did
        int size = q.containsKey("limit") ? QueryParams.limit(q, 50, OrderQuery.MAX_SIZE) : QueryParams.integer(q, "size", 50);
        Long after = QueryParams.afterId(q); // an order id
        Page<Order> p = orders.search(new OrderQuery(status, channel, shop, page, size, false, after), caller, unmasked);
        ObjectNode n = json.object();
        n.put("page", p.page());
        n.put("size", p.size());
        n.put("total", p.total());
        n.put("pages", p.pages());
        ArrayNode items = n.putArray("items");
        for (Order o : p.items()) {
            items.add(json.write(o)); // as the service gave it: masked unless the caller may and asked
        }
        // next only when another order follows: a full page asks for the one after its last (one small read)
        long last = p.items().isEmpty() ? 0 : p.items().get(p.items().size() - 1).id();
        if (p.items().size() == size && !orders.search(new OrderQuery(status, channel, shop, 1, 1, false, last), caller, false)
                .items().isEmpty()) {
            n.put("next", String.valueOf(last));
        } else {
            n.putNull("next");
        }
        return new HttpReply(200, json.toJson(n));
    }

    private HttpReply stats() {
        OrderStats st = orders.stats();
        ObjectNode n = json.object();
        n.put("at", st.at().toString());
        n.set("total", channelStats(st.total()));
        ArrayNode channels = n.putArray("channels");
        st.channels().forEach(c -> channels.add(channelStats(c)));
        return new HttpReply(200, json.toJson(n));
    }

    private ObjectNode channelStats(OrderStats.ChannelStats c) {
        ObjectNode n = json.object();
        n.put("channel", c.channel());
        ObjectNode by = n.putObject("byStatus");
        for (OrderStatus s : OrderStatus.values()) {
            by.put(s.name(), c.byStatus().getOrDefault(s, 0L));
        }
        n.put("orders", c.orders());
        n.put("neededPerson", c.neededPerson());
        n.put("shipped", c.shipped());
        n.put("withoutPerson", c.withoutPerson());
        putMillis(n, "createdToShippedP50Ms", c.createdToShippedP50());
        putMillis(n, "createdToShippedP99Ms", c.createdToShippedP99());
        return n;
    }

    private static void putMillis(ObjectNode n, String field, java.time.Duration d) {
        if (d == null) {
            n.putNull(field);
        } else {
            n.put(field, d.toMillis());
        }
    }

    /** {@code minutes=N} (step one minute), {@code hours=N} (step one hour), or {@code from}, {@code to}, {@code step}. */
    private HttpReply flow(Map<String, String> q) {
        java.time.Instant now = java.time.Instant.now();
        java.time.Instant from;
        java.time.Instant to;
        java.time.Duration step;
        if (q.get("from") != null || q.get("to") != null) {
            from = instant(q, "from");
            to = instant(q, "to");
            step = java.time.Duration.ofSeconds(QueryParams.integer(q, "step", 60));
        } else if (q.get("hours") != null) {
            step = java.time.Duration.ofHours(1);
            to = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(step);
            from = to.minus(step.multipliedBy(QueryParams.integer(q, "hours", 48)));
        } else {
            step = java.time.Duration.ofMinutes(1);
            to = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plus(step);
            from = to.minus(step.multipliedBy(QueryParams.integer(q, "minutes", 60)));
        }
        OrderFlow f = orders.flow(from, to, step);
        ObjectNode n = json.object();
        n.put("from", f.from().toString());
        n.put("to", f.to().toString());
        n.put("stepSeconds", f.step().toSeconds());
        ArrayNode buckets = n.putArray("buckets");
        f.buckets().forEach(b -> buckets.add(b.toString()));
        ObjectNode received = n.putObject("received");
        f.received().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> e.getValue().forEach(received.putArray(e.getKey())::add));
        ObjectNode statuses = n.putObject("statuses");
        for (OrderStatus s : OrderStatus.values()) {
            List<Long> counts = f.statuses().get(s);
            if (counts != null) {
                counts.forEach(statuses.putArray(s.name())::add);
            }
        }
        return new HttpReply(200, json.toJson(n));
    }

    /** {@code days=N} up to now (default 30), or {@code from} and {@code to}; {@code pairs} (default 20). */
    private HttpReply analytics(Map<String, String> q) {
        java.time.Instant from;
        java.time.Instant to;
        if (q.get("from") != null || q.get("to") != null) {
            from = instant(q, "from");
            to = instant(q, "to");
        } else {
            int days = QueryParams.integer(q, "days", 30);
            if (days < 1 || days > org.ordertower.api.OrderAnalytics.MAX_WINDOW.toDays()) {
                throw new IllegalArgumentException("days must be between 1 and "
                        + org.ordertower.api.OrderAnalytics.MAX_WINDOW.toDays() + ", not " + days);
            }
            // whole minutes, so that a console asking every few seconds shares one read
            to = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(60);
            from = to.minus(java.time.Duration.ofDays(days));
        }
        org.ordertower.api.OrderAnalytics a = orders.analytics(from, to, QueryParams.integer(q, "pairs", 20));
        ObjectNode n = json.object();
        n.put("from", a.from().toString());
        n.put("to", a.to().toString());
        n.put("orders", a.orders());
        ArrayNode regions = n.putArray("regions");
        a.regions().forEach(r -> regions.addObject().put("country", r.country()).put("province", r.province())
                .put("orders", r.orders()).put("paid", r.paid()));
        ArrayNode pairs = n.putArray("boughtTogether");
        a.boughtTogether().forEach(p -> pairs.addObject().put("skuA", p.skuA()).put("skuB", p.skuB())
                .put("together", p.together()).put("ordersA", p.ordersA()).put("ordersB", p.ordersB()).put("lift", p.lift()));
        return new HttpReply(200, json.toJson(n));
    }

    private static java.time.Instant instant(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is required with from and to, as 2026-12-06T10:00:00Z");
        }
        try {
            return java.time.Instant.parse(v.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an instant such as 2026-12-06T10:00:00Z, was '" + v + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static long parseId(String s) {
        if (!s.matches("\\d{1,18}")) {
            return -1;
        }
        return Long.parseLong(s);
    }
}

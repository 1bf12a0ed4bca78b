package org.ordertower.core.internal.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.ordertower.api.Actor;
import org.ordertower.api.IllegalTransitionException;
import org.ordertower.api.IntakeResult;
import org.ordertower.api.InvalidOrderException;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderNotFoundException;
import org.ordertower.api.OrderQuery;
import org.ordertower.api.OrderService;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.Page;
import org.ordertower.api.RawPayload;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.core.internal.json.OrderJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The order REST interface, free of any HTTP server: the Camel route hands it method, path, query,
 * content type and body, and sends back what it returns. Buyer data is masked in every answer.
 *
 * <pre>
 * POST /api/v1/orders                 intake (application/json, at most 1 MB)
 * GET  /api/v1/orders/{id}            one order with its audit timeline
 * GET  /api/v1/orders?status=&amp;channel=&amp;shop=&amp;page=&amp;size=
 * POST /api/v1/orders/{id}/status     {"status": "...", "reason": "..."}: a lifecycle transition
 * </pre>
 */
public final class OrderHttpApi {
    public static final int MAX_BODY = 1 << 20;
    public static final String BASE = "/api/v1/orders";
    private final Logger logger = LoggerFactory.getLogger(OrderHttpApi.class);
    private final OrderService orders;
    private final OrderJson json;

    public OrderHttpApi(OrderService orders, OrderJson json) {
        this.orders = orders;
        this.json = json;
    }

    /**
     * @param body the request body, or null when it was over {@link #MAX_BODY} (the caller stops reading there)
     */
    public HttpReply handle(String method, String path, Map<String, String> query, String contentType, String body) {
        try {
            String rest = path.startsWith(BASE) ? path.substring(BASE.length()) : null;
            if (rest == null) {
                return error(404, "no such resource " + path);
            }
            if (rest.isEmpty() || rest.equals("/")) {
                switch (method) {
                    case "POST":
                        return post(contentType, body);
                    case "GET":
                        return list(query);
                    default:
                        return error(405, "method " + method + " is not allowed on " + BASE + "; use GET or POST");
                }
            }
            String[] parts = rest.substring(1).split("/");
            long id = parseId(parts[0]);
            if (id < 0) {
                return error(404, "'" + parts[0] + "' is not an order id");
            }
            if (parts.length == 1) {
                return method.equals("GET") ? get(id) : error(405, "method " + method + " is not allowed; use GET");
            }
            if (parts.length == 2 && parts[1].equals("status")) {
                return method.equals("POST") ? transition(id, contentType, body)
                        : error(405, "method " + method + " is not allowed; use POST");
            }
            return error(404, "no such resource " + path);
        } catch (InvalidOrderException e) {
            return problems(e.problems());
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        } catch (OrderNotFoundException e) {
            return error(404, e.getMessage());
        } catch (IllegalTransitionException e) {
            return error(409, e.getMessage());
        } catch (StoreUnavailableException e) {
            logger.debug("Answering 503: {}", e.getMessage());
            return new HttpReply(503, err("the order store is not available; nothing was stored, retry later"),
                    Map.of("Retry-After", "5"));
        } catch (RuntimeException e) {
            // a bug: say so without leaking internals, keep the stack trace for us
            logger.error("Unexpected failure answering {} {}", method, path, e);
            return error(500, "internal error; nothing was acknowledged, the request may be retried");
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

    private HttpReply transition(long id, String contentType, String body) {
        HttpReply bad = checkBody(contentType, body);
        if (bad != null) {
            return bad;
        }
        Map<String, Object> m;
        try {
            m = json.readMap(body);
        } catch (Exception e) {
            return error(400, "malformed JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Object status = m.get("status");
        if (!(status instanceof String)) {
            return error(400, "status is required, one of " + java.util.Arrays.toString(OrderStatus.values()));
        }
        Object reason = m.get("reason");
        Order o = orders.transition(id, OrderStatus.parse((String) status), Actor.user("http-api"),
                reason == null ? null : reason.toString());
        return new HttpReply(200, json.toJson(json.write(o.masked())));
    }

    private HttpReply checkBody(String contentType, String body) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (!ct.startsWith("application/json")) {
            return error(415, "Content-Type must be application/json, was '" + (contentType == null ? "" : contentType) + "'");
        }
        if (body == null) {
            return error(413, "the body is larger than " + MAX_BODY + " bytes");
        }
        if (body.isBlank()) {
            return error(400, "the body is empty; send one JSON order");
        }
        return null;
    }

    private HttpReply get(long id) {
        Optional<Order> o = orders.find(id);
        if (o.isEmpty()) {
            return error(404, "no order with id " + id);
        }
        ObjectNode n = json.write(o.get().masked());
        n.set("timeline", json.write(orders.timeline(id)));
        return new HttpReply(200, json.toJson(n));
    }

    private HttpReply list(Map<String, String> q) {
        OrderStatus status = q.get("status") == null || q.get("status").isBlank() ? null : OrderStatus.parse(q.get("status"));
        String channel = blankToNull(q.get("channel"));
        String shop = blankToNull(q.get("shop"));
        int page = intParam(q, "page", 1);
        int size = intParam(q, "size", 50);
        Page<Order> p = orders.search(new OrderQuery(status, channel, shop, page, size));
        ObjectNode n = json.object();
        n.put("page", p.page());
        n.put("size", p.size());
        n.put("total", p.total());
        n.put("pages", p.pages());
        ArrayNode items = n.putArray("items");
        for (Order o : p.items()) {
            items.add(json.write(o.masked()));
        }
        return new HttpReply(200, json.toJson(n));
    }

    private static int intParam(Map<String, String> q, String name, int dflt) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + v + "'");
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

    private HttpReply problems(List<String> problems) {
        ObjectNode n = json.object();
        n.put("error", "invalid order: " + String.join("; ", problems));
        ArrayNode a = n.putArray("problems");
        problems.forEach(a::add);
        boolean unknownChannel = problems.size() == 1 && problems.get(0).startsWith("unknown channel");
        return new HttpReply(unknownChannel ? 422 : 400, json.toJson(n));
    }

    private HttpReply error(int status, String message) {
        return new HttpReply(status, err(message));
    }

    private String err(String message) {
        ObjectNode n = json.object();
        n.put("error", message);
        return json.toJson(n);
    }
}

package org.ordertower.rules.internal.http;

import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.HttpHandler;
import org.ordertower.core.spi.http.JsonReplies;
import org.ordertower.core.spi.http.JsonFields;
import org.ordertower.core.spi.http.KeysetPage;
import org.ordertower.core.spi.http.QueryParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.ordertower.api.Access;
import org.ordertower.api.Address;
import org.ordertower.api.Caller;
import org.ordertower.api.IllegalTransitionException;
import org.ordertower.api.InvalidOrderException;
import org.ordertower.api.Order;
import org.ordertower.api.OrderNotFoundException;
import org.ordertower.api.OrderService;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.rules.ReviewException;
import org.ordertower.api.rules.ReviewItem;
import org.ordertower.api.rules.ReviewQueue;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.rules.internal.review.DefaultReviewQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The review queue's REST interface, free of any HTTP server (see {@link HttpHandler}): what the
 * {@code review:*} commands and {@code order:unfreeze} do. The caller is the actor of every
 * decision, which the queue writes to the audit trail with its reason.
 *
 * <pre>
 * GET  /api/v1/review?limit=&amp;after=&amp;unmasked=   orders waiting (IN_REVIEW, FROZEN) by order id, oldest order
 *                                          first; {@code next} is the order id to pass as {@code after}
 * POST /api/v1/review/{id}/claim          no body: only the claimant decides it from now on
 * POST /api/v1/review/{id}/approve        {"reason"}: IN_REVIEW to READY
 * POST /api/v1/review/{id}/edit           {"reason", "address": {...}, "skus": {"lineNo": "masterSku"}}, then approved
 * POST /api/v1/review/{id}/reject         {"reason"}: IN_REVIEW or FROZEN to CANCELLED
 * POST /api/v1/review/{id}/unfreeze       {"reason"}: FROZEN to IN_REVIEW, role supervisor only
 * </pre>
 *
 * <p>The review queue belongs to the rules engine, an optional service: while it is not installed,
 * every path answers 503.
 */
public final class ReviewHttpApi implements HttpHandler {
    public static final String BASE = "/api/v1/review"; // the core's guard gives its paths the reviewer roles
    /** A reason and a corrected address fit many times over. */
    public static final int MAX_BODY = 64 << 10;
    private static final int DEFAULT_LIMIT = 50;
    /** As every list over HTTP; the queue itself answers up to {@link DefaultReviewQueue#MAX_LIST}. */
    private static final int MAX_LIMIT = 500;
    private static final List<String> ACTIONS = List.of("claim", "approve", "edit", "reject", "unfreeze");
    private static final String[] ADDRESS_FIELDS = { "country", "province", "city", "district", "street", "detail", "postcode" };
    private final Logger logger = LoggerFactory.getLogger(ReviewHttpApi.class);
    private final Supplier<Optional<ReviewQueue>> queue;
    private final OrderService orders;
    private final OrderJson json;
    private final JsonReplies replies;

    /** @param queue the review queue while the rules engine is installed */
    public ReviewHttpApi(Supplier<Optional<ReviewQueue>> queue, OrderService orders, OrderJson json) {
        this.queue = queue;
        this.orders = orders;
        this.json = json;
        this.replies = new JsonReplies(json);
    }

    /** The body is null when it was over {@link #MAX_BODY}. */
    @Override
    public HttpReply handle(Caller caller, String method, String path, Map<String, String> query, String contentType,
            String body) {
        try {
            if (!path.equals(BASE) && !path.startsWith(BASE + "/")) {
                return replies.error(404, "no such resource " + path);
            }
            String rest = path.substring(BASE.length());
            if (rest.isEmpty() || rest.equals("/")) {
                if (!method.equals("GET")) {
                    return replies.notAllowed(method, BASE, "GET");
                }
                int limit = QueryParams.limit(query, DEFAULT_LIMIT, MAX_LIMIT);
                Long after = QueryParams.afterId(query); // an order id
                boolean unmasked = QueryParams.bool(query, "unmasked"); // the queue decides who may (ReviewQueue.listAfter)
                return withQueue(q -> list(q, caller, after, limit, unmasked));
            }
            String[] parts = rest.substring(1).split("/", -1);
            if (parts.length != 2 || !ACTIONS.contains(parts[1])) {
                return replies.error(404, "no such resource " + path + "; a decision is at " + BASE + "/{id}/{"
                        + String.join("|", ACTIONS) + "}");
            }
            if (!parts[0].matches("\\d{1,18}")) {
                return replies.error(404, "'" + parts[0] + "' is not an order id");
            }
            long id = Long.parseLong(parts[0]);
            if (!method.equals("POST")) {
                return replies.notAllowed(method, path, "POST");
            }
            return withQueue(q -> decide(q, caller, id, parts[1], contentType, body));
        } catch (OrderNotFoundException e) {
            return replies.error(404, e.getMessage());
        } catch (org.ordertower.api.AccessDeniedException e) {
            return replies.error(403, e.getMessage());
        } catch (ReviewException | IllegalTransitionException e) {
            // wrong status, or claimed by someone else: nothing changed
            return replies.error(409, e.getMessage());
        } catch (InvalidOrderException e) {
            return replies.problems(422, "the correction was refused", e.problems());
        } catch (StoreUnavailableException e) {
            logger.debug("Answering 503: {}", e.getMessage());
            return replies.unavailable("the order store is not available; nothing was decided, retry later");
        } catch (IllegalArgumentException e) {
            return replies.error(400, e.getMessage());
        } catch (RuntimeException e) {
            return replies.internalError(logger, method, path, e, "internal error; look at the order before you retry");
        }
    }

    private HttpReply withQueue(Function<ReviewQueue, HttpReply> work) {
        Optional<ReviewQueue> q = queue.get();
        return q.isPresent() ? work.apply(q.get()) : replies.unavailable("the rules engine, which keeps the review queue, is not installed");
    }

    /** One page of the queue by order id; one item more than the limit tells that another page follows. */
    private HttpReply list(ReviewQueue q, Caller caller, Long after, int limit, boolean unmasked) {
        KeysetPage<ReviewItem> page = KeysetPage.of(q.listAfter(after, limit + 1, caller, unmasked), limit,
                i -> String.valueOf(i.order().id()));
        // each item as the queue gave it: masked unless the caller may and asked
        return replies.ok(page.write(json.object(), i -> item(i, true)));
    }

    private HttpReply decide(ReviewQueue q, Caller caller, long id, String action, String contentType, String body) {
        if (action.equals("claim")) {
            return replies.ok(item(q.claim(id, caller.actor()), false)); // takes no body
        }
        if (action.equals("unfreeze") && !caller.hasRole(Access.SUPERVISOR)) {
            // the guard has refused it already; this is the second lock
            return replies.error(403, "releasing a frozen order needs the role supervisor; " + caller.name() + " does not have it");
        }
        HttpReply bad = replies.unreadable(contentType, "application/json", body, MAX_BODY,
                "the body is empty; send {\"reason\": \"...\"}");
        if (bad != null) {
            return bad;
        }
        ObjectNode node = json.readObject(body);
        boolean edit = action.equals("edit");
        JsonFields f = edit ? new JsonFields(node, "reason", "address", "skus") : new JsonFields(node, "reason");
        String reason = f.text("reason");
        if (!edit) {
            if (!f.problems.isEmpty()) {
                return replies.problems(400, "invalid body", f.problems);
            }
            Order o = switch (action) {
                case "approve" -> q.approve(id, caller.actor(), reason);
                case "reject" -> q.reject(id, caller.actor(), reason);
                default -> q.unfreeze(id, caller.actor(), caller.hasRole(Access.SUPERVISOR), reason);
            };
            return replies.ok(json.write(o.masked()));
        }
        ObjectNode address = f.optionalObject("address");
        ObjectNode skus = f.optionalObject("skus");
        List<String> problems = new ArrayList<>(f.problems);
        Map<String, String> lineSkus = new LinkedHashMap<>();
        if (skus != null) {
            List<String> lines = new ArrayList<>();
            skus.fieldNames().forEachRemaining(lines::add);
            JsonFields s = new JsonFields(skus, "skus.", Set.copyOf(lines));
            lines.forEach(l -> lineSkus.put(l, s.text(l)));
            problems.addAll(s.problems);
        }
        String[] given = new String[ADDRESS_FIELDS.length];
        if (address != null) {
            JsonFields a = new JsonFields(address, "address.", Set.of(ADDRESS_FIELDS));
            for (int i = 0; i < given.length; i++) {
                given[i] = a.optionalText(ADDRESS_FIELDS[i]);
            }
            problems.addAll(a.problems);
        }
        if (address == null && skus == null && f.problems.isEmpty()) {
            problems.add("nothing to correct: give the address and/or skus (the master SKU of a line by its number)");
        }
        if (!problems.isEmpty()) {
            return replies.problems(400, "invalid body", problems);
        }
        Order o = q.editAndApprove(id, caller.actor(), reason, address == null ? null : corrected(id, given), lineSkus);
        return replies.ok(json.write(o.masked()));
    }

    /** The order's address with the fields given replaced, the others kept. */
    private Address corrected(long id, String[] given) {
        Address old = orders.find(id).orElseThrow(() -> new OrderNotFoundException(id)).content().address();
        String[] v = old == null ? new String[ADDRESS_FIELDS.length]
                : new String[] { old.country(), old.province(), old.city(), old.district(), old.street(), old.detail(), old.postcode() };
        for (int i = 0; i < v.length; i++) {
            if (given[i] != null) {
                v[i] = given[i].strip();
            }
        }
        return new Address(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    private ObjectNode item(ReviewItem i, boolean unmasked) {
        ObjectNode n = json.object();
        n.set("order", json.write(unmasked ? i.order() : i.order().masked()));
        n.put("reason", i.reason());
        n.put("since", str(i.since()));
        n.put("claimedBy", i.claimedBy());
        n.put("claimedAt", str(i.claimedAt()));
        return n;
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }
}

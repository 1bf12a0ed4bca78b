package org.ordertower.fulfilment.internal.http;

import java.util.List;
import java.util.Map;

import org.ordertower.api.Caller;
import org.ordertower.api.fulfilment.FailedCall;
import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.api.fulfilment.ParcelView;
import org.ordertower.core.spi.http.JsonHttpHandler;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.KeysetPage;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.core.spi.http.QueryParams;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Fulfilment's REST interface (the {@code ship:*} commands over HTTP), free of any HTTP server:
 * <pre>
 * GET  /api/v1/fulfilment/failed?limit=&amp;after=   partner calls that failed for good (write-backs, waybills, WMS...),
 *                                              by id, the oldest first; {@code next} is the id to pass as {@code after}
 * POST /api/v1/fulfilment/failed/{id}/retry    puts one back in line, audited under the caller's name
 * GET  /api/v1/fulfilment/stuck?limit=&amp;after=    parcels the watch flagged as not moving, by parcel id, the oldest first
 * GET  /api/v1/fulfilment/parcels?order=       an order's parcels: warehouse, carrier, tracking number, where it is
 * GET  /api/v1/fulfilment/partners             the warehouse systems and carrier services installed
 * GET  /api/v1/fulfilment/warehouses?days=7    per warehouse: parcels routed, shipped on time, waiting, stuck, transfers,
 *                                              stock days at that pace
 * </pre>
 */
public final class FulfilmentHttpApi extends JsonHttpHandler {
    public static final String BASE = "/api/v1/fulfilment";
    public static final int MAX_BODY = 1024;
    /** As every list over HTTP. */
    static final int MAX_LIMIT = 500;
    private final FulfilmentService fulfilment;

    public FulfilmentHttpApi(FulfilmentService fulfilment, OrderJson json) {
        super(BASE, json);
        this.fulfilment = fulfilment;
    }

    @Override
    protected HttpReply serve(Caller caller, String method, String path, String[] parts, Map<String, String> query,
            String contentType, String body) {
        if (parts.length == 1 && parts[0].equals("failed")) {
            if (!method.equals("GET")) {
                return replies.notAllowed(method, path, "GET");
            }
            int limit = QueryParams.limit(query, 50, MAX_LIMIT);
            return page(fulfilment.failed(QueryParams.afterId(query), limit + 1), limit, FailedCall::id);
        }
        if (parts.length == 3 && parts[0].equals("failed") && parts[2].equals("retry")) {
            if (!method.equals("POST")) {
                return replies.notAllowed(method, path, "POST");
            }
            if (!parts[1].matches("\\d{1,18}")) {
                return replies.error(404, "'" + parts[1] + "' is not a call id");
            }
            long id = Long.parseLong(parts[1]);
            fulfilment.retry(id, caller.actor());
            ObjectNode n = json.object();
            n.put("retried", id);
            return replies.ok(n);
        }
        if (parts.length == 1 && parts[0].equals("stuck")) {
            if (!method.equals("GET")) {
                return replies.notAllowed(method, path, "GET");
            }
            int limit = QueryParams.limit(query, 50, MAX_LIMIT);
            return page(fulfilment.stuck(QueryParams.afterId(query), limit + 1), limit, ParcelView::id);
        }
        if (parts.length == 1 && parts[0].equals("parcels")) {
            if (!method.equals("GET")) {
                return replies.notAllowed(method, path, "GET");
            }
            String order = query.get("order");
            if (order == null || !order.strip().matches("\\d{1,18}")) {
                return replies.error(400, "order must be an order id, was '" + order + "'");
            }
            return items(fulfilment.parcels(Long.parseLong(order.strip())));
        }
        if (parts.length == 1 && parts[0].equals("warehouses")) {
            if (!method.equals("GET")) {
                return replies.notAllowed(method, path, "GET");
            }
            int days = QueryParams.integer(query, "days", 7);
            if (days < 1 || days > 92) {
                return replies.error(400, "days must be between 1 and 92, was " + days);
            }
            java.time.Instant to = java.time.Instant.now();
            java.util.List<org.ordertower.api.fulfilment.WarehouseHealth> all =
                    fulfilment.warehouses(to.minus(java.time.Duration.ofDays(days)), to);
            ObjectNode n = json.object();
            n.put("days", days);
            com.fasterxml.jackson.databind.node.ArrayNode items = n.putArray("items");
            for (org.ordertower.api.fulfilment.WarehouseHealth w : all) {
                ObjectNode o = (ObjectNode) json.tree(w);
                o.put("onTimeShare", w.onTimeShare());
                items.add(o);
            }
            return replies.ok(n);
        }
        if (parts.length == 1 && parts[0].equals("partners")) {
            return method.equals("GET") ? items(fulfilment.partners()) : replies.notAllowed(method, path, "GET");
        }
        return replies.error(404, "no such resource " + path);
    }

    /** One page by id; one item more than the limit tells that another page follows. */
    private <T> HttpReply page(List<T> fetched, int limit, java.util.function.ToLongFunction<T> id) {
        KeysetPage<T> page = KeysetPage.of(fetched, limit, t -> String.valueOf(id.applyAsLong(t)));
        return replies.ok(page.write(json.object(), json::tree));
    }

    private HttpReply items(Object list) {
        ObjectNode n = json.object();
        n.set("items", json.tree(list));
        return replies.ok(n);
    }
}

package org.ordertower.channel.example.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.PullPage;
import org.ordertower.channel.example.internal.api.ExampleClient;
import org.ordertower.channel.example.internal.api.ExampleWire;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Incremental pull with {@code order.search} (orders updated in {@code [updated_from, updated_to)}, epoch
 * milliseconds, oldest first) and fetch with {@code order.get}. The platform pages by cursor: each answer carries
 * {@code next_cursor} (absent on the last page), which the page token wraps together with its window. A cursor is a
 * position after the last order read (its update time and id), so an order that changes while the window is paged
 * moves behind the cursor instead of shifting unread orders onto pages already read: nothing is skipped.
 */
final class ExamplePuller {
    private final ExampleClient client;
    private final int pageSize;

    ExamplePuller(ExampleClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    PullPage pull(Instant from, Instant to, String page) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw ExampleWire.failure("pull window [" + from + ", " + to + ") is empty", null);
        }
        if (Duration.between(from, to).compareTo(ExampleConnector.POLICY.maxWindow()) > 0) {
            throw ExampleWire.failure("pull window [" + from + ", " + to + ") is longer than "
                    + ExampleConnector.POLICY.maxWindow(), null);
        }
        String cursor = null;
        if (page != null) {
            ExamplePageToken at = ExamplePageToken.decode(page);
            if (!at.covers(from, to)) {
                throw ExampleWire.failure("page token '" + page + "' belongs to another window", null);
            }
            cursor = at.cursor();
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("updated_from", Long.toString(from.toEpochMilli()));
        p.put("updated_to", Long.toString(to.toEpochMilli()));
        p.put("page_size", Integer.toString(pageSize));
        p.put("cursor", cursor);
        JsonNode data = client.call(ExampleConstants.ORDER_SEARCH, p);
        JsonNode list = data.get("orders");
        if (list == null || !list.isArray()) {
            throw ExampleWire.failure(ExampleConstants.ORDER_SEARCH + " answered no orders list", null);
        }
        List<PlatformOrder> orders = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            orders.add(order(list.get(i), "orders[" + i + "]"));
        }
        JsonNode next = data.get("next_cursor");
        if (next == null || next.isNull() || next.asText().isEmpty()) {
            return new PullPage(orders, null);
        }
        if (!next.isTextual()) {
            throw ExampleWire.failure(ExampleConstants.ORDER_SEARCH + " answered a next_cursor that is not text", null);
        }
        String token = new ExamplePageToken(from.toEpochMilli(), to.toEpochMilli(), next.asText()).encode();
        return new PullPage(orders, token);
    }

    PlatformOrder fetch(String orderId) {
        if (orderId == null || !orderId.matches("[0-9A-Za-z-]{1,40}")) {
            throw ExampleWire.failure("order id must be the platform's order_id, was '" + orderId + "'", null);
        }
        JsonNode order = client.call(ExampleConstants.ORDER_GET, Map.of("order_id", orderId)).get("order");
        if (order == null || !order.isObject()) {
            throw ExampleWire.failure(ExampleConstants.ORDER_GET + " answered no order for " + orderId, null);
        }
        return order(order, "order");
    }

    private static PlatformOrder order(JsonNode node, String at) {
        JsonNode id = node.get("order_id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw ExampleWire.failure(at + " has no order_id", null);
        }
        JsonNode updated = node.get("updated_at");
        if (updated == null || !updated.canConvertToLong()) {
            throw ExampleWire.failure(at + ".updated_at is not epoch milliseconds", null);
        }
        return new PlatformOrder(id.asText(), Instant.ofEpochMilli(updated.longValue()), node.toString());
    }
}

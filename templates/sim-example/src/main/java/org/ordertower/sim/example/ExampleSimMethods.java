package org.ordertower.sim.example;

import static org.ordertower.sim.example.ExampleSimGateway.present;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ordertower.sim.example.ExampleSimGateway.Refusal;
import org.ordertower.sim.kit.FakeData;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimOrderBook;
import org.ordertower.sim.kit.SimTokenBook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The platform's methods and their limits: order.search (updated_from/updated_to epoch ms, at most a day apart and
 * at most 90 days back; page_size 1..100, default 50; cursor from the previous page's next_cursor, only for the same
 * window; orders oldest update first), order.get, order.ship (whole orders; 40901 once it carries tracking),
 * stock.update (only SKUs of the shop) and token.refresh (rotates the refresh token). Stricter than a lenient
 * platform on one point: a parameter the method does not know is refused (40002), so a misnamed one fails in tests.
 */
final class ExampleSimMethods {
    static final String SEARCH = "order.search";
    static final String GET = "order.get";
    static final String SHIP = "order.ship";
    static final String STOCK = "stock.update";
    static final String REFRESH = "token.refresh";
    private static final Set<String> SYSTEM = Set.of("method", "app_key", "timestamp", "v", "sign", "access_token");
    private static final Map<String, Set<String>> PARAMS = Map.of(
            SEARCH, Set.of("updated_from", "updated_to", "page_size", "cursor"),
            GET, Set.of("order_id"),
            SHIP, Set.of("order_id", "carrier_code", "tracking_no"),
            STOCK, Set.of("sku_id", "quantity"),
            REFRESH, Set.of("refresh_token"));
    private static final Comparator<SimOrder> OLDEST_FIRST = Comparator.comparing((SimOrder o) -> o.modified)
            .thenComparing(o -> o.orderId);

    private final ExampleSimulator sim;
    private final SimOrderBook book;

    ExampleSimMethods(ExampleSimulator sim, SimOrderBook book) {
        this.sim = sim;
        this.book = book;
    }

    boolean knows(String method) {
        return PARAMS.containsKey(method);
    }

    ObjectNode call(String method, Map<String, String> p) throws Refusal {
        for (String name : p.keySet()) {
            if (!SYSTEM.contains(name) && !PARAMS.get(method).contains(name)) {
                throw new Refusal(40002, "unknown parameter " + name + " for " + method);
            }
        }
        ObjectNode data = ExampleSimRenderer.JSON.createObjectNode();
        switch (method) {
            case SEARCH -> search(p, data);
            case GET -> data.set("order", ExampleSimRenderer.render(order(p)));
            case SHIP -> ship(p, data);
            case STOCK -> stock(p, data);
            default -> refresh(p, data);
        }
        return data;
    }

    private void search(Map<String, String> p, ObjectNode data) throws Refusal {
        long from = number(p, "updated_from", 0, Long.MAX_VALUE);
        long to = number(p, "updated_to", 0, Long.MAX_VALUE);
        if (to <= from || to - from > Duration.ofDays(1).toMillis()) {
            throw new Refusal(40002, "updated_to must be after updated_from, at most a day apart");
        }
        if (from < sim.clock().millis() - Duration.ofDays(90).toMillis()) {
            throw new Refusal(40002, "updated_from must be within the last 90 days");
        }
        int size = p.containsKey("page_size") ? (int) number(p, "page_size", 1, 100) : 50;
        String[] after = p.containsKey("cursor") ? cursor(p.get("cursor"), from, to) : null;
        List<SimOrder> hits = book.changed(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to)).stream()
                .filter(o -> after == null || o.modified.toEpochMilli() > Long.parseLong(after[0])
                        || o.modified.toEpochMilli() == Long.parseLong(after[0]) && o.orderId.compareTo(after[1]) > 0)
                .sorted(OLDEST_FIRST).toList();
        ArrayNode orders = data.putArray("orders");
        List<SimOrder> page = hits.subList(0, Math.min(size, hits.size()));
        page.forEach(o -> orders.add(ExampleSimRenderer.render(o)));
        if (hits.size() > size) {
            SimOrder last = page.get(page.size() - 1);
            String text = from + ":" + to + ":" + last.modified.toEpochMilli() + ":" + last.orderId;
            data.put("next_cursor", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        }
        sim.count("searches");
    }

    /** The position a cursor holds: {update time, order id} of the last order read; only for its own window. */
    private static String[] cursor(String text, long from, long to) throws Refusal {
        try {
            String[] part = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":");
            if (part.length == 4 && part[0].equals(Long.toString(from)) && part[1].equals(Long.toString(to))
                    && part[2].matches("\\d{1,15}") && part[3].matches("\\d{1,20}")) {
                return new String[] { part[2], part[3] };
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new Refusal(40004, "invalid cursor");
    }

    private SimOrder order(Map<String, String> p) throws Refusal {
        return book.get(present(p, "order_id")).orElseThrow(() -> new Refusal(40401, "order not found"));
    }

    private void ship(Map<String, String> p, ObjectNode data) throws Refusal {
        String orderId = order(p).orderId;
        String carrier = present(p, "carrier_code");
        String tracking = present(p, "tracking_no");
        if (!carrier.matches("[A-Za-z0-9_-]{1,32}") || !tracking.matches("[A-Za-z0-9-]{4,40}")) {
            throw new Refusal(40002, "carrier_code or tracking_no is malformed");
        }
        switch (book.ship(orderId, List.of(), carrier, tracking)) {
            case SHIPPED -> sim.recordShipment(orderId, carrier, tracking);
            case ALREADY_SHIPPED -> throw new Refusal(40901, "order already shipped");
            case NOT_FOUND -> throw new Refusal(40401, "order not found");
            default -> throw new Refusal(40902, "order cannot be shipped in its state");
        }
        data.put("order_id", orderId).put("shipped", true);
    }

    private void stock(Map<String, String> p, ObjectNode data) throws Refusal {
        String sku = present(p, "sku_id");
        int quantity = (int) number(p, "quantity", 0, 999_999_999);
        if (book.listings().stream().map(FakeData.Listing::skuId).noneMatch(sku::equals)) {
            throw new Refusal(40401, "sku not found");
        }
        book.setStock(sku, quantity);
        sim.count("stockUpdates");
        data.put("sku_id", sku).put("quantity", quantity);
    }

    private void refresh(Map<String, String> p, ObjectNode data) throws Refusal {
        SimTokenBook.Issued issued = sim.refresh(present(p, "refresh_token"));
        if (issued == null) {
            throw new Refusal(40106, "invalid refresh_token");
        }
        data.put("access_token", issued.accessToken()).put("refresh_token", issued.refreshToken())
                .put("expires_in", sim.tokenTtlSeconds());
    }

    private static long number(Map<String, String> p, String name, long min, long max) throws Refusal {
        String v = present(p, name);
        if (!v.matches("\\d{1,18}") || Long.parseLong(v) < min || Long.parseLong(v) > max) {
            throw new Refusal(40002, "parameter " + name + " must be a whole number in " + min + ".." + max);
        }
        return Long.parseLong(v);
    }
}

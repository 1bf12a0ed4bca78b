package org.ordertower.inventory.internal.push;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stock change as published on the stock topic: schema {@code stock-change/1} (docs/schemas/stock-change-1.json,
 * shipped in the distribution's schemas/).
 */
record StockChangeEvent(String eventId, Instant at, String json) {
    static final String SCHEMA = "stock-change/1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static StockChangeEvent of(String sku, boolean kit, int sellable, boolean presale, Map<String, Integer> channels,
            Instant changedAt, Instant at) {
        String id = UUID.randomUUID().toString();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("eventId", id);
        n.put("schema", SCHEMA);
        n.put("type", org.ordertower.core.spi.EventOutbox.STOCK_CHANGED);
        n.put("sku", sku);
        n.put("kit", kit);
        n.put("sellable", Math.max(0, sellable));
        n.put("presale", presale);
        ObjectNode c = n.putObject("channels");
        new java.util.TreeMap<>(channels).forEach((k, v) -> c.put(k, Math.max(0, v)));
        n.put("changedAt", changedAt.toString());
        n.put("at", at.toString());
        return new StockChangeEvent(id, at, n.toString());
    }
}

package org.ordertower.drill;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the drill reads from the node while it runs, every few seconds: the orders per status, the stock pushes (each
 * push's lag, counted once by its id) and the heap in use. Not thread-safe: one thread samples.
 */
final class Watch {
    /** The statuses at or after RESERVED on the way to the buyer. */
    static final List<String> RESERVED_OR_LATER = List.of("RESERVED", "ROUTED", "SHIPPED", "DELIVERED");

    /** One reading. */
    record Snapshot(Instant at, long platformOrders, long platformPaid, long nodeOrders, long reservedOrLater, long review,
            long onHold, long heapBytes, Map<String, Long> byStatus) {
    }

    private final Node node;
    private final Collection<SimProcess> channels;
    private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    private final Map<Long, Long> pushLags = new HashMap<>();
    private long pushesFailed;
    private final Map<String, Integer> pushErrors = new java.util.TreeMap<>();
    private long maxHeap;
    private final List<Snapshot> snapshots = new ArrayList<>();
    private String lastError;

    Watch(Node node, Collection<SimProcess> channels) {
        this.node = node;
        this.channels = channels;
    }

    /** Reads the node once; a node that does not answer is noted ({@link #lastError}) and the reading skipped. */
    Snapshot sample() {
        try {
            long platformOrders = 0;
            long platformPaid = 0;
            for (SimProcess sim : channels) {
                JsonNode summary = json.readTree(sim.summary());
                platformOrders += summary.path("orders").asLong();
                platformPaid += summary.path("paid").asLong();
            }
            JsonNode total = node.get("/api/v1/orders/stats").path("total");
            Map<String, Long> byStatus = new LinkedHashMap<>();
            total.path("byStatus").fields().forEachRemaining(e -> byStatus.put(e.getKey(), e.getValue().asLong()));
            long reserved = RESERVED_OR_LATER.stream().mapToLong(s -> byStatus.getOrDefault(s, 0L)).sum();
            long review = byStatus.getOrDefault("IN_REVIEW", 0L) + byStatus.getOrDefault("FROZEN", 0L);
            for (JsonNode p : node.get("/api/v1/stock/pushes?limit=500").path("items")) {
                long id = p.path("id").asLong();
                if (p.path("ok").asBoolean()) {
                    pushLags.putIfAbsent(id, p.path("lagMillis").asLong());
                } else if (!pushLags.containsKey(id)) {
                    pushLags.put(id, -1L);
                    pushesFailed++;
                    String error = p.path("error").asText("");
                    pushErrors.merge(p.path("channel").asText() + ": " + (error.length() > 100 ? error.substring(0, 100) : error),
                            1, Integer::sum);
                }
            }
            long heap = heap(node.metrics());
            maxHeap = Math.max(maxHeap, heap);
            Snapshot s = new Snapshot(Instant.now(), platformOrders, platformPaid, total.path("orders").asLong(), reserved, review,
                    byStatus.getOrDefault("ON_HOLD", 0L), heap, byStatus);
            snapshots.add(s);
            lastError = null;
            return s;
        } catch (IOException | RuntimeException e) {
            lastError = e.getMessage();
            return snapshots.isEmpty() ? null : snapshots.get(snapshots.size() - 1);
        }
    }

    /** The heap in use: the sum of the {@code area="heap"} pools in the Prometheus text. */
    static long heap(String metrics) {
        long sum = 0;
        for (String line : metrics.split("\n")) {
            if ((line.startsWith("jvm_memory_used_bytes{") || line.startsWith("jvm_memory_bytes_used{"))
                    && line.contains("area=\"heap\"")) {
                String v = line.substring(line.lastIndexOf(' ') + 1).strip();
                try {
                    sum += (long) Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    // not a sample line
                }
            }
        }
        return sum;
    }

    /** The lags of the successful pushes seen, in ms. */
    List<Long> pushLags() {
        return pushLags.values().stream().filter(l -> l >= 0).sorted().toList();
    }

    long pushesFailed() {
        return pushesFailed;
    }

    /** The failed pushes seen, by channel and error (the first 100 characters). */
    Map<String, Integer> pushErrors() {
        return pushErrors;
    }

    long maxHeap() {
        return maxHeap;
    }

    List<Snapshot> snapshots() {
        return snapshots;
    }

    String lastError() {
        return lastError;
    }

    /** The {@code q} quantile (0..1) of sorted values, or -1 when there are none. */
    static long quantile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}

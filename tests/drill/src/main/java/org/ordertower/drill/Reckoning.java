package org.ordertower.drill;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The drill's reckoning, after the drain: every simulator's book against the node's orders. An order of the platform
 * is matched to the node's by channel and platform order id.
 * <ul>
 * <li><b>lost</b>: paid on the platform, not on the node; <b>duplicated</b>: the node holds one platform order twice;
 * <b>oversold</b>: units reserved beyond the units on hand, and the differences {@code stock:check} finds;</li>
 * <li><b>throughput</b>: the moves into RESERVED per second over the peak (the node's order flow, 10 s buckets);</li>
 * <li><b>latencies</b>: platform order time to RESERVED (from the timelines of a sample of orders), and to tracking on
 * the platform (from the books, every shipped order);</li>
 * <li><b>rules</b>: per anomaly the simulators labelled, how many the node stopped (risk REVIEW or FREEZE), and how
 * many clean orders it stopped; per reason of the review queue, how many labelled and clean orders wait for it.</li>
 * </ul>
 */
final class Reckoning {
    private final Node node;
    private final Map<String, SimProcess> channels;
    private final DrillOptions options;
    private final ObjectMapper json = new ObjectMapper();
    /** With {@code --broker-restart}: the system that sent orders over JMS and read the order events; else null. */
    private final MessagePath messages;

    Reckoning(Node node, Map<String, SimProcess> channels, DrillOptions options, MessagePath messages) {
        this.node = node;
        this.channels = channels;
        this.options = options;
        this.messages = messages;
    }

    /** A platform's order as its book has it. */
    record PlatformOrder(String channel, String id, Instant created, Instant paid, String status, String anomaly,
            Instant shipped) {
    }

    /** A node's order, as the order list has it. */
    record NodeOrder(long id, String channel, String platformOrderId, String status, String risk, Instant createdAt) {
    }

    /** The figures, printed at the end and written to {@code figures.txt}. */
    record Figures(String text, long lost, long duplicated, long oversold) {
        void print(PrintStream out) {
            out.print(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    Figures reckon(Instant normalFrom, Instant peakFrom, Instant peakTo, Watch watch, long restartSeconds)
            throws IOException {
        List<PlatformOrder> platform = new ArrayList<>();
        for (Map.Entry<String, SimProcess> c : channels.entrySet()) {
            for (JsonNode o : json.readTree(c.getValue().book()).path("orders")) {
                // a book's times are by the platform's clock: by this machine's, they are --clock-skew earlier
                platform.add(new PlatformOrder(c.getKey(), o.path("platformId").asText(), real(instant(o.path("created"))),
                        real(instant(o.path("paid"))), o.path("status").asText(), text(o.path("anomaly")),
                        real(instant(o.path("shipped")))));
            }
        }
        List<NodeOrder> nodeOrders = nodeOrders();
        Map<String, List<NodeOrder>> byKey = new HashMap<>();
        for (NodeOrder o : nodeOrders) {
            byKey.computeIfAbsent(o.channel() + "/" + o.platformOrderId(), k -> new ArrayList<>()).add(o);
        }
        StringBuilder b = new StringBuilder();
        line(b, "");
        line(b, "== The peak drill: %s, %d s normal at %.0f orders/min per channel, %d s peak at %.0fx, on %s ==",
                String.join(",", channels.keySet()), options.normalSeconds(), options.rate(), options.peakSeconds(), options.peakFactor(),
                options.postgres() == null ? "H2" : "PostgreSQL");
        if (options.failRate() > 0) {
            line(b, "fault                        every platform failed %.0f%% of its calls through the peak (%s)",
                    options.failRate() * 100, options.faultKind());
        }
        if (options.dbOutageSeconds() > 0) {
            line(b, "fault                        the node's database refused every connection for %d s in the peak",
                    options.dbOutageSeconds());
        }
        if (options.outageSeconds() > 0) {
            line(b, "fault                        every marketplace down (503 to every call) for %d s in the peak",
                    options.outageSeconds());
        }
        if (options.brokerRestartSeconds() > 0) {
            line(b, "fault                        the shared broker killed (kill -9) in the peak, started again %d s later",
                    options.brokerRestartSeconds());
        }
        if (options.clockSkewSeconds() != 0) {
            line(b, "fault                        every marketplace's clock %+d s off this machine's (its times read back"
                    + " by this machine's clock below)", options.clockSkewSeconds());
        }
        if (options.killAt() >= 0) {
            line(b, "fault                        the node killed (kill -9) %d s into the peak, answering again %d s later",
                    options.killAt(), restartSeconds);
        }

        // lost, duplicated
        long paid = 0;
        long lost = 0;
        long unpaidMissing = 0;
        List<String> lostIds = new ArrayList<>();
        Map<String, Integer> lostPerChannel = new TreeMap<>();
        for (PlatformOrder p : platform) {
            boolean there = byKey.containsKey(p.channel() + "/" + p.id());
            if (p.paid() != null) {
                paid++;
                if (!there) {
                    lost++;
                    lostPerChannel.merge(p.channel(), 1, Integer::sum);
                    if (lostIds.size() < 10) {
                        lostIds.add(p.channel() + "/" + p.id());
                    }
                }
            } else if (!there) {
                unpaidMissing++;
            }
        }
        long jmsSent = 0;
        if (messages != null) {
            // the own site's orders over JMS: every one the broker took is on the node
            for (String id : messages.sent()) {
                jmsSent++;
                paid++;
                if (!byKey.containsKey("own/" + id)) {
                    lost++;
                    lostPerChannel.merge("own (JMS)", 1, Integer::sum);
                    if (lostIds.size() < 10) {
                        lostIds.add("own/" + id);
                    }
                }
            }
        }
        long duplicated = byKey.values().stream().mapToLong(l -> l.size() - 1).sum();
        line(b, "orders on the platforms      %,d (%,d paid)%s; on the node %,d", platform.size() + jmsSent, paid,
                messages == null ? "" : String.format(Locale.ROOT, ", %,d of them sent over JMS", jmsSent), nodeOrders.size());
        line(b, "lost (paid, not on the node) %,d%s; unpaid and not taken in: %,d", lost,
                lostIds.isEmpty() ? "" : " (when the drill ended: " + Drill.join(lostPerChannel) + "; e.g. " + lostIds + ")",
                unpaidMissing);
        line(b, "duplicated on the node       %,d", duplicated);
        if (messages != null) {
            java.util.Set<Long> seen = messages.ordersWithEvents();
            long without = nodeOrders.stream().filter(o -> !seen.contains(o.id())).count();
            line(b, "order events on the broker   %,d read; %,d orders of the node with none%s; JMS sends the broker refused"
                    + " and were tried again: %,d; the slowest send took %,d ms", messages.events(), without,
                    without == 0 ? "" : " (e.g. " + nodeOrders.stream().filter(o -> !seen.contains(o.id())).limit(5)
                            .map(o -> String.valueOf(o.id())).toList() + ")", messages.failedSends(),
                    messages.slowestSendMillis());
            lost += without; // an event the broker never got is lost to the systems that read them
        }

        // throughput
        JsonNode flow = node.get("/api/v1/orders/flow?from=" + enc(peakFrom.toString()) + "&to=" + enc(Instant.now().toString())
                + "&step=10");
        List<Instant> buckets = new ArrayList<>();
        flow.path("buckets").forEach(x -> buckets.add(Instant.parse(x.asText())));
        long inPeak = 0;
        long best = 0;
        JsonNode reservedMoves = flow.path("statuses").path("RESERVED");
        for (int i = 0; i < buckets.size(); i++) {
            long n = reservedMoves.path(i).asLong();
            best = Math.max(best, n);
            if (buckets.get(i).isBefore(peakTo)) {
                inPeak += n;
            }
        }
        long received = 0;
        for (JsonNode perChannel : flow.path("received")) {
            for (int i = 0; i < buckets.size(); i++) {
                if (buckets.get(i).isBefore(peakTo)) {
                    received += perChannel.path(i).asLong();
                }
            }
        }
        double peakSeconds = Math.max(1, Duration.between(peakFrom, peakTo).toSeconds());
        line(b, "peak throughput              %.0f orders/s received, %.0f/s to RESERVED (best 10 s: %.0f/s); offered %.0f/s",
                received / peakSeconds, inPeak / peakSeconds, best / 10.0,
                options.rate() * options.peakFactor() * channels.size() / 60.0);

        // latencies
        List<Long> toReserved = new ArrayList<>();
        List<Long> toReservedPeak = new ArrayList<>();
        List<NodeOrder> reserved = nodeOrders.stream().filter(o -> Watch.RESERVED_OR_LATER.contains(o.status())).toList();
        int step = Math.max(1, reserved.size() / Math.max(1, options.samples()));
        for (int i = 0; i < reserved.size() && options.samples() > 0; i += step) {
            NodeOrder o = reserved.get(i);
            Instant at = reservedAt(o.id());
            if (at != null && o.createdAt() != null) {
                long ms = Duration.between(o.createdAt(), at).toMillis();
                toReserved.add(ms);
                if (!o.createdAt().isBefore(peakFrom) && o.createdAt().isBefore(peakTo)) {
                    toReservedPeak.add(ms);
                }
            }
        }
        toReserved.sort(null);
        toReservedPeak.sort(null);
        line(b, "platform order to RESERVED   p50 %s, p99 %s (%d sampled); in the peak p50 %s, p99 %s (%d)",
                seconds(Watch.quantile(toReserved, 0.5)), seconds(Watch.quantile(toReserved, 0.99)), toReserved.size(),
                seconds(Watch.quantile(toReservedPeak, 0.5)), seconds(Watch.quantile(toReservedPeak, 0.99)), toReservedPeak.size());
        List<Long> toTracking = platform.stream().filter(p -> p.shipped() != null && p.created() != null)
                .map(p -> Duration.between(p.created(), p.shipped()).toMillis()).sorted().toList();
        line(b, "platform order to tracking   p50 %s, p99 %s on the platform (%,d orders shipped of %,d paid)",
                seconds(Watch.quantile(toTracking, 0.5)), seconds(Watch.quantile(toTracking, 0.99)), toTracking.size(), paid);
        List<Long> lags = watch.pushLags();
        line(b, "stock push lag               p50 %s, p99 %s (%,d pushes seen, %,d failed)", seconds(Watch.quantile(lags, 0.5)),
                seconds(Watch.quantile(lags, 0.99)), lags.size(), watch.pushesFailed());
        watch.pushErrors().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(5)
                .forEach(e -> line(b, "  %,6d failed: %s", e.getValue(), e.getKey()));

        // people, rules
        JsonNode total = node.get("/api/v1/orders/stats").path("total");
        line(b, "handled without a person     %.1f%% (%,d orders needed one)", 100 * total.path("withoutPerson").asDouble(),
                total.path("neededPerson").asLong());
        rules(b, platform, byKey);

        // stock
        long oversold = 0;
        String after = null;
        do {
            JsonNode page = node.get("/api/v1/stock?limit=200" + (after == null ? "" : "&after=" + enc(after)));
            for (JsonNode sku : page.path("items")) {
                oversold += Math.max(0, sku.path("reserved").asLong() - sku.path("onHand").asLong());
            }
            after = text(page.path("next"));
        } while (after != null);
        JsonNode check = node.get("/api/v1/stock/check");
        if (!check.path("ok").asBoolean()) {
            // orders may still trickle in: a difference that is there again 10 s later is not a check racing a change
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            check = node.get("/api/v1/stock/check");
        }
        int differences = check.path("differences").size();
        line(b, "oversold units               %,d; stock:check %s (%d differences over %,d rows, checked twice 10 s apart)",
                oversold, check.path("ok").asBoolean() ? "clean" : "NOT clean", differences, check.path("rowsChecked").asLong());
        int shown = 0;
        for (JsonNode d : check.path("differences")) {
            if (shown++ < 8) {
                line(b, "  %s at %s: %s is %d, the ledger says %d", d.path("sku").asText(), d.path("warehouse").asText(),
                        d.path("counter").asText(), d.path("counterValue").asLong(), d.path("ledgerSum").asLong());
            }
        }
        oversold += differences;
        line(b, "heap used                    at most %,d MB", watch.maxHeap() >> 20);
        line(b, "");
        return new Figures(b.toString(), lost, duplicated, oversold);
    }

    /** Per anomaly label: stopped by the node or not; clean orders stopped; and the review queue's reasons. */
    private void rules(StringBuilder b, List<PlatformOrder> platform, Map<String, List<NodeOrder>> byKey) throws IOException {
        Map<String, long[]> perLabel = new TreeMap<>(); // label -> {labelled on the node, stopped}
        long clean = 0;
        long cleanStopped = 0;
        Map<Long, String> labelOf = new HashMap<>();
        for (PlatformOrder p : platform) {
            List<NodeOrder> on = byKey.get(p.channel() + "/" + p.id());
            if (on == null) {
                continue;
            }
            NodeOrder o = on.get(0);
            boolean stopped = "REVIEW".equals(o.risk()) || "FREEZE".equals(o.risk()) || "IN_REVIEW".equals(o.status())
                    || "FROZEN".equals(o.status());
            labelOf.put(o.id(), p.anomaly() == null ? "clean" : p.anomaly());
            if (p.anomaly() == null) {
                clean++;
                cleanStopped += stopped ? 1 : 0;
            } else {
                long[] c = perLabel.computeIfAbsent(p.anomaly(), k -> new long[2]);
                c[0]++;
                c[1] += stopped ? 1 : 0;
            }
        }
        line(b, "rules, per labelled anomaly  (stopped = sent to review or frozen)");
        perLabel.forEach((label, c) -> line(b, "  %-14s %,6d labelled, %,6d stopped (%.0f%%)", label, c[0], c[1],
                c[0] == 0 ? 0.0 : 100.0 * c[1] / c[0]));
        line(b, "  %-14s %,6d orders,   %,6d stopped (%.2f%%)", "clean", clean, cleanStopped,
                clean == 0 ? 0.0 : 100.0 * cleanStopped / clean);
        // the review queue's reasons, by who waits for them
        Map<String, Map<String, Integer>> byReason = new TreeMap<>();
        Long afterId = null;
        int pages = 0;
        while (pages++ < 200) {
            JsonNode page = node.get("/api/v1/review?limit=500" + (afterId == null ? "" : "&after=" + afterId));
            JsonNode items = page.path("items");
            for (JsonNode i : items) {
                long id = i.path("order").path("id").asLong();
                String reason = reasonKey(i.path("reason").asText(""));
                byReason.computeIfAbsent(reason, k -> new TreeMap<>()).merge(labelOf.getOrDefault(id, "other"), 1, Integer::sum);
            }
            String next = text(page.path("next"));
            if (next == null || items.isEmpty()) {
                break;
            }
            afterId = Long.parseLong(next);
        }
        if (!byReason.isEmpty()) {
            line(b, "the review queue, per reason (who waits: anomaly label or clean)");
            byReason.forEach((reason, who) -> line(b, "  %-40s %s", reason, Drill.join(who)));
        }
    }

    private static final java.util.regex.Pattern RULE = java.util.regex.Pattern.compile("\\b([a-z0-9-]+/[a-z0-9-]+)\\b");

    /**
     * The rule a review reason names ({@code risk-basic/duplicate}), or else its first clause with the figures that
     * differ per order (ids, amounts) taken out.
     */
    static String reasonKey(String reason) {
        java.util.regex.Matcher m = RULE.matcher(reason);
        if (m.find()) {
            return m.group(1);
        }
        String r = reason.strip();
        int cut = r.length();
        for (char c : new char[] { ':', ';', '(', ',' }) {
            int i = r.indexOf(c);
            if (i > 0 && i < cut) {
                cut = i;
            }
        }
        r = r.substring(0, cut).replaceAll("[0-9][0-9.]*", "#").strip();
        return r.length() > 40 ? r.substring(0, 40) : r.isEmpty() ? "(no reason)" : r;
    }

    private Instant real(Instant platformTime) {
        return platformTime == null ? null : platformTime.minusSeconds(options.clockSkewSeconds());
    }

    /** Every order on the node, by the order list's cursor. */
    private List<NodeOrder> nodeOrders() throws IOException {
        List<NodeOrder> out = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = node.get("/api/v1/orders?limit=500" + (after == null ? "" : "&after=" + after));
            for (JsonNode o : page.path("items")) {
                // the order's time is the platform's (--clock-skew off this machine's); the own site's is this machine's
                String channel = o.path("channel").asText();
                Instant created = instant(o.path("createdAt"));
                out.add(new NodeOrder(o.path("id").asLong(), channel, o.path("platformOrderId").asText(),
                        o.path("status").asText(), text(o.path("riskLevel")), channels.containsKey(channel) ? real(created)
                                : created));
            }
            after = text(page.path("next"));
        } while (after != null);
        return out;
    }

    /** When the order first became RESERVED, from its timeline; null when it never did. */
    private Instant reservedAt(long id) throws IOException {
        for (JsonNode e : node.get("/api/v1/orders/" + id).path("timeline")) {
            if ("status".equals(e.path("action").asText()) && "RESERVED".equals(e.path("to").asText())) {
                return instant(e.path("at"));
            }
        }
        return null;
    }

    private static String seconds(long ms) {
        return ms < 0 ? "-" : String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    private static Instant instant(JsonNode n) {
        String t = text(n);
        if (t == null || t.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(t);
        } catch (java.time.format.DateTimeParseException e) {
            return java.time.OffsetDateTime.parse(t).toInstant();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder b, String format, Object... args) {
        b.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}

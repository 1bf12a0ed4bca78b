package org.ordertower.fulfilment.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ordertower.api.channel.ReturnOutcome.Decision;
import org.ordertower.api.channel.ReturnOutcome;

/**
 * REFUND: the marketplace is told what came back of a refund's goods, and the seller's decision. Payload:
 * {@code refundId TAB decision TAB line=n,... TAB line=n,... TAB reason} (received, then damaged units per platform
 * line); the key names the channel and shop. The order's platform id is not kept: {@link #outcome} takes it.
 */
record RefundTask(String channel, String shop, String refundId, Decision decision, Map<String, Integer> received,
        Map<String, Integer> damaged, String reason) implements TaskPayload {
    private static final String PREFIX = "refund:";

    RefundTask {
        received = Collections.unmodifiableMap(new LinkedHashMap<>(received));
        damaged = Collections.unmodifiableMap(new LinkedHashMap<>(damaged));
    }

    static RefundTask of(String channel, String shop, ReturnOutcome r) {
        return new RefundTask(channel, shop, r.refundId(), r.decision(), r.received(), r.damaged(), r.reason());
    }

    /** The report to make for the order with this platform id. */
    ReturnOutcome outcome(String platformOrderId) {
        return new ReturnOutcome(platformOrderId, refundId, received, damaged, decision, reason);
    }

    @Override
    public TaskKind kind() {
        return TaskKind.REFUND;
    }

    @Override
    public String key() {
        return PREFIX + channel + ":" + shop + ":" + refundId;
    }

    /** The reason is kept short (the task's payload holds 2,000 characters; platforms take 200 or so). */
    @Override
    public String encode() {
        String why = reason == null ? "" : reason.replace('\t', ' ');
        return refundId + '\t' + decision + '\t' + counts(received) + '\t' + counts(damaged) + '\t'
                + (why.length() > 500 ? why.substring(0, 499) + "…" : why);
    }

    static RefundTask decode(String key, String payload) {
        RefundTask body = parse(null, null, payload);
        String where = TaskPayload.keyPart(key, PREFIX, ":" + body.refundId());
        int colon = where.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("the key '" + key + "' names no channel and shop");
        }
        return new RefundTask(where.substring(0, colon), where.substring(colon + 1), body.refundId(), body.decision(),
                body.received(), body.damaged(), body.reason());
    }

    /** The payload text read for a channel and shop given apart. */
    static RefundTask parse(String channel, String shop, String payload) {
        String[] f = payload.split("\t", 5);
        if (f.length != 5) {
            throw new IllegalArgumentException("refund task payload is malformed: " + payload);
        }
        return new RefundTask(channel, shop, f[0], Decision.valueOf(f[1]), counts(f[2]), counts(f[3]),
                f[4].isEmpty() ? null : f[4]);
    }

    private static String counts(Map<String, Integer> m) {
        return String.join(",", m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private static Map<String, Integer> counts(String s) {
        Map<String, Integer> m = new LinkedHashMap<>();
        if (!s.isEmpty()) {
            for (String kv : s.split(",")) {
                int eq = kv.lastIndexOf('=');
                m.put(kv.substring(0, eq), Integer.parseInt(kv.substring(eq + 1)));
            }
        }
        return m;
    }
}

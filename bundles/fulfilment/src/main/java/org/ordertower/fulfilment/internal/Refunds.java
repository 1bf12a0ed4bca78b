package org.ordertower.fulfilment.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderLine;
import org.ordertower.api.Refund;
import org.ordertower.api.channel.ReturnOutcome.Decision;
import org.ordertower.api.channel.ReturnOutcome;
import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.ReceivedLine;

/**
 * What to tell the platform about the refunds a returned parcel settles. Pure: the order (its platform lines and the
 * refunds the platform reported), the parcel's goods and what the return centre received in, the outcomes out.
 *
 * <p>Units received are counted per platform line (sub-order): a line's master SKU, or for a kit the whole kits its
 * parts make up. The decision is deliberately simple: agree, unless {@link Policy#refuseShort} and a line the refund
 * covers came back short, or {@link Policy#refuseDamaged} and some of it came back damaged.
 */
public final class Refunds {

    /**
     * @param refuseShort refuse a refund whose goods did not all come back (key {@code refund.refuse.short})
     * @param refuseDamaged refuse a refund whose goods came back damaged (key {@code refund.refuse.damaged})
     */
    public record Policy(boolean refuseShort, boolean refuseDamaged) {
        public static final Policy DEFAULT = new Policy(true, false);
    }

    private Refunds() {
    }

    /** The first refund still open that covers goods of this parcel: the one its return order names. */
    static Optional<Refund> openFor(NormalizedOrder o, List<ParcelLine> parcel) {
        Set<String> lines = platformLines(o, parcel);
        return o.facts().refunds().stream().filter(r -> r.state().open())
                .filter(r -> lines.stream().anyMatch(r::covers)).findFirst();
    }

    /**
     * The outcome for each refund still open that covers goods of this parcel, in the platform's order.
     *
     * @param parcel the goods that left in the parcel
     * @param received what the return centre received of it
     */
    static List<ReturnOutcome> outcomes(NormalizedOrder o, List<ParcelLine> parcel, List<ReceivedLine> received,
            Policy policy) {
        Set<String> inParcel = platformLines(o, parcel);
        Map<String, Integer> back = units(o, inParcel, received, false);
        Map<String, Integer> damaged = units(o, inParcel, received, true);
        List<ReturnOutcome> out = new ArrayList<>();
        for (Refund r : o.facts().refunds()) {
            if (!r.state().open()) {
                continue;
            }
            Map<String, Integer> got = new LinkedHashMap<>();
            Map<String, Integer> broken = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            List<String> harmed = new ArrayList<>();
            for (String line : inParcel) {
                if (!r.covers(line)) {
                    continue;
                }
                int expected = platformLine(o, line).quantity();
                int n = back.getOrDefault(line, 0);
                got.put(line, n);
                if (n < expected) {
                    missing.add(line + ": " + n + " of " + expected);
                }
                int d = damaged.getOrDefault(line, 0);
                if (d > 0) {
                    broken.put(line, d);
                    harmed.add(line + ": " + d);
                }
            }
            if (got.isEmpty()) {
                continue; // the refund is for goods of another parcel
            }
            if (policy.refuseShort() && !missing.isEmpty()) {
                out.add(new ReturnOutcome(o.platformOrderId(), r.refundId(), got, broken, Decision.REFUSE,
                        "goods missing from the return: line " + String.join(", line ", missing)));
            } else if (policy.refuseDamaged() && !harmed.isEmpty()) {
                out.add(new ReturnOutcome(o.platformOrderId(), r.refundId(), got, broken, Decision.REFUSE,
                        "goods came back damaged: line " + String.join(", line ", harmed)));
            } else {
                out.add(new ReturnOutcome(o.platformOrderId(), r.refundId(), got, broken, Decision.AGREE,
                        "goods received" + (missing.isEmpty() ? "" : " (short: line " + String.join(", line ", missing) + ")")
                                + (harmed.isEmpty() ? "" : " (damaged: line " + String.join(", line ", harmed) + ")")));
            }
        }
        return out;
    }

    /** The platform lines (sub-orders) whose goods are in the parcel, in the order's order. */
    static Set<String> platformLines(NormalizedOrder o, List<ParcelLine> parcel) {
        Set<String> skus = new LinkedHashSet<>();
        parcel.forEach(p -> skus.add(p.sku()));
        Set<String> out = new LinkedHashSet<>();
        for (OrderLine l : o.lines()) {
            if (l.masterSku() != null && skus.contains(l.masterSku())) {
                out.add(l.parentLineNo() != null ? l.parentLineNo() : l.lineNo());
            }
        }
        return out;
    }

    private static OrderLine platformLine(NormalizedOrder o, String lineNo) {
        return o.lines().stream().filter(l -> l.lineNo().equals(lineNo)).findFirst().orElseThrow();
    }

    /**
     * Units back (or damaged) per platform line: the received units of each master SKU are handed out to the lines in
     * order; a kit line counts the whole kits its parts make up (damaged: the kits with any damaged part).
     */
    private static Map<String, Integer> units(NormalizedOrder o, Set<String> lines, List<ReceivedLine> received,
            boolean damagedOnly) {
        Map<String, Integer> pool = new HashMap<>();
        for (ReceivedLine r : received) {
            if (!damagedOnly || r.damaged()) {
                pool.merge(r.sku(), r.quantity(), Integer::sum);
            }
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String lineNo : lines) {
            OrderLine line = platformLine(o, lineNo);
            List<OrderLine> parts = o.lines().stream().filter(l -> lineNo.equals(l.parentLineNo())).toList();
            if (parts.isEmpty()) {
                out.put(lineNo, take(pool, line.masterSku(), line.quantity()));
                continue;
            }
            // received: the whole kits the parts make up; damaged: the kits with any damaged part
            int kits = damagedOnly ? 0 : line.quantity();
            for (OrderLine part : parts) {
                long got = (long) take(pool, part.masterSku(), part.quantity()) * line.quantity();
                kits = damagedOnly ? Math.max(kits, (int) ((got + part.quantity() - 1) / part.quantity()))
                        : Math.min(kits, (int) (got / part.quantity()));
            }
            out.put(lineNo, Math.min(kits, line.quantity()));
        }
        return out;
    }

    private static int take(Map<String, Integer> pool, String sku, int wanted) {
        int have = sku == null ? 0 : pool.getOrDefault(sku, 0);
        int n = Math.min(have, wanted);
        if (n > 0) {
            pool.put(sku, have - n);
        }
        return n;
    }

    // ---- the REFUND task's payload: RefundTask writes and reads it

    /** The REFUND task's payload text for an outcome. */
    static String encode(ReturnOutcome r) {
        return RefundTask.of(null, null, r).encode();
    }

    /** The outcome a REFUND task's payload text holds, for the order with this platform id. */
    static ReturnOutcome decode(String platformOrderId, String payload) {
        return RefundTask.parse(null, null, payload).outcome(platformOrderId);
    }
}

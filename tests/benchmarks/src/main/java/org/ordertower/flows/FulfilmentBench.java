package org.ordertower.flows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ordertower.api.AuditEntry;
import org.ordertower.api.Order;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.jdbc.TestDatabases;

/**
 * Orders through the whole house (see {@link EndToEnd}): the Taobao simulator places N paid orders at a steady
 * rate while a share of its {@code taobao.logistics.offline.send} calls fail with a transient error, and each
 * order goes through intake, pipeline, routing, Cainiao's waybill, the Qimen warehouse and the write-back. Prints
 * order-paid to tracking-on-marketplace time (p50, p99, max) in wall time and in the simulators' accelerated clock,
 * and how the write-back fared: first-attempt successes, successes within the attempts, dead calls, and duplicates:
 * ship calls that reached the marketplace for an order it had already recorded (must be 0).
 *
 * <p>The accelerated figure counts OrderTower's own steps in real time and the warehouse's work in its simulated
 * time: the Qimen simulator takes 39 simulated minutes from accepting a delivery order to shipping it (accept 1,
 * print 5, pick 10, pack 8, hand over 15), which is 39 min / {@code timeScale} of the wall time. So: wall time,
 * minus that, plus 39 minutes. It is what a buyer would see with this node and a warehouse that really takes
 * its 39 minutes; the rest ("OrderTower's own steps") includes the WMS's reports queueing at the node.
 *
 * <p>Arguments (optional): {@code --orders 500 --fail-rate 0.2 --rate 10} (orders placed a second)
 * {@code --wms-scale 600 --attempts 10 --retry-first-ms 2000 --retry-max-ms 600000} (the fulfilment defaults).
 *
 * <p>Run: {@code tests/benchmarks/run.sh fulfilment --orders 500 --fail-rate 0.2}. It lives in the flows' package
 * for {@link EndToEnd}, which the flow tests share (tests/flows' test-jar).
 */
public final class FulfilmentBench {
    private static final String OFFLINE_SEND = "taobao.logistics.offline.send";
    /** The Qimen simulator's work on a delivery order in its own clock (QimenSimWarehouse's TO_* steps). */
    private static final Duration WAREHOUSE_WORK = Duration.ofMinutes(39);

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>(Map.of("--orders", "500", "--fail-rate", "0.2", "--rate", "10", "--wms-scale",
                "600", "--attempts", "10", "--retry-first-ms", "2000", "--retry-max-ms", "600000"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!a.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown argument " + args[i] + "; known: " + a.keySet());
            }
            a.put(args[i], args[i + 1]);
        }
        int n = Integer.parseInt(a.get("--orders"));
        double failRate = Double.parseDouble(a.get("--fail-rate"));
        double rate = Double.parseDouble(a.get("--rate"));
        double wmsScale = Double.parseDouble(a.get("--wms-scale"));
        int attempts = Integer.parseInt(a.get("--attempts"));
        EndToEnd.Settings settings = new EndToEnd.Settings(wmsScale, 20_000, attempts,
                Duration.ofMillis(Long.parseLong(a.get("--retry-first-ms"))),
                Duration.ofMillis(Long.parseLong(a.get("--retry-max-ms"))));
        try (EndToEnd e = new EndToEnd(settings, TestDatabases.pooled("h2", 16))) {
            e.taobao.faults().failRate(failRate, OFFLINE_SEND);
            System.out.printf(Locale.ROOT, "%d orders at %.0f/s, %.0f%% of ship calls failing, warehouse x%.0f, %d attempts%n",
                    n, rate, failRate * 100, wmsScale, attempts);
            List<SimOrder> placed = place(e, n, rate);
            long start = System.nanoTime();
            Map<String, Long> ids = new HashMap<>();
            java.util.Set<String> ended = new java.util.HashSet<>();
            while (!allDone(e, placed, ids, ended)) {
                if (System.nanoTime() - start > Duration.ofMinutes(20).toNanos()) {
                    throw new AssertionError("not every write-back ended within 20 minutes");
                }
                Thread.sleep(1000);
            }
            report(e, placed, ids, wmsScale);
        }
    }

    /** Paid orders the catalog maps as they are, at a steady rate; any other order is closed at once. */
    private static List<SimOrder> place(EndToEnd e, int n, double perSecond) throws InterruptedException {
        List<SimOrder> placed = new ArrayList<>();
        long start = System.nanoTime();
        while (placed.size() < n) {
            SimOrder o = e.taobao.book().create();
            if (o.status != SimOrder.Status.PAID || o.presale || o.lines.stream().anyMatch(l -> l.listing.gift())) {
                e.taobao.book().cancel(o.orderId);
                continue;
            }
            placed.add(o);
            long due = start + (long) (placed.size() * 1e9 / perSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        return placed;
    }

    /** True when every order's write-back ended; {@code ended} keeps those seen ended, so each is read once. */
    private static boolean allDone(EndToEnd e, List<SimOrder> placed, Map<String, Long> ids, java.util.Set<String> ended) {
        for (SimOrder o : placed) {
            if (ended.contains(o.orderId)) {
                continue;
            }
            Long id = ids.get(o.orderId);
            if (id == null) {
                Order stored = e.f.orders.findByPlatformId("taobao", EndToEnd.SHOP, o.orderId).orElse(null);
                if (stored == null) {
                    return false;
                }
                ids.put(o.orderId, stored.id());
                id = stored.id();
            }
            if (e.fulfilment.calls(id).stream().noneMatch(c -> c.startsWith("WRITE_BACK:DONE") || c.startsWith("WRITE_BACK:DEAD"))) {
                return false;
            }
            ended.add(o.orderId);
        }
        return true;
    }

    private static void report(EndToEnd e, List<SimOrder> placed, Map<String, Long> ids, double wmsScale) {
        List<Long> wall = new ArrayList<>();
        List<Long> simulated = new ArrayList<>();
        List<Long> own = new ArrayList<>();
        List<Long> toReserved = new ArrayList<>();
        List<Long> toRouted = new ArrayList<>();
        List<Long> toTracking = new ArrayList<>();
        List<Long> reservedAt = new ArrayList<>();
        List<Long> routedAt = new ArrayList<>();
        List<Long> trackedAt = new ArrayList<>();
        long firstPaid = placed.stream().mapToLong(o -> o.paidAt.toEpochMilli()).min().orElse(0);
        long lastPaid = placed.stream().mapToLong(o -> o.paidAt.toEpochMilli()).max().orElse(0);
        int first = 0;
        int done = 0;
        int dead = 0;
        long attempts = 0;
        for (SimOrder p : placed) {
            long id = ids.get(p.orderId);
            for (String c : e.fulfilment.calls(id)) {
                if (c.startsWith("WRITE_BACK:")) {
                    String[] f = c.split(":");
                    attempts += Long.parseLong(f[2]);
                    if (f[1].equals("DONE")) {
                        done++;
                        first += f[2].equals("1") ? 1 : 0;
                    } else {
                        dead++;
                    }
                }
            }
            SimOrder now = e.taobao.book().get(p.orderId).orElseThrow();
            if (now.lines.stream().anyMatch(l -> l.trackingNo == null)) {
                continue; // not on the marketplace (dead)
            }
            Instant reserved = null;
            Instant routed = null;
            for (AuditEntry t : e.f.orders.timeline(id)) {
                if ("status".equals(t.field()) && "RESERVED".equals(t.newValue()) && reserved == null) {
                    reserved = t.at();
                } else if ("status".equals(t.field()) && "ROUTED".equals(t.newValue()) && routed == null) {
                    routed = t.at();
                }
            }
            if (reserved != null && routed != null) {
                toReserved.add(Duration.between(p.paidAt, reserved).toMillis());
                toRouted.add(Duration.between(reserved, routed).toMillis());
                toTracking.add(Duration.between(routed, now.modified).toMillis()
                        - Math.round(WAREHOUSE_WORK.toMillis() / wmsScale));
                reservedAt.add(reserved.toEpochMilli());
                routedAt.add(routed.toEpochMilli());
                trackedAt.add(now.modified.toEpochMilli());
            }
            long total = Duration.between(p.paidAt, now.modified).toMillis();
            long warehouse = Math.round(WAREHOUSE_WORK.toMillis() / wmsScale);
            wall.add(total);
            own.add(total - warehouse);
            simulated.add(total - warehouse + WAREHOUSE_WORK.toMillis());
        }
        long recorded = e.marketplace("ship.recorded");
        long reached = e.marketplace("ship.calls");
        System.out.printf(Locale.ROOT, "order paid -> tracking on the marketplace (%d orders)%n", wall.size());
        System.out.printf(Locale.ROOT, "  %-34s p50 %9s  p99 %9s  max %9s%n", "simulators' clock (warehouse x"
                + Math.round(wmsScale) + ")", min(pct(simulated, 50)), min(pct(simulated, 99)), min(pct(simulated, 100)));
        System.out.printf(Locale.ROOT, "  %-34s p50 %9s  p99 %9s  max %9s%n", "wall time", sec(pct(wall, 50)),
                sec(pct(wall, 99)), sec(pct(wall, 100)));
        System.out.printf(Locale.ROOT, "  %-34s p50 %9s  p99 %9s  max %9s%n", "OrderTower's own steps (wall)",
                sec(pct(own, 50)), sec(pct(own, 99)), sec(pct(own, 100)));
        if (!toReserved.isEmpty()) {
            System.out.printf(Locale.ROOT, "by stage (wall; the warehouse's %s taken out of the last)%n",
                    sec(Math.round(WAREHOUSE_WORK.toMillis() / wmsScale)));
            System.out.printf(Locale.ROOT, "  %-34s p50 %9s  p99 %9s  max %9s%n", "paid -> RESERVED", sec(pct(toReserved, 50)),
                    sec(pct(toReserved, 99)), sec(pct(toReserved, 100)));
            System.out.printf(Locale.ROOT, "  %-34s p50 %9s  p99 %9s  max %9s%n", "RESERVED -> ROUTED", sec(pct(toRouted, 50)),
                    sec(pct(toRouted, 99)), sec(pct(toRouted, 100)));
            System.out.printf(Locale.ROOT, "  %-34s p50 %9s  p99 %9s  max %9s%n", "ROUTED -> tracking on Taobao",
                    sec(pct(toTracking, 50)), sec(pct(toTracking, 99)), sec(pct(toTracking, 100)));
            System.out.printf(Locale.ROOT, "throughput (orders a second, first to last of each stage): placed %.0f, "
                    + "RESERVED %.0f, ROUTED %.0f, tracking on Taobao %.0f%n",
                    rate(placed.size(), firstPaid, lastPaid), rate(reservedAt), rate(routedAt), rate(trackedAt));
        }
        System.out.printf(Locale.ROOT, "write-back: %d orders, %d attempts, %d injected failures%n", placed.size(), attempts,
                e.marketplace("faults.injected"));
        System.out.printf(Locale.ROOT, "  first attempt succeeded      %5d (%.1f%%)%n", first, 100.0 * first / placed.size());
        System.out.printf(Locale.ROOT, "  succeeded within the attempts %4d (%.1f%%)%n", done, 100.0 * done / placed.size());
        System.out.printf(Locale.ROOT, "  dead                          %4d%n", dead);
        System.out.printf(Locale.ROOT, "  recorded by the marketplace   %4d; duplicates (a ship of an order it had): %d%n",
                recorded, reached - recorded);
        System.out.printf(Locale.ROOT, "  dead letters of the channel   %4d, ledger check %s%n",
                e.channels.deadLetters("taobao", 1000).size(), e.f.inventory.check().ok() ? "ok" : "FAILED");
    }

    private static long pct(List<Long> values, int p) {
        List<Long> s = new ArrayList<>(values);
        s.sort(null);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(s.size() * p / 100.0) - 1));
    }

    private static double rate(List<Long> epochMillis) {
        return rate(epochMillis.size(), epochMillis.stream().mapToLong(Long::longValue).min().orElse(0),
                epochMillis.stream().mapToLong(Long::longValue).max().orElse(0));
    }

    private static double rate(int n, long first, long last) {
        return last > first ? (n - 1) * 1000.0 / (last - first) : Double.NaN;
    }

    private static String sec(long ms) {
        return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }

    private static String min(long ms) {
        return String.format(Locale.ROOT, "%.1f min", ms / 60_000.0);
    }
}

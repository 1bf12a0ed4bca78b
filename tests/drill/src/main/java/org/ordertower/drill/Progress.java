package org.ordertower.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The drill's clock and its progress line: while a phase runs, the watch samples the node every interval and one line
 * says where things stand ({@code [peak 1:25/3:00] node 12,001 in, 11,800 reserved+ (140/s), 40 review, push lag p99
 * 0.8 s, heap 512 MB}).
 */
final class Progress {
    private final DrillOptions options;
    private Watch watch;
    private String phase = "";
    private Instant phaseFrom = Instant.now();
    private int phaseSeconds;

    Progress(DrillOptions options) {
        this.options = options;
    }

    void start(Watch w) {
        this.watch = w;
    }

    /** Runs {@code name} for {@code seconds}, sampling and printing every interval. */
    void phase(String name, int seconds) throws InterruptedException {
        begin(name, seconds);
        Instant end = phaseFrom.plusSeconds(seconds);
        Watch.Snapshot last = null;
        while (Instant.now().isBefore(end)) {
            Thread.sleep(Math.min(options.intervalSeconds() * 1000L, Math.max(1, Duration.between(Instant.now(), end).toMillis())));
            last = line(last);
        }
    }

    /**
     * After the peak: samples until the node has settled (as many orders on the node as paid on the platforms, and the
     * orders and the orders reserved or later unchanged for 90 s) or {@code maxSeconds} have
     * passed. The channels' pulls stay a few minutes behind the platforms' clocks (their advice), so an order that came
     * by no push or message arrives that much later.
     */
    void drain(int maxSeconds) throws InterruptedException {
        begin("drain", maxSeconds);
        Instant end = phaseFrom.plusSeconds(maxSeconds);
        Watch.Snapshot last = null;
        int still = 0;
        // still for a minute and a half: longer than a pull's interval (a pull-only channel such as JD moves only when
        // its pull runs, so three still readings in a row came before the pull that would have brought the rest)
        int stillReadings = Math.max(3, (int) Math.ceil(90.0 / options.intervalSeconds()));
        while (Instant.now().isBefore(end) && still < stillReadings) {
            Thread.sleep(options.intervalSeconds() * 1000L);
            Watch.Snapshot s = line(last);
            if (last != null && s != null && s.nodeOrders() >= s.platformPaid() && s.nodeOrders() == last.nodeOrders()
                    && s.reservedOrLater() == last.reservedOrLater()) {
                still++;
            } else {
                still = 0;
            }
            last = s;
        }
        Drill.say("drain ended after %d s (%s)", Duration.between(phaseFrom, Instant.now()).toSeconds(),
                still >= stillReadings ? "settled" : "time up");
    }

    private void begin(String name, int seconds) {
        this.phase = name;
        this.phaseFrom = Instant.now();
        this.phaseSeconds = seconds;
        Drill.say("%s: %d s", name, seconds);
    }

    private Watch.Snapshot line(Watch.Snapshot previous) {
        Watch.Snapshot s = watch.sample();
        long elapsed = Duration.between(phaseFrom, Instant.now()).toSeconds();
        if (s == null) {
            System.out.printf(Locale.ROOT, "[%-6s %s/%s] the node does not answer: %s%n", phase, clock(elapsed), clock(phaseSeconds),
                    watch.lastError());
            return null;
        }
        double perSecond = previous == null ? Double.NaN
                : (s.reservedOrLater() - previous.reservedOrLater()) / Math.max(0.001, Duration.between(previous.at(), s.at()).toMillis() / 1000.0);
        long p99 = Watch.quantile(watch.pushLags(), 0.99);
        System.out.printf(Locale.ROOT, "[%-6s %s/%s] platforms %,d (%,d paid) | node %,d in, %,d reserved+ (%s/s), %,d review,"
                + " %,d on hold | push lag p99 %s (%,d failed) | heap %,d MB%s%n", phase, clock(elapsed), clock(phaseSeconds),
                s.platformOrders(), s.platformPaid(), s.nodeOrders(), s.reservedOrLater(),
                Double.isNaN(perSecond) ? "-" : String.format(Locale.ROOT, "%.0f", perSecond), s.review(), s.onHold(),
                p99 < 0 ? "-" : String.format(Locale.ROOT, "%.2f s", p99 / 1000.0), watch.pushesFailed(), s.heapBytes() >> 20,
                watch.lastError() == null ? "" : " (last reading failed: " + watch.lastError() + ")");
        return s;
    }

    private static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}

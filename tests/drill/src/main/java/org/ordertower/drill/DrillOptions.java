package org.ordertower.drill;

import java.util.Arrays;
import java.util.List;

/**
 * The drill's command line. Every option has a default: {@code tools/drill.sh} alone runs a short drill (2 minutes
 * normal, 3 minutes of peak at 20 times the rate, up to 7 minutes of drain: the channels' pulls stay 3 minutes behind the
 * platforms' clocks).
 *
 * @param rate orders a minute per channel in the normal stretch
 * @param peakFactor the peak's rate as a multiple of {@code rate}
 * @param anomalies the share of orders the simulators make anomalous (labelled), 0..0.5
 * @param drainSeconds at most this long after the peak for the node to finish (it ends sooner when nothing moves)
 * @param samples orders whose timelines are read for the latencies
 * @param postgres null: the node runs on H2 (its embedded default); else the admin JDBC URL of a PostgreSQL server on
 *     which the drill makes the node a database of its own, {@code ordertower_drill}, afresh
 * @param killAt -1, or seconds into the peak at which the drill kills the node ({@code kill -9}) and starts it again
 * @param failRate the share of every simulator's calls (the marketplaces', the WMS's and the carriers') that fail in the
 *     way {@code faultKind} says during the peak
 * @param faultKind how those calls fail: unavailable (503), server-error (500), rate-limited (429), slow (the answer
 *     late, past the connectors' timeouts) or truncated (the answer cut in half); the simulators' {@code SimFaults.Kind}
 * @param outageSeconds 0, or how long every marketplace is down (503 to every call) in the middle of the peak
 * @param dbOutageSeconds 0, or how long the node's PostgreSQL database refuses every connection (its open ones cut) in
 *     the middle of the peak; with {@code --postgres} only
 * @param brokerRestartSeconds 0, or how long the shared broker stays down in the middle of the peak: with it the node
 *     uses a broker of the drill's own ({@code embedded=false}), killed ({@code kill -9}) and started again; a system
 *     sends orders over JMS and reads the order events throughout
 * @param clockSkewSeconds 0, or how far every marketplace's clock is off from this machine's, the whole drill long
 *     (positive: ahead): its simulators run under {@code faketime}, so their order times, their checks of the calls'
 *     timestamps, their time calls and the Date header of their answers all read that clock
 */
record DrillOptions(int normalSeconds, int peakSeconds, int drainSeconds, double rate, double peakFactor, double anomalies,
        List<String> channels, String dir, String tarball, String nodeJavaOptions, String simJavaOptions, boolean keep,
        int intervalSeconds, int samples, String postgres, int killAt, double failRate, String faultKind, int outageSeconds,
        int dbOutageSeconds, int brokerRestartSeconds, int clockSkewSeconds) {
    static final String USAGE = "usage: tools/drill.sh [--normal SECONDS] [--peak SECONDS] [--drain SECONDS] [--rate PER_MINUTE]"
            + " [--peak-factor N] [--anomalies SHARE] [--channels taobao,jd,douyin,pdd] [--dir DIR] [--tarball FILE]"
            + " [--node-java-opts OPTS] [--sim-java-opts OPTS] [--interval SECONDS] [--samples N] [--keep]"
            + " [--postgres [JDBC_URL]] [--kill-at SECONDS] [--fail-rate SHARE] [--fault-kind KIND] [--outage SECONDS]"
            + " [--db-outage SECONDS] [--broker-restart SECONDS] [--clock-skew SECONDS]";
    /** The kinds {@code --fault-kind} takes. */
    static final List<String> FAULT_KINDS = List.of("unavailable", "server-error", "rate-limited", "slow", "truncated");

    /** The PostgreSQL server {@code --postgres} uses when given no URL: this machine's, trust login as postgres. */
    static final String DEFAULT_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    static DrillOptions parse(String[] args) {
        int normal = 120;
        int peak = 180;
        int drain = 420;
        double rate = 300;
        double factor = 20;
        double anomalies = 0.03;
        List<String> channels = List.of("taobao", "jd", "douyin", "pdd");
        String dir = "tests/drill/target/drill";
        String tarball = "karaf-assembly/target/ordertower-assembly-0.1.0-SNAPSHOT.tar.gz";
        String nodeOpts = "";
        String simOpts = "-Xmx256m";
        boolean keep = false;
        int interval = 5;
        int samples = 400;
        String postgres = null;
        int killAt = -1;
        double failRate = 0;
        int outage = 0;
        String faultKind = "unavailable";
        int dbOutage = 0;
        int brokerRestart = 0;
        int clockSkew = 0;
        for (int i = 0; i < args.length; i++) {
            String o = args[i];
            switch (o) {
                case "--normal" -> normal = whole(o, value(args, ++i, o), 0);
                case "--peak" -> peak = whole(o, value(args, ++i, o), 0);
                case "--drain" -> drain = whole(o, value(args, ++i, o), 0);
                case "--rate" -> rate = number(o, value(args, ++i, o), 0, 1_000_000);
                case "--peak-factor" -> factor = number(o, value(args, ++i, o), 1, 1000);
                case "--anomalies" -> anomalies = number(o, value(args, ++i, o), 0, 0.5);
                case "--channels" -> {
                    channels = Arrays.stream(value(args, ++i, o).split(",")).map(String::strip).toList();
                    if (channels.isEmpty() || !List.of("taobao", "jd", "douyin", "pdd").containsAll(channels)) {
                        throw new IllegalArgumentException("--channels takes some of taobao,jd,douyin,pdd, was " + channels);
                    }
                }
                case "--dir" -> dir = value(args, ++i, o);
                case "--tarball" -> tarball = value(args, ++i, o);
                case "--node-java-opts" -> nodeOpts = value(args, ++i, o);
                case "--sim-java-opts" -> simOpts = value(args, ++i, o);
                case "--interval" -> interval = whole(o, value(args, ++i, o), 1);
                case "--samples" -> samples = whole(o, value(args, ++i, o), 0);
                case "--keep" -> keep = true;
                case "--kill-at" -> killAt = whole(o, value(args, ++i, o), 0);
                case "--fail-rate" -> failRate = number(o, value(args, ++i, o), 0, 1);
                case "--outage" -> outage = whole(o, value(args, ++i, o), 0);
                case "--db-outage" -> dbOutage = whole(o, value(args, ++i, o), 0);
                case "--broker-restart" -> brokerRestart = whole(o, value(args, ++i, o), 1);
                case "--clock-skew" -> {
                    String v = value(args, ++i, o);
                    try {
                        clockSkew = Integer.parseInt(v.startsWith("+") ? v.substring(1) : v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--clock-skew takes whole seconds, ahead (600) or behind (-600), was "
                                + v);
                    }
                    if (Math.abs(clockSkew) > 86_400) {
                        throw new IllegalArgumentException("--clock-skew is at most a day either way, was " + v);
                    }
                }
                case "--fault-kind" -> {
                    faultKind = value(args, ++i, o);
                    if (!FAULT_KINDS.contains(faultKind)) {
                        throw new IllegalArgumentException("--fault-kind takes one of " + String.join(", ", FAULT_KINDS)
                                + ", was " + faultKind);
                    }
                }
                case "--postgres" -> {
                    // an optional value: the admin URL of the server the node's database is made on
                    boolean url = i + 1 < args.length && args[i + 1].startsWith("jdbc:postgresql:");
                    postgres = url ? args[++i] : DEFAULT_POSTGRES;
                }
                default -> throw new IllegalArgumentException("unknown option " + o);
            }
        }
        if (killAt >= peak) {
            throw new IllegalArgumentException("--kill-at must be within the peak (under --peak " + peak + "), was " + killAt);
        }
        if (outage >= peak && outage > 0) {
            throw new IllegalArgumentException("--outage must be shorter than the peak (--peak " + peak + "), was " + outage);
        }
        if (dbOutage >= peak && dbOutage > 0) {
            throw new IllegalArgumentException("--db-outage must be shorter than the peak (--peak " + peak + "), was "
                    + dbOutage);
        }
        if (brokerRestart >= peak && brokerRestart > 0) {
            throw new IllegalArgumentException("--broker-restart must be shorter than the peak (--peak " + peak + "), was "
                    + brokerRestart);
        }
        if ((outage > 0 ? 1 : 0) + (killAt >= 0 ? 1 : 0) + (dbOutage > 0 ? 1 : 0) + (brokerRestart > 0 ? 1 : 0) > 1) {
            throw new IllegalArgumentException("--outage, --db-outage, --broker-restart and --kill-at are drills of their own:"
                    + " give one of them");
        }
        if (dbOutage > 0 && postgres == null) {
            throw new IllegalArgumentException("--db-outage cuts the node off its PostgreSQL database: give --postgres too "
                    + "(H2 is embedded in the node and cannot be unreachable)");
        }
        return new DrillOptions(normal, peak, drain, rate, factor, anomalies, channels, dir, tarball, nodeOpts, simOpts, keep,
                interval, samples, postgres, killAt, failRate, faultKind, outage, dbOutage, brokerRestart, clockSkew);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int whole(String option, String v, int min) {
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min) {
                throw new IllegalArgumentException(option + " must be at least " + min + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was '" + v + "'");
        }
    }

    private static double number(String option, String v, double min, double max) {
        try {
            double d = Double.parseDouble(v.strip());
            if (!(d >= min && d <= max)) {
                throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", was " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, was '" + v + "'");
        }
    }
}

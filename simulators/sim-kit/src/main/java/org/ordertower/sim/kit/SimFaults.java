package org.ordertower.sim.kit;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Faults a simulator injects around a call, so tests and load drivers see how a connector and core ride out a platform
 * that is down or flaky. Two switches, both off at first:
 * <ul>
 * <li>an <b>outage</b>: every call is answered {@code 503 Service Unavailable} (counter {@code faults.outage});</li>
 * <li>a <b>failure rate</b> for chosen targets: that share of the matching calls fails in the chosen {@link Kind}
 * (counter {@code faults.injected}). A target is a path prefix (starting with {@code /}) or an API method name, as TOP
 * and Qimen carry it in the {@code method} parameter; no targets means every call.</li>
 * </ul>
 * A call answered with an error status never reaches the handler: nothing it asked for takes effect, as when a
 * gateway in front of the platform fails. A {@link Kind#SLOW} or {@link Kind#TRUNCATED} call does reach it: the
 * platform did the work, and only its answer comes late or cut short, which is the case a client must not take as
 * a refusal (its retry meets what the first call did). The calls are still kept in {@link SimServer#calls()}. The
 * draw is seeded, so a run repeats. Thread-safe.
 */
public final class SimFaults {
    /** The answer to a call of an outage or an {@link Kind#UNAVAILABLE} fault. */
    public static final int STATUS = 503;

    /** How a faulted call fails. */
    public enum Kind {
        /** {@code 503} with {@code Retry-After: 1}; the handler is not called. */
        UNAVAILABLE,
        /** {@code 500}, as a gateway's own failure; the handler is not called. */
        SERVER_ERROR,
        /** {@code 429 Too Many Requests} with {@code Retry-After: 1}; the handler is not called. */
        RATE_LIMITED,
        /** The handler's answer, sent after {@link SimFaults#slowMillis()}. */
        SLOW,
        /** The handler's answer with the first half of its body only, as a dropped connection leaves it. */
        TRUNCATED;

        /** Whether a call failed this way reaches the handler, so that what it asked for takes effect. */
        public boolean reachesHandler() {
            return this == SLOW || this == TRUNCATED;
        }

        /** The kind named in any case ({@code truncated}, {@code rate_limited}, {@code rate-limited}). */
        public static Kind of(String name) {
            try {
                return valueOf(name.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a fault kind is one of " + java.util.Arrays.toString(values())
                        + ", was '" + name + "'");
            }
        }
    }

    /** What to do with one call: answer at once, or serve it and then spoil the answer, or neither (null). */
    record Verdict(SimResponse answer, Kind kind) {
    }

    private volatile boolean outage;
    private volatile double rate;
    private volatile Kind kind = Kind.UNAVAILABLE;
    private volatile long slowMillis = 3_000;
    private volatile List<String> targets = List.of();
    private final SplittableRandom random;

    SimFaults(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Takes the platform down (every call answered 503) or brings it back. */
    public void outage(boolean down) {
        this.outage = down;
    }

    public boolean outage() {
        return outage;
    }

    /**
     * Answers {@code rate} (0..1) of the calls to {@code targets} with a 503; {@code failRate(0)} stops it.
     *
     * @param targets path prefixes ({@code /...}) or API method names; none: every call
     */
    public void failRate(double rate, String... targets) {
        failRate(rate, Kind.UNAVAILABLE, targets);
    }

    /**
     * Fails {@code rate} (0..1) of the calls to {@code targets} in the way {@code kind} says; {@code failRate(0)}
     * stops it.
     *
     * @param targets path prefixes ({@code /...}) or API method names; none: every call
     */
    public void failRate(double rate, Kind kind, String... targets) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("a failure rate must be 0..1, was " + rate);
        }
        this.targets = List.copyOf(Set.of(targets));
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
        this.rate = rate;
    }

    public double failRate() {
        return rate;
    }

    public Kind kind() {
        return kind;
    }

    /** How long a {@link Kind#SLOW} answer is held back (0..60,000 ms; 3,000 at first). */
    public void slowMillis(long millis) {
        if (millis < 0 || millis > 60_000) {
            throw new IllegalArgumentException("a slow answer waits 0..60000 ms, was " + millis);
        }
        this.slowMillis = millis;
    }

    public long slowMillis() {
        return slowMillis;
    }

    /**
     * Sets the faults from a control call's parameters: {@code outage=true|false}, or {@code failRate=R} with
     * {@code kind} (see {@link Kind}; unavailable when absent), {@code slowMillis} and {@code targets} (a,b).
     *
     * @throws IllegalArgumentException naming the parameter that is missing or wrong
     */
    public void configure(java.util.function.Function<String, String> param) {
        String down = param.apply("outage");
        if (down != null) {
            if (!down.equals("true") && !down.equals("false")) {
                throw new IllegalArgumentException("outage must be true or false, was '" + down + "'");
            }
            outage(Boolean.parseBoolean(down));
        }
        String r = param.apply("failRate");
        String slow = param.apply("slowMillis");
        if (slow != null) {
            slowMillis((long) number("slowMillis", slow));
        }
        if (r != null) {
            String k = param.apply("kind");
            String t = param.apply("targets");
            failRate(number("failRate", r), k == null || k.isBlank() ? Kind.UNAVAILABLE : Kind.of(k),
                    t == null || t.isBlank() ? new String[0] : java.util.Arrays.stream(t.split(",")).map(String::strip)
                            .toArray(String[]::new));
        }
        if (down == null && r == null && slow == null) {
            throw new IllegalArgumentException("faults takes outage=true|false, or failRate=0..1 with kind="
                    + java.util.Arrays.toString(Kind.values()).toLowerCase(java.util.Locale.ROOT)
                    + ", slowMillis and targets=a,b");
        }
    }

    private static double number(String name, String value) {
        try {
            double d = Double.parseDouble(value);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(name + " must be a number, was '" + value + "'");
    }

    /** The fault for {@code request}, counted on {@code server}; null to serve it as it is. */
    Verdict check(SimRequest request, SimServer server) {
        if (request.path().startsWith(SimControl.PREFIX)) {
            return null; // the simulator's own control paths: a drill ends the outage it started
        }
        if (outage) {
            server.count("faults.outage", 1);
            return new Verdict(new SimResponse(STATUS, "text/plain", "service unavailable (simulated outage)",
                    java.util.Map.of("Retry-After", "1")), Kind.UNAVAILABLE);
        }
        double r = rate;
        if (r > 0 && matches(request) && draw() < r) {
            server.count("faults.injected", 1);
            Kind k = kind;
            return switch (k) {
                case UNAVAILABLE -> new Verdict(new SimResponse(STATUS, "text/plain",
                        "service unavailable (injected failure)", java.util.Map.of("Retry-After", "1")), k);
                case SERVER_ERROR -> new Verdict(new SimResponse(500, "text/plain", "internal server error (injected)"), k);
                case RATE_LIMITED -> new Verdict(new SimResponse(429, "text/plain", "too many requests (injected)",
                        java.util.Map.of("Retry-After", "1")), k);
                case SLOW, TRUNCATED -> new Verdict(null, k);
            };
        }
        return null;
    }

    /** Spoils a served answer as {@code verdict} says: held back, or cut in half. */
    SimResponse after(Verdict verdict, SimResponse served) {
        if (verdict.kind() == Kind.SLOW) {
            try {
                Thread.sleep(slowMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return served;
        }
        String body = served.body();
        return new SimResponse(served.status(), served.contentType(), body.substring(0, body.length() / 2),
                served.headers());
    }

    private boolean matches(SimRequest request) {
        List<String> t = targets;
        if (t.isEmpty()) {
            return true;
        }
        String method = request.param("method");
        for (String target : t) {
            if (target.startsWith("/") ? request.path().startsWith(target) : target.equals(method)) {
                return true;
            }
        }
        return false;
    }

    private synchronized double draw() {
        return random.nextDouble();
    }
}

package org.ordertower.sim.kit;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Faults a simulator injects before a call reaches its handler, so tests and load drivers see how a connector and
 * core ride out a platform that is down or flaky. Two switches, both off at first:
 * <ul>
 * <li>an <b>outage</b>: every call is answered {@code 503 Service Unavailable} (counter {@code faults.outage});</li>
 * <li>a <b>failure rate</b> for chosen targets: that share of the matching calls is answered
 * {@code 503} (counter {@code faults.injected}). A target is a path prefix (starting with {@code /}) or an API
 * method name, as TOP and Qimen carry it in the {@code method} parameter; no targets means every call.</li>
 * </ul>
 * A faulted call never reaches the handler: nothing it asked for takes effect, as when a gateway in front of the
 * platform fails. The calls are still kept in {@link SimServer#calls()}. The draw is seeded, so a run repeats.
 * Thread-safe.
 */
public final class SimFaults {
    /** The answer to a faulted call. */
    public static final int STATUS = 503;

    private volatile boolean outage;
    private volatile double rate;
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
     * Answers {@code rate} (0..1) of the calls to {@code targets} with a transient error; {@code failRate(0)} stops it.
     *
     * @param targets path prefixes ({@code /...}) or API method names; none: every call
     */
    public void failRate(double rate, String... targets) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("a failure rate must be 0..1, was " + rate);
        }
        this.targets = List.copyOf(Set.of(targets));
        this.rate = rate;
    }

    public double failRate() {
        return rate;
    }

    /** The fault to answer {@code request} with, counted on {@code server}; null to serve it. */
    SimResponse check(SimRequest request, SimServer server) {
        if (request.path().startsWith(SimControl.PREFIX)) {
            return null; // the simulator's own control paths: a drill ends the outage it started
        }
        if (outage) {
            server.count("faults.outage", 1);
            return new SimResponse(STATUS, "text/plain", "service unavailable (simulated outage)",
                    java.util.Map.of("Retry-After", "1"));
        }
        double r = rate;
        if (r > 0 && matches(request) && draw() < r) {
            server.count("faults.injected", 1);
            return new SimResponse(STATUS, "text/plain", "service unavailable (injected failure)");
        }
        return null;
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

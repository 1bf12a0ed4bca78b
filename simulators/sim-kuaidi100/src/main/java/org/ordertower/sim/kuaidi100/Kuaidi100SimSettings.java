package org.ordertower.sim.kuaidi100;

import java.util.Map;

/**
 * The simulator's settings ({@code SimulatorOptions.settings()}), with their defaults. A malformed value fails with
 * one sentence naming the setting.
 *
 * @param customer the customer id it accepts
 * @param key the key it accepts
 * @param salt the salt {@code shopConfiguration()} hands to a connector (pushes are signed with each
 *     subscription's own salt)
 * @param timeScale simulated seconds per real second
 * @param ratePerSecond calls a second it serves before refusing
 * @param seed the random seed of journeys and shuffles
 * @param stuckRatio share of new journeys that stop after a few transit steps and end in an abort
 * @param exceptionRatio share that hit a delivery problem (state 2) before being signed for
 * @param refusedRatio share the receiver refuses (14 → 6 → 4)
 * @param stuckAbortHours simulated hours of silence before a stuck parcel's abort ("60天无变化" by default)
 * @param noRecordAbortHours simulated hours before a number with no trace is aborted ("3天查询无记录")
 * @param duplicatePushes send every push twice
 * @param shufflePushes hold pushes briefly and send them out of order
 * @param pushAttempts how many times a push is tried at most
 * @param pushRetryMillis the first real pause before a push is retried (doubling)
 * @param callbackUrl when set ({@code callbackUrl}, or {@code pushUrl} as the command line names it), every push
 *     goes here instead of the subscription's callbackurl
 * @param tickMillis how often (real ms) journeys are advanced
 */
public record Kuaidi100SimSettings(String customer, String key, String salt, double timeScale, double ratePerSecond,
        long seed, double stuckRatio, double exceptionRatio, double refusedRatio, long stuckAbortHours,
        long noRecordAbortHours, boolean duplicatePushes, boolean shufflePushes, int pushAttempts, long pushRetryMillis,
        String callbackUrl, long tickMillis) {

    public Kuaidi100SimSettings {
        if (stuckRatio < 0 || exceptionRatio < 0 || refusedRatio < 0 || stuckRatio + exceptionRatio + refusedRatio > 1) {
            throw new IllegalArgumentException("stuckRatio, exceptionRatio and refusedRatio must be 0..1 and add up to at most 1");
        }
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("timeScale must be positive, was " + timeScale);
        }
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("ratePerSecond must be positive, was " + ratePerSecond);
        }
        if (stuckAbortHours < 1 || noRecordAbortHours < 1 || tickMillis < 1) {
            throw new IllegalArgumentException("stuckAbortHours, noRecordAbortHours and tickMillis must be at least 1");
        }
    }

    public static Kuaidi100SimSettings from(Map<String, String> s) {
        return new Kuaidi100SimSettings(s.getOrDefault("customer", "KD100SIMCUSTOMER"),
                s.getOrDefault("key", "kd100-sim-key"), s.getOrDefault("salt", "kd100-sim-salt"),
                number(s, "timeScale", "60"), number(s, "ratePerSecond", "20"), (long) number(s, "seed", "42"),
                number(s, "stuckRatio", "0"), number(s, "exceptionRatio", "0"), number(s, "refusedRatio", "0"),
                (long) number(s, "stuckAbortHours", "1440"), (long) number(s, "noRecordAbortHours", "72"),
                Boolean.parseBoolean(s.getOrDefault("duplicatePushes", "false")),
                Boolean.parseBoolean(s.getOrDefault("shufflePushes", "false")), (int) number(s, "pushAttempts", "6"),
                (long) number(s, "pushRetryMillis", "1000"), s.getOrDefault("callbackUrl", s.get("pushUrl")),
                (long) number(s, "tickMillis", "100"));
    }

    private static double number(Map<String, String> s, String name, String dflt) {
        String v = s.getOrDefault(name, dflt);
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + name + " must be a number, was '" + v + "'", e);
        }
    }
}

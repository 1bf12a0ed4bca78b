package org.ordertower.api.channel;

import java.time.Instant;
import java.util.List;

/**
 * Orders one path saw and the other did not, for one shop since a time.
 *
 * @param channel the channel
 * @param shop the shop
 * @param since the start of the period compared
 * @param pulledCoveredTo the end of the last window pulled: pushes after it are not expected in pulls yet
 * @param seen orders seen by either path in the period
 * @param onlyPulled platform order ids pulled but never pushed (a lost push), up to 1,000
 * @param onlyPushed platform order ids pushed, inside a pulled window, but never pulled (a window or paging
 *     miss), up to 1,000
 * @param awaitingPull pushed after {@code pulledCoveredTo}, not yet comparable
 * @param pushes true when the channel takes pushes or messages at all; false means every order is only pulled by design
 */
public record Reconciliation(String channel, String shop, Instant since, Instant pulledCoveredTo, int seen,
        List<String> onlyPulled, List<String> onlyPushed, int awaitingPull, boolean pushes) {
    public Reconciliation {
        onlyPulled = List.copyOf(onlyPulled);
        onlyPushed = List.copyOf(onlyPushed);
    }
}

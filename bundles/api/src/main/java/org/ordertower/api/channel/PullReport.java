package org.ordertower.api.channel;

import java.time.Instant;

/**
 * What one pull did.
 *
 * @param windows windows pulled to the end
 * @param pages pages stored
 * @param orders orders the pages held
 * @param stored orders created or updated
 * @param unchanged orders that were already stored at that version (overlap, repeated pages)
 * @param deadLettered payloads that could not be mapped, kept as dead letters
 * @param caughtUpTo the end of the last window pulled completely
 */
public record PullReport(int windows, int pages, int orders, int stored, int unchanged, int deadLettered,
        Instant caughtUpTo) {
}

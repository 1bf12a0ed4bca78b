package org.ordertower.rules.internal.history;

/** Sizing and slot choice shared by the open-addressing maps of {@link RecentFacts} ({@link KeyMap}, {@link OrderMap}). */
final class OpenAddressing {
    /** Positions in the rings are compared through their low 32 bits, which needs capacities under 2^30. */
    static final int MAX_CAPACITY = 1 << 30;

    private OpenAddressing() {
    }

    /** A table length for {@code n} entries at half load: room to grow by half before it needs more. */
    static int tableFor(long n) {
        return (int) Math.min(MAX_CAPACITY, Math.max(64, 2 * n));
    }

    /** A slot for a well-mixed 64-bit value in a table of any length. */
    static int index(long mixed, int length) {
        return (int) (((mixed >>> 32) * length) >>> 32);
    }
}

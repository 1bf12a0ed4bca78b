package org.ordertower.api.channel;

/** How reporting a return's outcome ended; both values count as done. */
public enum RefundResult {
    /** The platform took the decision. */
    DONE,
    /**
     * The platform had settled the refund already (agreed, refused or closed, by an earlier call whose answer was
     * lost, or by a person on the platform's console): done, not an error.
     */
    ALREADY_DONE
}

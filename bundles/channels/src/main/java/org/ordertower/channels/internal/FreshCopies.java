package org.ordertower.channels.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The orders of one shop that a narrow pull brought, each with the moment the pull asked for it: an event this node
 * stored before that moment is answered by the copy as well as by a fetch of its own, since the platform answered
 * after the change the event reports. Bounded (least recently put out) and short-lived; thread-safe.
 */
final class FreshCopies {
    private final int capacity;
    private final Duration keep;
    private final Map<String, Copy> copies;

    /** One order as a pull brought it, and when the pull's call was made. */
    record Copy(String payload, Instant askedAt) {
    }

    FreshCopies(int capacity, Duration keep) {
        this.capacity = capacity;
        this.keep = keep;
        this.copies = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Copy> eldest) {
                return size() > FreshCopies.this.capacity;
            }
        };
    }

    /** Keeps what a call made at {@code askedAt} answered for this order (a later answer replaces an earlier one). */
    void put(String platformOrderId, String payload, Instant askedAt) {
        synchronized (copies) {
            Copy had = copies.get(platformOrderId);
            if (had == null || !had.askedAt().isAfter(askedAt)) {
                copies.remove(platformOrderId); // re-put: the newest copies are the last to go
                copies.put(platformOrderId, new Copy(payload, askedAt));
            }
        }
    }

    /**
     * The copy of an order asked for at or after {@code storedAt} (when the event was stored), while it is younger than
     * the keep time at {@code now}; null when there is none.
     */
    String answering(String platformOrderId, Instant storedAt, Instant now) {
        synchronized (copies) {
            Copy c = copies.get(platformOrderId);
            if (c == null || storedAt == null || c.askedAt().isBefore(storedAt) || c.askedAt().plus(keep).isBefore(now)) {
                return null;
            }
            return c.payload();
        }
    }

    int size() {
        synchronized (copies) {
            return copies.size();
        }
    }
}

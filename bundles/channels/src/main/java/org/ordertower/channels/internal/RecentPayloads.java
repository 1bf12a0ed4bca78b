package org.ordertower.channels.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payloads of one shop's orders this node stored most recently, as digests, so that a pull reaching back over
 * its overlap does not map and store again an order whose payload is byte for byte the one already taken: such a
 * repeat could only be a duplicate, and before this each one cost a mapping and an inbox row. Bounded (least
 * recently used out); thread-safe. Any change at all in the payload goes through the full intake.
 */
final class RecentPayloads {
    private final Map<String, byte[]> digests;

    RecentPayloads(int capacity) {
        this.digests = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True when this order's newest stored payload is exactly this one. */
    boolean seen(String platformOrderId, String payload) {
        byte[] d = digest(payload);
        synchronized (digests) {
            return Arrays.equals(digests.get(platformOrderId), d);
        }
    }

    /** Remembers the payload an order was stored with. */
    void stored(String platformOrderId, String payload) {
        byte[] d = digest(payload);
        synchronized (digests) {
            digests.put(platformOrderId, d);
        }
    }

    int size() {
        synchronized (digests) {
            return digests.size();
        }
    }

    private static byte[] digest(String payload) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

package org.ordertower.inventory.internal.catalog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.ordertower.api.inventory.SkuMapping;

/**
 * The mappings a channel SKU code found (by channel SKU or outer code), per channel and shop, kept
 * for a few seconds so that mapping orders at a peak costs no query. Only hits are kept: a mapping
 * saved anywhere is used by the next order that needs it; a mapping changed on another node is
 * seen within the TTL (on this node at once: every catalog write clears the cache).
 */
final class MappingCache {
    private record Key(String channel, String shop, String code) {
    }

    private record Hit(List<SkuMapping> mappings, long loadedAt) {
    }

    private final Map<Key, Hit> hits = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long ttlMillis;

    MappingCache(Clock clock, long ttlMillis) {
        this.clock = clock;
        this.ttlMillis = ttlMillis;
    }

    /** The fresh cached mappings of these codes; codes not cached (or stale) are absent. */
    Map<String, List<SkuMapping>> get(String channel, String shop, Collection<String> codes) {
        long now = clock.millis();
        Map<String, List<SkuMapping>> out = new HashMap<>();
        for (String code : codes) {
            Hit h = hits.get(new Key(channel, shop, code));
            if (h != null && now - h.loadedAt < ttlMillis) {
                out.put(code, h.mappings);
            }
        }
        return out;
    }

    /** Remembers what a query for these codes found. */
    void put(String channel, String shop, Collection<String> codes, List<SkuMapping> found) {
        long now = clock.millis();
        Map<String, List<SkuMapping>> byCode = new HashMap<>();
        for (SkuMapping m : found) {
            byCode.computeIfAbsent(m.channelSku(), k -> new ArrayList<>()).add(m);
            if (m.outerCode() != null && !m.outerCode().equals(m.channelSku())) {
                byCode.computeIfAbsent(m.outerCode(), k -> new ArrayList<>()).add(m);
            }
        }
        for (String code : codes) {
            List<SkuMapping> ms = byCode.get(code);
            if (ms != null) {
                hits.put(new Key(channel, shop, code), new Hit(List.copyOf(ms), now));
            }
        }
    }

    void clear() {
        hits.clear();
    }
}

package org.ordertower.inventory.internal.catalog;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ordertower.api.inventory.GiftRule;
import org.ordertower.inventory.internal.catalog.GiftChecker.RuleRow;
import org.ordertower.jdbc.Tx;

/**
 * The gift rules, all of them, read in one query and kept for a few seconds, so that checking the gifts of every
 * order at a peak costs no query (before, each order read the rules once). Merchants keep tens or hundreds of gift
 * rules; a table of more than {@link #MAX_RULES} is not kept, and each order reads what it needs as before. A rule
 * saved on this node is seen at once (every catalog write clears the cache), one saved on another node within the
 * time to live.
 */
final class GiftRuleCache {
    /** Most rules kept in memory. */
    static final int MAX_RULES = 10_000;

    private record Loaded(List<RuleRow> rules, long loadedAt) {
    }

    private final Clock clock;
    private final long ttlMillis;
    private volatile Loaded loaded;
    /** Counts the clears: a load that a clear overtook (a rule saved while it read) is used once, not kept. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    GiftRuleCache(Clock clock, long ttlMillis) {
        this.clock = clock;
        this.ttlMillis = ttlMillis;
    }

    /** The rules kept, or null when they are stale or too many to keep (then read them with {@link #load}). */
    List<RuleRow> fresh() {
        Loaded l = loaded;
        return l != null && clock.millis() - l.loadedAt < ttlMillis ? l.rules : null;
    }

    /** Reads every rule with its gift's name (rules whose gift is no SKU left out, as the joined query does). */
    List<RuleRow> load(Tx tx) throws SQLException {
        long at = clock.millis();
        long gen = generation.get();
        PreparedStatement ps = tx.prepare("SELECT r.id, r.gift_sku, r.quantity, r.main_sku, r.min_amount, r.channel, "
                + "r.valid_from, r.valid_to, r.auto_add, s.name FROM gift_rule r JOIN sku s ON s.code = r.gift_sku "
                + "ORDER BY r.id FETCH FIRST " + (MAX_RULES + 1) + " ROWS ONLY");
        List<RuleRow> rows = new ArrayList<>();
        try (var rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new RuleRow(CatalogStore.rule(rs), rs.getString(10)));
            }
        }
        if (rows.size() > MAX_RULES) {
            loaded = null;
            return null;
        }
        List<RuleRow> kept = List.copyOf(rows);
        synchronized (this) {
            if (generation.get() == gen) {
                loaded = new Loaded(kept, at);
            }
        }
        return kept;
    }

    synchronized void clear() {
        generation.incrementAndGet();
        loaded = null;
    }

    /**
     * The rules an order's gift check needs, by id, as {@link CatalogStore#rulesFor} selects them: those for the gifts
     * on its lines, and those that add a gift on their own on this channel at this time.
     */
    static Map<String, RuleRow> select(List<RuleRow> all, Collection<String> giftSkus, String channel, Instant at) {
        Map<String, RuleRow> out = new TreeMap<>();
        for (RuleRow row : all) {
            GiftRule r = row.rule();
            boolean forGift = giftSkus.contains(r.giftSku());
            boolean adds = r.autoAdd() && (r.channel() == null || r.channel().equals(channel))
                    && (r.validFrom() == null || !r.validFrom().isAfter(at)) && (r.validTo() == null || r.validTo().isAfter(at));
            if (forGift || adds) {
                out.put(r.id(), row);
            }
        }
        return out;
    }
}

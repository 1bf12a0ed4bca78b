package org.ordertower.inventory.internal.stock;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.ordertower.api.inventory.KitPart;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;
import org.ordertower.inventory.internal.store.InList;

/**
 * What the stock side needs to know of the catalog: whether a SKU exists and what a kit is made
 * of. Cached for a few seconds, so validating a reservation costs no query at a peak; a SKU
 * created on another node is found on the first miss, a kit redefined there is seen within the TTL.
 */
public final class SkuDirectory {
    /** A known SKU; parts empty for a plain one. */
    public record Entry(String code, List<KitPart> parts, long loadedAt) {
        boolean isKit() {
            return !parts.isEmpty();
        }
    }

    private final Database db;
    private final Clock clock;
    private final long ttlMillis;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public SkuDirectory(Database db, Clock clock, long ttlMillis) {
        this.db = db;
        this.clock = clock;
        this.ttlMillis = ttlMillis;
    }

    /** The entries of these codes that exist; missing codes are absent from the map. */
    public Map<String, Entry> lookup(Collection<String> codes) {
        long now = clock.millis();
        Map<String, Entry> out = new HashMap<>();
        List<String> load = new ArrayList<>();
        for (String c : codes) {
            Entry e = cache.get(c);
            if (e != null && now - e.loadedAt < ttlMillis) {
                out.put(c, e);
            } else {
                load.add(c);
            }
        }
        if (!load.isEmpty()) {
            try (Tx tx = db.begin()) {
                for (Entry e : load(tx, load, now)) {
                    cache.put(e.code, e);
                    out.put(e.code, e);
                }
            } catch (SQLException e) {
                throw new org.ordertower.api.StoreUnavailableException("cannot read the catalog: " + e.getMessage(), e);
            }
        }
        return out;
    }

    public void invalidateAll() {
        cache.clear();
    }

    private static List<Entry> load(Tx tx, List<String> codes, long now) throws SQLException {
        Map<String, List<KitPart>> found = new HashMap<>();
        for (List<String> chunk : InList.chunks(codes)) {
            PreparedStatement ps = tx.prepare("SELECT code FROM sku WHERE code IN (" + InList.marks(chunk.size()) + ")");
            InList.bind(ps, 1, chunk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), new ArrayList<>());
                }
            }
            PreparedStatement parts = tx.prepare("SELECT kit_sku, part_sku, quantity FROM kit_part WHERE kit_sku IN ("
                    + InList.marks(chunk.size()) + ") ORDER BY kit_sku, part_sku");
            InList.bind(parts, 1, chunk);
            try (ResultSet rs = parts.executeQuery()) {
                while (rs.next()) {
                    List<KitPart> list = found.get(rs.getString(1));
                    if (list != null) {
                        list.add(new KitPart(rs.getString(2), rs.getInt(3)));
                    }
                }
            }
        }
        List<Entry> out = new ArrayList<>();
        found.forEach((code, parts) -> out.add(new Entry(code, List.copyOf(parts), now)));
        return out;
    }
}

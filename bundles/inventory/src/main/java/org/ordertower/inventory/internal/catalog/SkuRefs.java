package org.ordertower.inventory.internal.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ordertower.api.inventory.KitPart;
import org.ordertower.api.inventory.Sku;
import org.ordertower.jdbc.Tx;

/** The SKUs a catalog write refers to, as validation sees them: read from the tables, overlaid by an import. */
final class SkuRefs {
    private final Map<String, List<KitPart>> parts;
    private final Map<String, Set<String>> kitsWith = new HashMap<>();
    private final Map<String, Set<String>> rulesGiving = new HashMap<>();

    private SkuRefs(Map<String, List<KitPart>> parts) {
        this.parts = parts;
    }

    /** Reads these SKUs, the kits they are parts of and the gift rules giving them; locks their rows if asked. */
    static SkuRefs load(Tx tx, Collection<String> codes, boolean lock) throws SQLException {
        SkuRefs refs = new SkuRefs(CatalogStore.skuParts(tx, codes, lock));
        for (List<String> chunk : CatalogStore.chunks(codes)) {
            PreparedStatement ps = tx.prepare("SELECT part_sku, kit_sku FROM kit_part WHERE part_sku IN ("
                    + CatalogStore.marks(chunk.size()) + ")");
            CatalogStore.bind(ps, chunk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    refs.kitsWith.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                }
            }
            ps = tx.prepare("SELECT gift_sku, id FROM gift_rule WHERE gift_sku IN ("
                    + CatalogStore.marks(chunk.size()) + ")");
            CatalogStore.bind(ps, chunk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    refs.rulesGiving.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                }
            }
        }
        return refs;
    }

    /** Takes a SKU of an import file as it will be once the file is applied. */
    void define(Sku s) {
        List<KitPart> old = parts.put(s.code(), s.parts());
        if (old != null) {
            old.forEach(p -> kitsWith.getOrDefault(p.sku(), new HashSet<>()).remove(s.code()));
        }
        s.parts().forEach(p -> kitsWith.computeIfAbsent(p.sku(), k -> new HashSet<>()).add(s.code()));
    }

    boolean exists(String code) {
        return parts.containsKey(code);
    }

    boolean isKit(String code) {
        return !parts.getOrDefault(code, List.of()).isEmpty();
    }

    Set<String> kitsWith(String part) {
        return kitsWith.getOrDefault(part, Set.of());
    }

    Set<String> rulesGiving(String sku) {
        return rulesGiving.getOrDefault(sku, Set.of());
    }
}

package org.ordertower.inventory.internal.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.ordertower.api.inventory.GiftRule;
import org.ordertower.api.inventory.KitPart;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.inventory.SkuMapping;
import org.ordertower.jdbc.Tx;
import org.ordertower.inventory.internal.catalog.GiftChecker.RuleRow;

/** The SQL of the catalog tables (SKUs, kit parts, mappings, gift rules), for the service and the CSV files. */
final class CatalogStore {
    private static final int IN_CHUNK = 500;
    private static final String SKU_COLUMNS = "code, name, barcode, base_price, weight_g, attributes, cold_chain, "
            + "low_stock_threshold, presale_threshold, presale_quota";
    private static final String MAPPING_COLUMNS = "channel, shop, channel_sku, item_id, outer_code, master_sku, factor";
    private static final String RULE_COLUMNS = "id, gift_sku, quantity, main_sku, min_amount, channel, valid_from, "
            + "valid_to, auto_add";

    private CatalogStore() {
    }

    /** The SKU with this code, if it exists. */
    static Optional<Sku> sku(Tx tx, String code) throws SQLException {
        List<Sku> found = readSkus(tx, "SELECT " + SKU_COLUMNS + " FROM sku WHERE code = ?", List.of(code));
        return found.stream().findFirst();
    }

    /** The SKUs of the page after {@code afterCode} (null for the first), by code. */
    static List<Sku> page(Tx tx, String afterCode, int limit) throws SQLException {
        String sql = "SELECT " + SKU_COLUMNS + " FROM sku" + (afterCode == null ? "" : " WHERE code > ?")
                + " ORDER BY code FETCH FIRST ? ROWS ONLY";
        List<Object> args = new ArrayList<>();
        if (afterCode != null) {
            args.add(afterCode);
        }
        args.add(limit);
        return readSkus(tx, sql, args);
    }

    /** The mappings of one master SKU, by channel, shop and channel SKU. */
    static List<SkuMapping> mappingsOf(Tx tx, String masterSku) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + MAPPING_COLUMNS
                + " FROM sku_mapping WHERE master_sku = ? ORDER BY channel, shop, channel_sku");
        ps.setString(1, masterSku);
        return readMappings(ps);
    }

    /** The mappings of this shop whose channel SKU or outer code is one of these codes. */
    static List<SkuMapping> mappings(Tx tx, String channel, String shop, Collection<String> codes)
            throws SQLException {
        List<SkuMapping> out = new ArrayList<>();
        for (List<String> chunk : chunks(codes)) {
            String in = marks(chunk.size());
            // a UNION, not an OR: each half uses its index (an OR made H2 read all the shop's mappings)
            PreparedStatement ps = tx.prepare("SELECT " + MAPPING_COLUMNS + " FROM sku_mapping WHERE channel = ? "
                    + "AND shop = ? AND channel_sku IN (" + in + ") UNION SELECT " + MAPPING_COLUMNS
                    + " FROM sku_mapping WHERE channel = ? AND shop = ? AND outer_code IN (" + in + ")");
            int p = 1;
            for (int half = 0; half < 2; half++) {
                ps.setString(p++, channel);
                ps.setString(p++, shop);
                for (String code : chunk) {
                    ps.setString(p++, code);
                }
            }
            out.addAll(readMappings(ps));
        }
        return out;
    }

    /** Every gift rule, by id. */
    static List<GiftRule> giftRules(Tx tx) throws SQLException {
        List<GiftRule> out = new ArrayList<>();
        try (ResultSet rs = tx.prepare("SELECT " + RULE_COLUMNS + " FROM gift_rule ORDER BY id").executeQuery()) {
            while (rs.next()) {
                out.add(rule(rs));
            }
        }
        return out;
    }

    /** The rules giving one of these SKUs, and the auto-add rules that may apply here and now; by id. */
    static Map<String, RuleRow> rulesFor(Tx tx, Collection<String> giftSkus, String channel, Instant at)
            throws SQLException {
        String select = "SELECT r.id, r.gift_sku, r.quantity, r.main_sku, r.min_amount, r.channel, r.valid_from, "
                + "r.valid_to, r.auto_add, s.name FROM gift_rule r JOIN sku s ON s.code = r.gift_sku WHERE ";
        Map<String, RuleRow> out = new TreeMap<>();
        for (List<String> chunk : chunks(giftSkus)) {
            PreparedStatement ps = tx.prepare(select + "r.gift_sku IN (" + marks(chunk.size()) + ")");
            bind(ps, chunk);
            readRules(ps, out);
        }
        PreparedStatement ps = tx.prepare(select + "r.auto_add = TRUE AND (r.channel IS NULL OR r.channel = ?) "
                + "AND (r.valid_from IS NULL OR r.valid_from <= ?) AND (r.valid_to IS NULL OR r.valid_to > ?)");
        ps.setString(1, channel);
        timestamp(ps, 2, at);
        timestamp(ps, 3, at);
        readRules(ps, out);
        return out;
    }

    private static void readRules(PreparedStatement ps, Map<String, RuleRow> out) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                GiftRule r = rule(rs);
                out.put(r.id(), new RuleRow(r, rs.getString(10)));
            }
        }
    }

    private static List<Sku> readSkus(Tx tx, String sql, List<Object> args) throws SQLException {
        PreparedStatement ps = tx.prepare(sql);
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
        List<Sku> plain = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                plain.add(new Sku(rs.getString(1), rs.getString(2), rs.getString(3),
                        CatalogFormats.money(rs.getBigDecimal(4)), rs.getInt(5),
                        CatalogFormats.parseAttributes(rs.getString(6)), rs.getBoolean(7), List.of(), rs.getInt(8),
                        rs.getInt(9), rs.getInt(10)));
            }
        }
        Map<String, List<KitPart>> parts = kitParts(tx, plain.stream().map(Sku::code).collect(Collectors.toList()));
        List<Sku> out = new ArrayList<>();
        for (Sku s : plain) {
            out.add(new Sku(s.code(), s.name(), s.barcode(), s.basePrice(), s.weightGrams(), s.attributes(),
                    s.coldChain(), parts.getOrDefault(s.code(), List.of()), s.lowStockThreshold(),
                    s.presaleThreshold(), s.presaleQuota()));
        }
        return out;
    }

    /** The existing SKUs among these codes with their kit parts (empty for plain SKUs); locks their rows if asked. */
    static Map<String, List<KitPart>> skuParts(Tx tx, Collection<String> codes, boolean lock) throws SQLException {
        Map<String, List<KitPart>> out = new HashMap<>();
        for (List<String> chunk : chunks(codes)) {
            PreparedStatement ps = tx.prepare("SELECT code FROM sku WHERE code IN (" + marks(chunk.size()) + ")"
                    + (lock ? " FOR UPDATE" : ""));
            bind(ps, chunk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), List.of());
                }
            }
        }
        out.putAll(kitParts(tx, out.keySet()));
        return out;
    }

    /** The parts of the kits among these codes, by part SKU. */
    private static Map<String, List<KitPart>> kitParts(Tx tx, Collection<String> codes) throws SQLException {
        Map<String, List<KitPart>> out = new HashMap<>();
        for (List<String> chunk : chunks(codes)) {
            PreparedStatement ps = tx.prepare("SELECT kit_sku, part_sku, quantity FROM kit_part WHERE kit_sku IN ("
                    + marks(chunk.size()) + ") ORDER BY kit_sku, part_sku");
            bind(ps, chunk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new KitPart(rs.getString(2), rs.getInt(3)));
                }
            }
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return out;
    }

    static List<SkuMapping> readMappings(PreparedStatement ps) throws SQLException {
        List<SkuMapping> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new SkuMapping(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7)));
            }
        }
        return out;
    }

    static GiftRule rule(ResultSet rs) throws SQLException {
        return new GiftRule(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                CatalogFormats.money(rs.getBigDecimal(5)), rs.getString(6), instant(rs, 7), instant(rs, 8),
                rs.getBoolean(9));
    }

    static String mappingSelect() {
        return "SELECT " + MAPPING_COLUMNS + " FROM sku_mapping ORDER BY channel, shop, channel_sku";
    }

    static String ruleSelect() {
        return "SELECT " + RULE_COLUMNS + " FROM gift_rule ORDER BY id";
    }

    /** Writes the SKUs and replaces their kit parts; returns how many were new. */
    static int writeSkus(Tx tx, List<Sku> skus, Instant now) throws SQLException {
        String set = "name = ?, barcode = ?, base_price = ?, weight_g = ?, attributes = ?, cold_chain = ?, "
                + "low_stock_threshold = ?, presale_threshold = ?, presale_quota = ?, updated_at = ?";
        int inserted = upsert(tx, "UPDATE sku SET " + set + " WHERE code = ?",
                "INSERT INTO sku (name, barcode, base_price, weight_g, attributes, cold_chain, low_stock_threshold, "
                        + "presale_threshold, presale_quota, updated_at, code) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (ps, s) -> {
                    ps.setString(1, s.name());
                    ps.setString(2, s.barcode());
                    ps.setBigDecimal(3, s.basePrice());
                    ps.setInt(4, s.weightGrams());
                    ps.setString(5, CatalogFormats.formatAttributes(s.attributes()));
                    ps.setBoolean(6, s.coldChain());
                    ps.setInt(7, s.lowStockThreshold());
                    ps.setInt(8, s.presaleThreshold());
                    ps.setInt(9, s.presaleQuota());
                    timestamp(ps, 10, now);
                    ps.setString(11, s.code());
                }, skus);
        // Every SKU row is written before any kit part row, so a part defined after its kit in the same
        // import satisfies the foreign key.
        batch(tx, "DELETE FROM kit_part WHERE kit_sku = ?", (ps, s) -> ps.setString(1, s.code()), skus);
        List<PartRow> parts = new ArrayList<>();
        for (Sku s : skus) {
            s.parts().forEach(p -> parts.add(new PartRow(s.code(), p)));
        }
        batch(tx, "INSERT INTO kit_part (kit_sku, part_sku, quantity) VALUES (?, ?, ?)", (ps, p) -> {
            ps.setString(1, p.kit());
            ps.setString(2, p.part().sku());
            ps.setInt(3, p.part().quantity());
        }, parts);
        return inserted;
    }

    private record PartRow(String kit, KitPart part) {
    }

    static int writeMappings(Tx tx, List<SkuMapping> mappings) throws SQLException {
        return upsert(tx, "UPDATE sku_mapping SET item_id = ?, outer_code = ?, master_sku = ?, factor = ? "
                + "WHERE channel = ? AND shop = ? AND channel_sku = ?",
                "INSERT INTO sku_mapping (item_id, outer_code, master_sku, factor, channel, shop, channel_sku) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (ps, m) -> {
                    ps.setString(1, m.itemId());
                    ps.setString(2, m.outerCode());
                    ps.setString(3, m.masterSku());
                    ps.setInt(4, m.factor());
                    ps.setString(5, m.channel());
                    ps.setString(6, m.shop());
                    ps.setString(7, m.channelSku());
                }, mappings);
    }

    static int writeGiftRules(Tx tx, List<GiftRule> rules) throws SQLException {
        return upsert(tx, "UPDATE gift_rule SET gift_sku = ?, quantity = ?, main_sku = ?, min_amount = ?, channel = ?, "
                + "valid_from = ?, valid_to = ?, auto_add = ? WHERE id = ?",
                "INSERT INTO gift_rule (gift_sku, quantity, main_sku, min_amount, channel, valid_from, valid_to, "
                        + "auto_add, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (ps, r) -> {
                    ps.setString(1, r.giftSku());
                    ps.setInt(2, r.quantity());
                    ps.setString(3, r.mainSku());
                    ps.setBigDecimal(4, r.minAmount());
                    ps.setString(5, r.channel());
                    timestamp(ps, 6, r.validFrom());
                    timestamp(ps, 7, r.validTo());
                    ps.setBoolean(8, r.autoAdd());
                    ps.setString(9, r.id());
                }, rules);
    }

    interface Binder<T> {
        void bind(PreparedStatement ps, T value) throws SQLException;
    }

    /**
     * UPDATEs every value, then INSERTs those the UPDATE found no row for (plain SQL both databases run);
     * returns how many were inserted. Both statements take the same parameters in the same order.
     */
    private static <T> int upsert(Tx tx, String update, String insert, Binder<T> binder, List<T> values)
            throws SQLException {
        int inserted = 0;
        for (List<T> chunk : chunks(values)) {
            PreparedStatement up = tx.prepare(update);
            for (T v : chunk) {
                binder.bind(up, v);
                up.addBatch();
            }
            int[] counts = up.executeBatch();
            List<T> missing = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == Statement.SUCCESS_NO_INFO) {
                    throw new SQLException(
                            "the JDBC driver gave no update counts, so inserts cannot be told from updates");
                }
                if (counts[i] == 0) {
                    missing.add(chunk.get(i));
                }
            }
            batch(tx, insert, binder, missing);
            inserted += missing.size();
        }
        return inserted;
    }

    private static <T> void batch(Tx tx, String sql, Binder<T> binder, List<T> values) throws SQLException {
        for (List<T> chunk : chunks(values)) {
            PreparedStatement ps = tx.prepare(sql);
            for (T v : chunk) {
                binder.bind(ps, v);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static <T> List<List<T>> chunks(Collection<T> values) {
        List<List<T>> out = new ArrayList<>();
        List<T> cur = new ArrayList<>();
        for (T v : values) {
            if (v == null) {
                continue;
            }
            cur.add(v);
            if (cur.size() == IN_CHUNK) {
                out.add(cur);
                cur = new ArrayList<>();
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    static void bind(PreparedStatement ps, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setString(i + 1, values.get(i));
        }
    }

    private static void timestamp(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, t.atOffset(ZoneOffset.UTC));
        }
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}

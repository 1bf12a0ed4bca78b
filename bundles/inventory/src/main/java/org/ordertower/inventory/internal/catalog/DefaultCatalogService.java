package org.ordertower.inventory.internal.catalog;

import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.ordertower.api.OrderLine;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.CatalogTable;
import org.ordertower.api.inventory.GiftDecision;
import org.ordertower.api.inventory.GiftRule;
import org.ordertower.api.inventory.ImportReport;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.api.inventory.KitPart;
import org.ordertower.api.inventory.MappedLines;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.inventory.SkuMapping;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;
import org.ordertower.inventory.internal.stock.SkuDirectory;

/**
 * The catalog on the inventory's tables. Thread-safe and stateless: every call is its own
 * transaction. A save locks the SKU rows it checks, so two saves cannot together break the kit
 * rules (a kit's parts are plain SKUs; a gift is never a kit).
 */
public final class DefaultCatalogService implements CatalogService {
    static final int MAX_PAGE = 1000;
    private static final int IN_CHUNK = 500;
    private static final long CACHE_MILLIS = 5_000;
    private static final String SKU_COLUMNS = "code, name, barcode, base_price, weight_g, attributes, cold_chain, "
            + "low_stock_threshold, presale_threshold, presale_quota";
    private static final String MAPPING_COLUMNS = "channel, shop, channel_sku, item_id, outer_code, master_sku, factor";
    private static final String RULE_COLUMNS = "id, gift_sku, quantity, main_sku, min_amount, channel, valid_from, "
            + "valid_to, auto_add";

    private final Database db;
    private final Clock clock;
    private final CatalogCsv csv;
    /** What {@link #map} needs, cached for a few seconds; cleared by every write through this service. */
    private final MappingCache mappingCache;
    private final SkuDirectory skus;

    public DefaultCatalogService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.csv = new CatalogCsv(db, clock);
        this.mappingCache = new MappingCache(clock, CACHE_MILLIS);
        this.skus = new SkuDirectory(db, clock, CACHE_MILLIS);
    }

    @Override
    public Optional<Sku> sku(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return read(tx -> {
            List<Sku> found = readSkus(tx, "SELECT " + SKU_COLUMNS + " FROM sku WHERE code = ?", List.of(code));
            return found.stream().findFirst();
        });
    }

    @Override
    public List<Sku> skus(String afterCode, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InventoryException("limit " + limit + " must be between 1 and " + MAX_PAGE);
        }
        return read(tx -> page(tx, afterCode, limit));
    }

    @Override
    public void saveSku(Sku sku) {
        Sku s = normalise(Objects.requireNonNull(sku, "sku"));
        write(tx -> {
            List<String> problems = skuProblems(s, Refs.load(tx, skuRefs(s), true));
            if (!problems.isEmpty()) {
                throw new InventoryException("cannot save SKU '" + s.code() + "': " + String.join("; ", problems));
            }
            writeSkus(tx, List.of(s), clock.instant());
        });
    }

    @Override
    public void saveMapping(SkuMapping mapping) {
        SkuMapping m = normalise(Objects.requireNonNull(mapping, "mapping"));
        write(tx -> {
            List<String> problems = mappingProblems(m, Refs.load(tx, mappingRefs(m), true));
            if (!problems.isEmpty()) {
                throw new InventoryException("cannot save mapping " + m.channel() + "/" + m.shop() + "/"
                        + m.channelSku() + ": " + String.join("; ", problems));
            }
            writeMappings(tx, List.of(m));
        });
    }

    @Override
    public List<SkuMapping> mappingsOf(String masterSku) {
        if (masterSku == null) {
            return List.of();
        }
        return read(tx -> {
            PreparedStatement ps = tx.prepare("SELECT " + MAPPING_COLUMNS
                    + " FROM sku_mapping WHERE master_sku = ? ORDER BY channel, shop, channel_sku");
            ps.setString(1, masterSku);
            return readMappings(ps);
        });
    }

    @Override
    public void saveGiftRule(GiftRule rule) {
        GiftRule r = normalise(Objects.requireNonNull(rule, "rule"));
        write(tx -> {
            List<String> problems = ruleProblems(r, Refs.load(tx, ruleRefs(r), true));
            if (!problems.isEmpty()) {
                throw new InventoryException("cannot save gift rule '" + r.id() + "': " + String.join("; ", problems));
            }
            writeGiftRules(tx, List.of(r));
        });
    }

    @Override
    public List<GiftRule> giftRules() {
        return read(tx -> {
            List<GiftRule> out = new ArrayList<>();
            try (ResultSet rs = tx.prepare("SELECT " + RULE_COLUMNS + " FROM gift_rule ORDER BY id").executeQuery()) {
                while (rs.next()) {
                    out.add(rule(rs));
                }
            }
            return out;
        });
    }

    @Override
    public MappedLines map(String channel, String shop, List<OrderLine> lines) {
        requireText(channel, "channel");
        requireText(shop, "shop");
        List<OrderLine> input = withoutExpandedParts(Objects.requireNonNull(lines, "lines"));
        Set<String> channelSkus = new LinkedHashSet<>();
        Set<String> manual = new LinkedHashSet<>();
        for (OrderLine l : input) {
            if (l.masterSku() != null) {
                manual.add(l.masterSku());
            } else if (l.channelSku() != null) {
                channelSkus.add(l.channelSku());
            } else {
                throw new InventoryException(
                        "order line " + l.lineNo() + " has neither a channel SKU nor a master SKU");
            }
        }
        Map<String, List<SkuMapping>> cached = mappingCache.get(channel, shop, channelSkus);
        List<String> missing = channelSkus.stream().filter(c -> !cached.containsKey(c)).toList();
        List<SkuMapping> found = new ArrayList<>();
        cached.values().forEach(found::addAll);
        if (!missing.isEmpty()) {
            List<SkuMapping> loaded = read(tx -> mappings(tx, channel, shop, missing));
            mappingCache.put(channel, shop, missing, loaded);
            found.addAll(loaded);
        }
        LineMapper mapper = new LineMapper(found);
        Set<String> masters = new HashSet<>(manual);
        masters.addAll(mapper.masters());
        Map<String, List<KitPart>> parts = new HashMap<>();
        skus.lookup(masters).forEach((code, e) -> parts.put(code, e.parts()));
        return mapper.map(input, parts);
    }

    @Override
    public GiftDecision gifts(String channel, List<OrderLine> mappedLines, BigDecimal goodsPaid, Instant at) {
        Objects.requireNonNull(mappedLines, "mappedLines");
        if (goodsPaid == null) {
            throw new InventoryException("goodsPaid is required to check gift rules");
        }
        Instant when = at == null ? clock.instant() : at;
        Set<String> giftSkus = new LinkedHashSet<>();
        for (OrderLine l : mappedLines) {
            if (l.gift() && l.masterSku() != null && l.parentLineNo() == null) {
                giftSkus.add(l.masterSku());
            }
        }
        Map<String, RuleRow> rules = read(tx -> rulesFor(tx, giftSkus, channel, when));
        return new GiftChecker(channel, mappedLines, goodsPaid, when).decide(rules.values());
    }

    @Override
    public ImportReport importCsv(CatalogTable table, Reader in, boolean dryRun) {
        try {
            return csv.importCsv(Objects.requireNonNull(table, "table"), Objects.requireNonNull(in, "in"), dryRun);
        } finally {
            forget();
        }
    }

    /** Drops what {@link #map} cached: the catalog may have changed. */
    private void forget() {
        mappingCache.clear();
        skus.invalidateAll();
    }

    @Override
    public void exportCsv(CatalogTable table, Writer out) {
        csv.exportCsv(Objects.requireNonNull(table, "table"), Objects.requireNonNull(out, "out"));
    }

    // ---- transactions

    interface TxAction {
        void run(Tx tx) throws SQLException;
    }

    private <T> T read(Database.Work<T> work) {
        try (Tx tx = db.begin()) {
            return work.run(tx);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the catalog: " + e.getMessage(), e);
        }
    }

    /** Runs a save and commits it durably; retried once when it lost a race with a concurrent save. */
    private void write(TxAction action) {
        for (int attempt = 1;; attempt++) {
            try (Tx tx = db.begin()) {
                action.run(tx);
                tx.commitDurably();
                forget();
                return;
            } catch (SQLException e) {
                if (attempt == 1 && lostRace(e)) {
                    continue;
                }
                throw new StoreUnavailableException("cannot save to the catalog: " + e.getMessage(), e);
            }
        }
    }

    /** A unique key inserted concurrently (UPDATE found no row, then INSERT collided), a deadlock, or serialization. */
    private static boolean lostRace(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if (state != null && (state.equals("23505") || state.startsWith("40"))) {
                return true;
            }
        }
        return false;
    }

    // ---- validation, shared with the CSV import

    static Sku normalise(Sku s) {
        return new Sku(s.code(), s.name(), blankToNull(s.barcode()), s.basePrice(), s.weightGrams(), s.attributes(),
                s.coldChain(), s.parts(), s.lowStockThreshold(), s.presaleThreshold(), s.presaleQuota());
    }

    static SkuMapping normalise(SkuMapping m) {
        return new SkuMapping(m.channel(), m.shop(), m.channelSku(), blankToNull(m.itemId()),
                blankToNull(m.outerCode()), m.masterSku(), m.factor());
    }

    static GiftRule normalise(GiftRule r) {
        return new GiftRule(r.id(), r.giftSku(), r.quantity(), blankToNull(r.mainSku()), r.minAmount(),
                blankToNull(r.channel()), r.validFrom(), r.validTo(), r.autoAdd());
    }

    static Set<String> skuRefs(Sku s) {
        Set<String> codes = new HashSet<>();
        codes.add(s.code());
        s.parts().forEach(p -> codes.add(p.sku()));
        return codes;
    }

    static Set<String> mappingRefs(SkuMapping m) {
        Set<String> codes = new HashSet<>();
        codes.add(m.masterSku());
        return codes;
    }

    static Set<String> ruleRefs(GiftRule r) {
        Set<String> codes = new HashSet<>();
        codes.add(r.giftSku());
        codes.add(r.mainSku());
        return codes;
    }

    static List<String> skuProblems(Sku s, Refs refs) {
        List<String> p = new ArrayList<>();
        String code = s.code();
        if (code == null || code.isEmpty() || code.length() > 64 || hasWhitespace(code)) {
            p.add("code '" + code + "' must be 1-64 characters without whitespace");
        } else if (code.indexOf(';') >= 0 || code.indexOf('*') >= 0 || code.indexOf(',') >= 0 || code.equals("*")) {
            // ';' and '*' separate kit parts in the CSV parts cell ("SKU*2;SKU*1"), '*' alone means "every SKU"
            p.add("code '" + code + "' must not contain ';', '*' or ','");
        }
        text(p, "name", s.name(), 256, true);
        text(p, "barcode", s.barcode(), 64, false);
        amount(p, "base_price", s.basePrice(), true);
        notNegative(p, "weight_g", s.weightGrams());
        notNegative(p, "low_stock_threshold", s.lowStockThreshold());
        notNegative(p, "presale_threshold", s.presaleThreshold());
        notNegative(p, "presale_quota", s.presaleQuota());
        for (Map.Entry<String, String> a : new TreeMap<>(s.attributes()).entrySet()) {
            if (a.getKey().isEmpty()) {
                p.add("attribute keys must not be empty");
            }
            if (a.getKey().contains("=") || a.getKey().contains(";")) {
                p.add("attribute key '" + a.getKey() + "' must not contain '=' or ';'");
            }
            if (a.getValue().contains("=") || a.getValue().contains(";")) {
                p.add("attribute " + a.getKey() + " value '" + a.getValue() + "' must not contain '=' or ';'");
            }
        }
        int attributesLength = formatAttributes(s.attributes()).length();
        if (attributesLength > 2048) {
            p.add("attributes take " + attributesLength + " characters as k=v;k=v, at most 2048");
        }
        Set<String> seen = new HashSet<>();
        for (KitPart part : s.parts()) {
            String ps = part.sku();
            if (ps == null) {
                p.add("a kit part has no SKU");
            } else if (ps.equals(code)) {
                p.add("kit " + code + " cannot contain itself");
            } else if (!seen.add(ps)) {
                p.add("kit part " + ps + " is listed twice");
            } else if (!refs.exists(ps)) {
                p.add("kit part " + ps + " does not exist");
            } else if (refs.isKit(ps)) {
                p.add("kit part " + ps + " is itself a kit; parts must be plain SKUs");
            }
            if (part.quantity() < 1) {
                p.add("kit part " + ps + " quantity " + part.quantity() + " must be at least 1");
            }
        }
        if (s.isKit() && code != null) {
            Set<String> kits = new TreeSet<>(refs.kitsWith(code));
            kits.remove(code);
            if (!kits.isEmpty()) {
                p.add(code + " is a part of kit " + String.join(", ", kits) + " and cannot become a kit");
            }
            Set<String> rules = refs.rulesGiving(code);
            if (!rules.isEmpty()) {
                p.add(code + " is the gift of gift rule " + String.join(", ", new TreeSet<>(rules))
                        + " and cannot become a kit");
            }
        }
        return p;
    }

    static List<String> mappingProblems(SkuMapping m, Refs refs) {
        List<String> p = new ArrayList<>();
        text(p, "channel", m.channel(), 64, true);
        text(p, "shop", m.shop(), 64, true);
        text(p, "channel_sku", m.channelSku(), 128, true);
        text(p, "item_id", m.itemId(), 128, false);
        text(p, "outer_code", m.outerCode(), 128, false);
        existing(p, "master_sku", m.masterSku(), refs, true);
        if (m.factor() < 1) {
            p.add("factor " + m.factor() + " must be at least 1");
        }
        return p;
    }

    static List<String> ruleProblems(GiftRule r, Refs refs) {
        List<String> p = new ArrayList<>();
        text(p, "id", r.id(), 64, true);
        if (existing(p, "gift_sku", r.giftSku(), refs, true) && refs.isKit(r.giftSku())) {
            p.add("gift_sku '" + r.giftSku() + "' is a kit; a gift must be a plain SKU");
        }
        if (r.quantity() < 1) {
            p.add("quantity " + r.quantity() + " must be at least 1");
        }
        existing(p, "main_sku", r.mainSku(), refs, false);
        amount(p, "min_amount", r.minAmount(), false);
        text(p, "channel", r.channel(), 64, false);
        if (r.validFrom() != null && r.validTo() != null && !r.validFrom().isBefore(r.validTo())) {
            p.add("valid_from " + r.validFrom() + " must be before valid_to " + r.validTo());
        }
        return p;
    }

    private static boolean existing(List<String> p, String field, String code, Refs refs, boolean required) {
        if (code == null || code.isBlank()) {
            if (required) {
                p.add(field + " is required");
            }
            return false;
        }
        if (!refs.exists(code)) {
            p.add(field + " '" + code + "' does not exist");
            return false;
        }
        return true;
    }

    private static void text(List<String> p, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                p.add(field + " must not be blank");
            }
        } else if (value.length() > max) {
            p.add(field + " '" + shorten(value) + "' is " + value.length() + " characters long, at most " + max);
        }
    }

    private static void amount(List<String> p, String field, BigDecimal value, boolean required) {
        if (value == null) {
            if (required) {
                p.add(field + " is required");
            }
            return;
        }
        BigDecimal v = value.stripTrailingZeros();
        if (v.signum() < 0) {
            p.add(field + " " + value.toPlainString() + " must not be negative");
        } else if (v.scale() > 4) {
            p.add(field + " " + value.toPlainString() + " has more than 4 decimals");
        } else if (v.precision() - v.scale() > 15) {
            p.add(field + " " + value.toPlainString() + " is too large");
        }
    }

    private static void notNegative(List<String> p, String field, int value) {
        if (value < 0) {
            p.add(field + " " + value + " must not be negative");
        }
    }

    private static boolean hasWhitespace(String s) {
        return s.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InventoryException(field + " must not be blank");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /**
     * What validating a write needs to know of the SKUs it refers to, read from the database; for an
     * import, overlaid with the SKUs the file defines.
     */
    static final class Refs {
        private final Map<String, List<KitPart>> parts;
        private final Map<String, Set<String>> kitsWith = new HashMap<>();
        private final Map<String, Set<String>> rulesGiving = new HashMap<>();

        private Refs(Map<String, List<KitPart>> parts) {
            this.parts = parts;
        }

        /** Reads these SKUs, the kits they are parts of and the gift rules giving them; locks their rows if asked. */
        static Refs load(Tx tx, Collection<String> codes, boolean lock) throws SQLException {
            Refs refs = new Refs(skuParts(tx, codes, lock));
            for (List<String> chunk : chunks(codes)) {
                PreparedStatement ps = tx.prepare("SELECT part_sku, kit_sku FROM kit_part WHERE part_sku IN ("
                        + marks(chunk.size()) + ")");
                bind(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        refs.kitsWith.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                    }
                }
                ps = tx.prepare("SELECT gift_sku, id FROM gift_rule WHERE gift_sku IN (" + marks(chunk.size()) + ")");
                bind(ps, chunk);
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

    // ---- mapping order lines

    /** Part lines made by an earlier mapping are made again from their kit line, so mapping twice changes nothing. */
    private static List<OrderLine> withoutExpandedParts(List<OrderLine> lines) {
        Set<String> lineNos = new HashSet<>();
        for (OrderLine l : lines) {
            if (l == null) {
                throw new InventoryException("order lines must not contain null");
            }
            lineNos.add(l.lineNo());
        }
        return lines.stream().filter(l -> l.parentLineNo() == null || !lineNos.contains(l.parentLineNo()))
                .collect(Collectors.toList());
    }

    /** The mappings of this shop whose channel SKU or outer code is one of these codes. */
    private static List<SkuMapping> mappings(Tx tx, String channel, String shop, Collection<String> codes)
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

    /** Maps lines with the mappings found; pure. */
    private static final class LineMapper {
        private record Target(String masterSku, int factor) {
        }

        private final Map<String, Target> byChannelSku = new HashMap<>();
        private final Map<String, Set<Target>> byOuterCode = new HashMap<>();

        LineMapper(List<SkuMapping> mappings) {
            for (SkuMapping m : mappings) {
                Target t = new Target(m.masterSku(), m.factor());
                byChannelSku.put(m.channelSku(), t);
                if (m.outerCode() != null) {
                    byOuterCode.computeIfAbsent(m.outerCode(), k -> new HashSet<>()).add(t);
                }
            }
        }

        Set<String> masters() {
            Set<String> out = new HashSet<>();
            byChannelSku.values().forEach(t -> out.add(t.masterSku()));
            return out;
        }

        /** The mapping by channel SKU, else the one by outer code; none when several outer codes disagree. */
        private Target target(String channelSku) {
            Target t = byChannelSku.get(channelSku);
            if (t != null) {
                return t;
            }
            Set<Target> byOuter = byOuterCode.getOrDefault(channelSku, Set.of());
            return byOuter.size() == 1 ? byOuter.iterator().next() : null;
        }

        MappedLines map(List<OrderLine> input, Map<String, List<KitPart>> skus) {
            List<OrderLine> lines = new ArrayList<>();
            Set<String> unmapped = new LinkedHashSet<>();
            Map<String, Integer> items = new LinkedHashMap<>();
            for (OrderLine l : input) {
                Target t = l.masterSku() != null ? new Target(l.masterSku(), 1) : target(l.channelSku());
                if (t == null || !skus.containsKey(t.masterSku())) {
                    lines.add(new OrderLine(l.lineNo(), l.channelSku(), null, l.title(), l.quantity(), l.unitPrice(),
                            l.paidAmount(), l.gift(), l.parentLineNo()));
                    unmapped.add(l.channelSku() != null ? l.channelSku() : l.masterSku());
                    continue;
                }
                int quantity = multiply(l.quantity(), t.factor(), l.lineNo());
                BigDecimal unitPrice = t.factor() == 1 || l.unitPrice() == null ? l.unitPrice()
                        : l.unitPrice().divide(BigDecimal.valueOf(t.factor()), 4, RoundingMode.HALF_UP);
                lines.add(new OrderLine(l.lineNo(), l.channelSku(), t.masterSku(), l.title(), quantity, unitPrice,
                        l.paidAmount(), l.gift(), l.parentLineNo()));
                List<KitPart> parts = skus.get(t.masterSku());
                if (parts.isEmpty()) {
                    items.merge(t.masterSku(), quantity, Math::addExact);
                }
                for (KitPart part : parts) {
                    int partQuantity = multiply(quantity, part.quantity(), l.lineNo());
                    lines.add(new OrderLine(l.lineNo() + "/" + part.sku(), l.channelSku(), part.sku(), null,
                            partQuantity, BigDecimal.ZERO, BigDecimal.ZERO, l.gift(), l.lineNo()));
                    items.merge(part.sku(), partQuantity, Math::addExact);
                }
            }
            List<StockItem> stock = new ArrayList<>();
            items.forEach((sku, qty) -> stock.add(new StockItem(sku, qty)));
            return new MappedLines(lines, new ArrayList<>(unmapped), stock);
        }

        private static int multiply(int a, int b, String lineNo) {
            try {
                return Math.multiplyExact(a, b);
            } catch (ArithmeticException e) {
                throw new InventoryException("order line " + lineNo + ": quantity " + a + " x " + b + " is too large");
            }
        }
    }

    // ---- gift rules

    /** A rule and the name of its gift SKU. */
    private record RuleRow(GiftRule rule, String giftName) {
    }

    /** The rules giving one of these SKUs, and the auto-add rules that may apply here and now; by id. */
    private static Map<String, RuleRow> rulesFor(Tx tx, Collection<String> giftSkus, String channel, Instant at)
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

    /** Decides the gifts of one order; pure. */
    private static final class GiftChecker {
        private final String channel;
        private final List<OrderLine> lines;
        private final BigDecimal goodsPaid;
        private final Instant at;
        private final Set<String> mainSkus = new HashSet<>();

        GiftChecker(String channel, List<OrderLine> lines, BigDecimal goodsPaid, Instant at) {
            this.channel = channel;
            this.lines = lines;
            this.goodsPaid = goodsPaid;
            this.at = at;
            for (OrderLine l : lines) {
                if (!l.gift() && l.masterSku() != null) {
                    mainSkus.add(l.masterSku());
                }
            }
        }

        GiftDecision decide(Collection<RuleRow> rules) {
            List<GiftDecision.Problem> ineligible = new ArrayList<>();
            Set<String> giftsOnOrder = new HashSet<>();
            for (OrderLine l : lines) {
                if (!l.gift() || l.masterSku() == null) {
                    continue;
                }
                giftsOnOrder.add(l.masterSku());
                if (l.parentLineNo() != null) {
                    continue;
                }
                List<String> reasons = new ArrayList<>();
                boolean allowed = false;
                for (RuleRow row : rules) {
                    if (row.rule().giftSku().equals(l.masterSku())) {
                        String failure = failure(row.rule(), l.quantity());
                        allowed |= failure == null;
                        reasons.add(failure);
                    }
                }
                if (reasons.isEmpty()) {
                    ineligible.add(new GiftDecision.Problem(l.lineNo(), l.masterSku(),
                            "no gift rule allows SKU " + l.masterSku()));
                } else if (!allowed) {
                    ineligible.add(new GiftDecision.Problem(l.lineNo(), l.masterSku(), String.join("; ", reasons)));
                }
            }
            List<OrderLine> added = new ArrayList<>();
            for (RuleRow row : rules) {
                GiftRule r = row.rule();
                if (r.autoAdd() && failure(r, null) == null && giftsOnOrder.add(r.giftSku())) {
                    added.add(new OrderLine("gift/" + r.id(), r.giftSku(), r.giftSku(), row.giftName(), r.quantity(),
                            BigDecimal.ZERO, BigDecimal.ZERO, true, null));
                }
            }
            return new GiftDecision(ineligible, added);
        }

        /** Why the rule does not allow the gift, or null when it does; a null quantity is not checked. */
        private String failure(GiftRule r, Integer quantity) {
            String gift = "gift " + r.giftSku();
            String rule = " (rule " + r.id() + ")";
            if (r.channel() != null && !r.channel().equals(channel)) {
                return gift + " is only for channel " + r.channel() + ", order is from " + channel + rule;
            }
            if (r.validFrom() != null && at.isBefore(r.validFrom())) {
                return gift + " promotion starts at " + r.validFrom() + ", order is at " + at + rule;
            }
            if (r.validTo() != null && !at.isBefore(r.validTo())) {
                return gift + " promotion ended at " + r.validTo() + ", order is at " + at + rule;
            }
            if (r.mainSku() != null && !mainSkus.contains(r.mainSku())) {
                return gift + " needs main item " + r.mainSku() + " on the order" + rule;
            }
            if (r.minAmount() != null && goodsPaid.compareTo(r.minAmount()) < 0) {
                return gift + " needs goods paid >= " + money(r.minAmount()) + ", order has " + money(goodsPaid) + rule;
            }
            if (quantity != null && quantity > r.quantity()) {
                return gift + " allows " + r.quantity() + " per order, line has " + quantity + rule;
            }
            return null;
        }
    }

    // ---- SQL, shared with the CSV import and export

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

    private static List<Sku> readSkus(Tx tx, String sql, List<Object> args) throws SQLException {
        PreparedStatement ps = tx.prepare(sql);
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
        List<Sku> plain = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                plain.add(new Sku(rs.getString(1), rs.getString(2), rs.getString(3), money(rs.getBigDecimal(4)),
                        rs.getInt(5), parseAttributes(rs.getString(6)), rs.getBoolean(7), List.of(), rs.getInt(8),
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
                money(rs.getBigDecimal(5)), rs.getString(6), instant(rs, 7), instant(rs, 8), rs.getBoolean(9));
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
                    ps.setString(5, formatAttributes(s.attributes()));
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

    private static <T> List<List<T>> chunks(Collection<T> values) {
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

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static void bind(PreparedStatement ps, List<String> values) throws SQLException {
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

    // ---- value formats, shared with the CSV files

    /** An amount as the catalog shows it: at least 2 decimals, no trailing zeros beyond. */
    static BigDecimal money(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 2 ? v.setScale(2, RoundingMode.UNNECESSARY) : s;
    }

    /** {@code k=v;k=v}, keys sorted. */
    static String formatAttributes(Map<String, String> attributes) {
        return new TreeMap<>(attributes).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
    }

    /** Reads {@code k=v;k=v}; throws IllegalArgumentException naming the bad entry. */
    static Map<String, String> parseAttributes(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String entry : text.split(";", -1)) {
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("attribute '" + entry + "' must be key=value");
            }
            if (out.put(entry.substring(0, eq), entry.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("attribute " + entry.substring(0, eq) + " is given twice");
            }
        }
        return out;
    }
}

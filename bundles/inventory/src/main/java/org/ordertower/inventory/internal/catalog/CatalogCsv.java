package org.ordertower.inventory.internal.catalog;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.inventory.CatalogTable;
import org.ordertower.api.inventory.GiftRule;
import org.ordertower.api.inventory.ImportReport;
import org.ordertower.api.inventory.ImportReport.RowError;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.api.inventory.KitPart;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.inventory.SkuMapping;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;
import org.ordertower.inventory.internal.catalog.DefaultCatalogService.Refs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog tables as CSV files, with the columns listed on {@link CatalogTable}. An import is
 * validated whole with the rules of the service's saves and then written in one transaction, or not
 * at all. An export writes what an import reads, ordered by key, so export, import, export gives the
 * same file.
 */
final class CatalogCsv {
    static final int MAX_ROWS = 100_000;
    private static final int EXPORT_FETCH = 1000;
    private final Logger logger = LoggerFactory.getLogger(CatalogCsv.class);
    private final Database db;
    private final Clock clock;

    CatalogCsv(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    ImportReport importCsv(CatalogTable table, Reader in, boolean dryRun) {
        return switch (table) {
            case SKUS -> importRows(table, new SkuFormat(), in, dryRun);
            case MAPPINGS -> importRows(table, new MappingFormat(), in, dryRun);
            case GIFTS -> importRows(table, new RuleFormat(), in, dryRun);
        };
    }

    void exportCsv(CatalogTable table, Writer out) {
        Format<?> format = switch (table) {
            case SKUS -> new SkuFormat();
            case MAPPINGS -> new MappingFormat();
            case GIFTS -> new RuleFormat();
        };
        try (Tx tx = db.begin()) {
            Csv.write(out, format.columns());
            format.export(tx, out);
            out.flush();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the catalog: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + table + " CSV: " + e.getMessage(), e);
        }
    }

    /** A data row read without problems. */
    private record Parsed<T>(int line, T value) {
    }

    private <T> ImportReport importRows(CatalogTable table, Format<T> format, Reader in, boolean dryRun) {
        List<Csv.Row> rows = new ArrayList<>();
        RowError fileError = read(in, format.columns(), rows);
        if (fileError != null) {
            return new ImportReport(table, rows.size(), 0, 0, List.of(fileError), false);
        }
        List<RowError> errors = new ArrayList<>();
        List<Parsed<T>> parsed = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (Csv.Row row : rows) {
            if (row.fields().size() != format.columns().size()) {
                errors.add(new RowError(row.line(), "expected " + format.columns().size() + " columns, found "
                        + row.fields().size()));
                continue;
            }
            Cells cells = new Cells(format.columns(), row.fields());
            T value = format.parse(cells);
            if (!cells.problems.isEmpty()) {
                errors.add(new RowError(row.line(), String.join("; ", cells.problems)));
                continue;
            }
            Integer first = firstLine.putIfAbsent(format.key(value), row.line());
            if (first != null) {
                errors.add(new RowError(row.line(), "duplicate " + format.describe(value) + " (first on line " + first
                        + ")"));
                continue;
            }
            parsed.add(new Parsed<>(row.line(), value));
        }
        List<T> values = parsed.stream().map(Parsed::value).collect(Collectors.toList());
        try (Tx tx = db.begin()) {
            Set<String> codes = new HashSet<>();
            values.forEach(v -> codes.addAll(format.refs(v)));
            Refs refs = Refs.load(tx, codes, !dryRun);
            format.define(refs, values);
            for (Parsed<T> p : parsed) {
                List<String> problems = format.problems(p.value(), refs);
                if (!problems.isEmpty()) {
                    errors.add(new RowError(p.line(), String.join("; ", problems)));
                }
            }
            if (!errors.isEmpty() || dryRun) {
                errors.sort(Comparator.comparingInt(RowError::line));
                return new ImportReport(table, rows.size(), 0, 0, errors, false);
            }
            int inserted = format.write(tx, values, clock.instant());
            tx.commitDurably();
            logger.debug("Imported {} {} rows: {} inserted, {} updated", values.size(), table, inserted,
                    values.size() - inserted);
            return new ImportReport(table, rows.size(), inserted, values.size() - inserted, List.of(), true);
        } catch (SQLException e) {
            String state = e.getSQLState();
            if (state == null || !state.startsWith("23")) { // not the file's fault: the database is down or gave up
                throw new StoreUnavailableException("the " + table + " import could not be written and nothing of it "
                        + "was applied: " + e.getMessage(), e);
            }
            InventoryException failure = new InventoryException("the " + table + " import failed and nothing of it "
                    + "was applied: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    /** Reads the data rows (blank lines skipped) into {@code rows}; returns what makes the file unusable. */
    private static RowError read(Reader in, List<String> columns, List<Csv.Row> rows) {
        Csv.Reader reader = new Csv.Reader(in);
        try {
            Csv.Row header = reader.next();
            if (header == null) {
                return new RowError(1, "the file is empty; the header must be " + String.join(",", columns));
            }
            String headerProblem = headerProblem(header.fields(), columns);
            if (headerProblem != null) {
                return new RowError(header.line(), headerProblem);
            }
            for (Csv.Row row = reader.next(); row != null; row = reader.next()) {
                if (row.blank()) {
                    continue;
                }
                if (rows.size() == MAX_ROWS) {
                    return new RowError(row.line(), "the file has more than " + MAX_ROWS
                            + " data rows; split it into smaller files");
                }
                rows.add(row);
            }
            return null;
        } catch (Csv.SyntaxError e) {
            return new RowError(e.line(), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CSV file: " + e.getMessage(), e);
        }
    }

    private static String headerProblem(List<String> found, List<String> expected) {
        if (found.equals(expected)) {
            return null;
        }
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < Math.max(found.size(), expected.size()); i++) {
            if (i >= found.size()) {
                diffs.add("column " + expected.get(i) + " is missing");
            } else if (i >= expected.size()) {
                diffs.add("column " + (i + 1) + " '" + found.get(i) + "' is not expected");
            } else if (!found.get(i).equals(expected.get(i))) {
                diffs.add("column " + (i + 1) + " is '" + found.get(i) + "', expected '" + expected.get(i) + "'");
            }
        }
        return "the header must be exactly " + String.join(",", expected) + ": " + String.join("; ", diffs);
    }

    /** One table's columns, its row format and how its rows are checked, written and read. */
    private interface Format<T> {
        List<String> columns();

        /** The row's value; what cannot be read is added to the cells' problems. */
        T parse(Cells cells);

        List<String> format(T value);

        String key(T value);

        /** The key for a message, such as {@code code X}. */
        String describe(T value);

        /** The SKU codes the row refers to. */
        Set<String> refs(T value);

        /** Lets the file's rows be referred to by each other. */
        default void define(Refs refs, List<T> values) {
        }

        List<String> problems(T value, Refs refs);

        /** Writes every value; returns how many were new. */
        int write(Tx tx, List<T> values, Instant now) throws SQLException;

        void export(Tx tx, Writer out) throws SQLException, IOException;
    }

    private static final class SkuFormat implements Format<Sku> {
        @Override
        public List<String> columns() {
            return List.of("code", "name", "barcode", "base_price", "weight_g", "attributes", "cold_chain", "parts",
                    "low_stock_threshold", "presale_threshold", "presale_quota");
        }

        @Override
        public Sku parse(Cells c) {
            Map<String, String> attributes = Map.of();
            try {
                attributes = DefaultCatalogService.parseAttributes(c.text("attributes"));
            } catch (IllegalArgumentException e) {
                c.problems.add(e.getMessage());
            }
            return DefaultCatalogService.normalise(new Sku(c.text("code"), c.text("name"), c.text("barcode"),
                    c.decimal("base_price", BigDecimal.ZERO), c.integer("weight_g", 0), attributes,
                    c.bool("cold_chain"), parts(c), c.integer("low_stock_threshold", 0),
                    c.integer("presale_threshold", 0), c.integer("presale_quota", 0)));
        }

        private static List<KitPart> parts(Cells c) {
            String text = c.text("parts");
            List<KitPart> parts = new ArrayList<>();
            if (text.isEmpty()) {
                return parts;
            }
            for (String entry : text.split(";", -1)) {
                int star = entry.lastIndexOf('*');
                try {
                    int quantity = Integer.parseInt(entry.substring(star + 1).strip());
                    parts.add(new KitPart(entry.substring(0, star), quantity));
                } catch (RuntimeException e) {
                    c.problems.add("parts entry '" + entry + "' must be SKU*quantity");
                }
            }
            return parts;
        }

        @Override
        public List<String> format(Sku s) {
            String parts = s.parts().stream().map(p -> p.sku() + "*" + p.quantity()).collect(Collectors.joining(";"));
            return List.of(s.code(), s.name(), Objects.toString(s.barcode(), ""),
                    DefaultCatalogService.money(s.basePrice()).toPlainString(), Integer.toString(s.weightGrams()),
                    DefaultCatalogService.formatAttributes(s.attributes()), Boolean.toString(s.coldChain()), parts,
                    Integer.toString(s.lowStockThreshold()), Integer.toString(s.presaleThreshold()),
                    Integer.toString(s.presaleQuota()));
        }

        @Override
        public String key(Sku s) {
            return s.code();
        }

        @Override
        public String describe(Sku s) {
            return "code " + s.code();
        }

        @Override
        public Set<String> refs(Sku s) {
            return DefaultCatalogService.skuRefs(s);
        }

        @Override
        public void define(Refs refs, List<Sku> skus) {
            skus.forEach(refs::define);
        }

        @Override
        public List<String> problems(Sku s, Refs refs) {
            return DefaultCatalogService.skuProblems(s, refs);
        }

        @Override
        public int write(Tx tx, List<Sku> skus, Instant now) throws SQLException {
            return DefaultCatalogService.writeSkus(tx, skus, now);
        }

        @Override
        public void export(Tx tx, Writer out) throws SQLException, IOException {
            String after = null;
            while (true) {
                List<Sku> page = DefaultCatalogService.page(tx, after, DefaultCatalogService.MAX_PAGE);
                for (Sku s : page) {
                    Csv.write(out, format(s));
                }
                if (page.size() < DefaultCatalogService.MAX_PAGE) {
                    return;
                }
                after = page.get(page.size() - 1).code();
            }
        }
    }

    private static final class MappingFormat implements Format<SkuMapping> {
        @Override
        public List<String> columns() {
            return List.of("channel", "shop", "channel_sku", "item_id", "outer_code", "master_sku", "factor");
        }

        @Override
        public SkuMapping parse(Cells c) {
            return DefaultCatalogService.normalise(new SkuMapping(c.text("channel"), c.text("shop"),
                    c.text("channel_sku"), c.text("item_id"), c.text("outer_code"), c.text("master_sku"),
                    c.required("factor")));
        }

        @Override
        public List<String> format(SkuMapping m) {
            return List.of(m.channel(), m.shop(), m.channelSku(), Objects.toString(m.itemId(), ""),
                    Objects.toString(m.outerCode(), ""), m.masterSku(), Integer.toString(m.factor()));
        }

        @Override
        public String key(SkuMapping m) {
            return m.channel() + "\u0000" + m.shop() + "\u0000" + m.channelSku();
        }

        @Override
        public String describe(SkuMapping m) {
            return "mapping " + m.channel() + "/" + m.shop() + "/" + m.channelSku();
        }

        @Override
        public Set<String> refs(SkuMapping m) {
            return DefaultCatalogService.mappingRefs(m);
        }

        @Override
        public List<String> problems(SkuMapping m, Refs refs) {
            return DefaultCatalogService.mappingProblems(m, refs);
        }

        @Override
        public int write(Tx tx, List<SkuMapping> mappings, Instant now) throws SQLException {
            return DefaultCatalogService.writeMappings(tx, mappings);
        }

        @Override
        public void export(Tx tx, Writer out) throws SQLException, IOException {
            PreparedStatement ps = tx.prepare(DefaultCatalogService.mappingSelect());
            ps.setFetchSize(EXPORT_FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Csv.write(out, format(new SkuMapping(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7))));
                }
            }
        }
    }

    private static final class RuleFormat implements Format<GiftRule> {
        @Override
        public List<String> columns() {
            return List.of("id", "gift_sku", "quantity", "main_sku", "min_amount", "channel", "valid_from", "valid_to",
                    "auto_add");
        }

        @Override
        public GiftRule parse(Cells c) {
            return DefaultCatalogService.normalise(new GiftRule(c.text("id"), c.text("gift_sku"),
                    c.required("quantity"), c.text("main_sku"), c.decimal("min_amount", null), c.text("channel"),
                    c.instant("valid_from"), c.instant("valid_to"), c.bool("auto_add")));
        }

        @Override
        public List<String> format(GiftRule r) {
            return List.of(r.id(), r.giftSku(), Integer.toString(r.quantity()), Objects.toString(r.mainSku(), ""),
                    r.minAmount() == null ? "" : DefaultCatalogService.money(r.minAmount()).toPlainString(),
                    Objects.toString(r.channel(), ""), Objects.toString(r.validFrom(), ""),
                    Objects.toString(r.validTo(), ""), Boolean.toString(r.autoAdd()));
        }

        @Override
        public String key(GiftRule r) {
            return r.id();
        }

        @Override
        public String describe(GiftRule r) {
            return "gift rule id " + r.id();
        }

        @Override
        public Set<String> refs(GiftRule r) {
            return DefaultCatalogService.ruleRefs(r);
        }

        @Override
        public List<String> problems(GiftRule r, Refs refs) {
            return DefaultCatalogService.ruleProblems(r, refs);
        }

        @Override
        public int write(Tx tx, List<GiftRule> rules, Instant now) throws SQLException {
            return DefaultCatalogService.writeGiftRules(tx, rules);
        }

        @Override
        public void export(Tx tx, Writer out) throws SQLException, IOException {
            PreparedStatement ps = tx.prepare(DefaultCatalogService.ruleSelect());
            ps.setFetchSize(EXPORT_FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Csv.write(out, format(DefaultCatalogService.rule(rs)));
                }
            }
        }
    }

    /** The cells of one row by column name, collecting what cannot be read. Empty cells read as null, 0 or false. */
    private static final class Cells {
        private final List<String> columns;
        private final List<String> fields;
        final List<String> problems = new ArrayList<>();

        Cells(List<String> columns, List<String> fields) {
            this.columns = columns;
            this.fields = fields;
        }

        String text(String column) {
            return fields.get(columns.indexOf(column));
        }

        int integer(String column, int ifEmpty) {
            String v = text(column).strip();
            if (v.isEmpty()) {
                return ifEmpty;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                problems.add(column + " '" + v + "' is not a whole number");
                return ifEmpty;
            }
        }

        int required(String column) {
            if (text(column).isBlank()) {
                problems.add(column + " is required");
                return 0;
            }
            return integer(column, 0);
        }

        BigDecimal decimal(String column, BigDecimal ifEmpty) {
            String v = text(column).strip();
            if (v.isEmpty()) {
                return ifEmpty;
            }
            try {
                return new BigDecimal(v);
            } catch (NumberFormatException e) {
                problems.add(column + " '" + v + "' is not a number");
                return ifEmpty;
            }
        }

        boolean bool(String column) {
            String v = text(column).strip();
            if (v.isEmpty() || v.equalsIgnoreCase("false")) {
                return false;
            }
            if (v.equalsIgnoreCase("true")) {
                return true;
            }
            problems.add(column + " '" + v + "' must be true or false");
            return false;
        }

        Instant instant(String column) {
            String v = text(column).strip();
            if (v.isEmpty()) {
                return null;
            }
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                problems.add(column + " '" + v + "' is not an ISO-8601 instant such as 2024-06-18T00:00:00Z");
                return null;
            }
        }
    }
}

package org.ordertower.inventory.internal.catalog;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.inventory.CatalogTable;
import org.ordertower.api.inventory.ImportReport;
import org.ordertower.api.inventory.ImportReport.RowError;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;
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
    private final Logger logger = LoggerFactory.getLogger(CatalogCsv.class);
    private final Database db;
    private final Clock clock;

    CatalogCsv(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    ImportReport importCsv(CatalogTable table, Reader in, boolean dryRun) {
        return switch (table) {
            case SKUS -> importRows(table, new SkuCsvFormat(), in, dryRun);
            case MAPPINGS -> importRows(table, new MappingCsvFormat(), in, dryRun);
            case GIFTS -> importRows(table, new GiftRuleCsvFormat(), in, dryRun);
        };
    }

    void exportCsv(CatalogTable table, Writer out) {
        CsvFormat<?> format = switch (table) {
            case SKUS -> new SkuCsvFormat();
            case MAPPINGS -> new MappingCsvFormat();
            case GIFTS -> new GiftRuleCsvFormat();
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

    private <T> ImportReport importRows(CatalogTable table, CsvFormat<T> format, Reader in, boolean dryRun) {
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
            CsvCells cells = new CsvCells(format.columns(), row.fields());
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
            SkuRefs refs = SkuRefs.load(tx, codes, !dryRun);
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
}

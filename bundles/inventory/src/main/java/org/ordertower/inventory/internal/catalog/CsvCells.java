package org.ordertower.inventory.internal.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The cells of one CSV row by column name, collecting what cannot be read. Empty cells read as null, 0 or false. */
final class CsvCells {
    private final List<String> columns;
    private final List<String> fields;
    final List<String> problems = new ArrayList<>();

    CsvCells(List<String> columns, List<String> fields) {
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

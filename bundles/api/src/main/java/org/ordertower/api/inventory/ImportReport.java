package org.ordertower.api.inventory;

import java.util.List;

/**
 * The outcome of a CSV import. A file is applied whole or not at all: when {@code errors} is not
 * empty nothing was changed.
 *
 * @param table the table imported
 * @param rows data rows read (the header not counted)
 * @param inserted rows that were new
 * @param updated rows that replaced an existing one
 * @param errors each bad row with its line number (1 is the header) and reason
 * @param applied true when the rows were written; false on errors or in a dry run
 */
public record ImportReport(CatalogTable table, int rows, int inserted, int updated, List<RowError> errors,
        boolean applied) {

    public ImportReport {
        errors = List.copyOf(errors);
    }

    /** A rejected row. */
    public record RowError(int line, String reason) {
        @Override
        public String toString() {
            return "line " + line + ": " + reason;
        }
    }
}

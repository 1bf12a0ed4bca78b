package org.ordertower.inventory.internal.catalog;

import java.io.IOException;
import java.io.Writer;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.ordertower.jdbc.Tx;

/** One catalog table as CSV: its columns, its row format and how its rows are checked, written and read. */
interface CsvFormat<T> {
    /** Rows fetched per round trip while exporting. */
    int EXPORT_FETCH = 1000;

    List<String> columns();

    /** The row's value; what cannot be read is added to the cells' problems. */
    T parse(CsvCells cells);

    List<String> format(T value);

    String key(T value);

    /** The key for a message, such as {@code code X}. */
    String describe(T value);

    /** The SKU codes the row refers to. */
    Set<String> refs(T value);

    /** Lets the file's rows be referred to by each other. */
    default void define(SkuRefs refs, List<T> values) {
    }

    List<String> problems(T value, SkuRefs refs);

    /** Writes every value; returns how many were new. */
    int write(Tx tx, List<T> values, Instant now) throws SQLException;

    void export(Tx tx, Writer out) throws SQLException, IOException;
}

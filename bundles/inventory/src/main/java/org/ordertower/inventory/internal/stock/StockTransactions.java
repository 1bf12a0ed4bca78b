package org.ordertower.inventory.internal.stock;

import java.sql.SQLException;

import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;

/** Runs the stock side's transactions: commits a write durably, turns a SQL failure into a refusal or an outage. */
final class StockTransactions {
    private final Database db;

    StockTransactions(Database db) {
        this.db = db;
    }

    <T> T write(Database.Work<T> work) {
        try (Tx tx = db.begin()) {
            T result = work.run(tx);
            tx.commitDurably();
            return result;
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    <T> T read(Database.Work<T> work) {
        try (Tx tx = db.begin()) {
            return work.run(tx);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("23")) { // integrity: the CHECK or a key refused it
            return new InventoryException("refused by the stock table's rules: " + e.getMessage());
        }
        return new StoreUnavailableException("the stock store is not available: " + e.getMessage(), e);
    }
}

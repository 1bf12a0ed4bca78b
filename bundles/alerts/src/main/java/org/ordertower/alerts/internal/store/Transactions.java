package org.ordertower.alerts.internal.store;

import java.sql.SQLException;

import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;

/** Runs work in one transaction and commits it; a failure rolls it back. */
public final class Transactions {
    private Transactions() {
    }

    public static <T> T write(Database db, Database.Work<T> work) throws SQLException {
        try (Tx tx = db.begin()) {
            T result = work.run(tx);
            tx.connection().commit();
            return result;
        }
    }
}

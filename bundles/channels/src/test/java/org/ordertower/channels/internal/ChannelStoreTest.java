package org.ordertower.channels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.channels.internal.ChannelStore.Cursor;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.jdbc.Tx;

/** The channel tables on both databases, where their limits matter. */
class ChannelStoreTest {

    /**
     * Douyin's page token names the orders of the window's last second already read: at a peak, hundreds of ids. A
     * cursor that cannot be saved would hold the shop's pull in its window for good.
     */
    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void aPageTokenOfAPeakSecondIsSavedAndReadBackWhole(String kind) throws Exception {
        DataSource ds = TestDatabases.pooled(kind, 2);
        try (AutoCloseable closing = (AutoCloseable) ds) {
            OrderStore.migrator(ds).migrate();
            Database db = new Database(ds);
            StringBuilder page = new StringBuilder("dy1:1796638039:1:");
            for (int i = 0; i < 400; i++) {
                page.append(i == 0 ? "" : ",").append(690_000_000_000_000_000L + i);
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Cursor c = new Cursor(now.minusSeconds(60), now, page.toString(), now.minusSeconds(120));
            ChannelStore store = new ChannelStore();
            try (Tx tx = db.begin()) {
                store.saveCursor(tx, "douyin", "peak-shop", c, now);
                tx.commitDurably();
            }
            Cursor back = db.read(tx -> store.cursor(tx, "douyin", "peak-shop")).orElseThrow();
            assertEquals(page.length(), back.page().length());
            assertEquals(c, back);
        }
    }
}

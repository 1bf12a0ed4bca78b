package org.ordertower.core.internal.http;

import java.time.Clock;
import java.util.Set;

import javax.sql.DataSource;

import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.intake.DefaultOrderService;
import org.ordertower.core.internal.intake.GroupCommitWriter;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.jdbc.Database;

/** The orders REST interface on a migrated database, its writer closed with it; channel {@code own} is accepted. */
final class IntakeFixture implements AutoCloseable {
    final OrderHttpApi api;
    private final GroupCommitWriter writer;

    IntakeFixture(DataSource ds) throws Exception {
        OrderStore.migrator(ds).migrate();
        Database db = new Database(ds);
        OrderStore store = new OrderStore();
        OrderJson json = new OrderJson();
        OrderIntake intake = new OrderIntake(store, json);
        writer = new GroupCommitWriter(db, intake, Clock.systemUTC(), () -> { }, 16, 100, 10_000);
        api = new OrderHttpApi(new DefaultOrderService(db, store, intake, writer, Clock.systemUTC(), () -> Set.of("own"),
                () -> { }), json);
    }

    @Override
    public void close() {
        writer.close();
    }
}

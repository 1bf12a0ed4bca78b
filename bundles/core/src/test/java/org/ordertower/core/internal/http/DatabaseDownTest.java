package org.ordertower.core.internal.http;

import org.ordertower.core.spi.http.HttpReply;
import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.jdbc.Database;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.intake.DefaultOrderService;
import org.ordertower.core.internal.intake.GroupCommitWriter;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.core.spi.http.OrderJson;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database that goes away: intake answers 503 and acknowledges nothing; once it is back, the
 * client's retry stores the order exactly once. The outage is real: connections go to a PostgreSQL
 * URL on a port nothing listens on.
 */
class DatabaseDownTest {
    /** Hands out connections from whichever data source is current. */
    static final class Switchable implements DataSource {
        volatile DataSource target;

        Switchable(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String u, String p) throws SQLException {
            return target.getConnection(u, p);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    @Test
    void downDatabaseGets503AndTheRetryAfterwardsStoresTheOrderOnce() throws Exception {
        DataSource real = TestDatabases.postgres();
        Switchable ds = new Switchable(real);
        OrderStore.migrator(ds).migrate();
        Database db = new Database(ds);
        OrderStore store = new OrderStore();
        OrderJson json = new OrderJson();
        OrderIntake intake = new OrderIntake(store, json);
        try (GroupCommitWriter writer = new GroupCommitWriter(db, intake, Clock.systemUTC(), () -> { }, 16, 100, 10_000)) {
            OrderHttpApi api = new OrderHttpApi(
                    new DefaultOrderService(db, store, intake, writer, Clock.systemUTC(), () -> Set.of("own"), () -> { }),
                    json);
            PGSimpleDataSource down = new PGSimpleDataSource();
            down.setURL("jdbc:postgresql://127.0.0.1:1/test");
            down.setConnectTimeout(2);
            ds.target = down;

            HttpReply refused = api.handle(OrderHttpApiTest.ADMIN, "POST", "/api/v1/orders", Map.of(), "application/json", OrderHttpApiTest.ORDER);
            assertEquals(503, refused.status(), refused.body());
            assertEquals("5", refused.headers().get("Retry-After"));
            assertTrue(refused.body().contains("nothing was stored, retry later"), refused.body());
            assertEquals(503, api.handle(OrderHttpApiTest.ADMIN, "GET", "/api/v1/orders", Map.of(), null, null).status());

            ds.target = real;
            HttpReply retried = api.handle(OrderHttpApiTest.ADMIN, "POST", "/api/v1/orders", Map.of(), "application/json", OrderHttpApiTest.ORDER);
            assertEquals(201, retried.status(), retried.body());
            HttpReply again = api.handle(OrderHttpApiTest.ADMIN, "POST", "/api/v1/orders", Map.of(), "application/json", OrderHttpApiTest.ORDER);
            assertTrue(again.body().contains("DUPLICATE"), again.body());
            try (Connection c = real.getConnection(); var s = c.createStatement();
                    var rs = s.executeQuery("SELECT COUNT(*) FROM orders")) {
                rs.next();
                assertEquals(1, rs.getLong(1));
            }
        }
    }
}

package org.ordertower.core.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.Caller;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.TestDatabases;

/** API tokens on H2 and PostgreSQL: shown once, stored as a hash, valid until revoked or expired, refused otherwise. */
class ApiTokensTest {
    private static final Caller ADMIN = new Caller("ops-admin", Set.of("admin"));

    /** A clock the test moves. */
    static final class Moving extends Clock {
        Instant now = Instant.parse("2026-12-07T01:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void aTokenStandsForItsRolesUntilRevokedOrExpiredAndOnlyItsHashIsKept(String kind) throws Exception {
        DataSource ds = TestDatabases.of(kind);
        OrderStore.migrator(ds).migrate();
        Moving clock = new Moving();
        ApiTokens tokens = new ApiTokens(new Database(ds), clock);

        ApiTokens.Created erp = tokens.create("erp-intake", Set.of("partner"), null, ADMIN);
        assertTrue(erp.secret().matches("ott_[A-Za-z0-9_-]{43}"), erp.secret());
        assertEquals(Optional.of(new Caller("token:erp-intake", Set.of("partner"))), tokens.verify(erp.secret()));
        ApiTokens.Created bi = tokens.create("bi-reader", Set.of("viewer", "admin"), clock.now.plus(Duration.ofDays(30)), ADMIN);
        assertEquals(List.of("admin", "viewer"), List.copyOf(bi.token().roles()), "in the order of Access.ROLES");

        // the database holds hashes only
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT token_hash, name, roles, created_by FROM api_token ORDER BY id")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                for (int i = 1; i <= 4; i++) {
                    assertFalse(rs.getString(i).contains(erp.secret().substring(4)), "no token in the database");
                    assertFalse(rs.getString(i).contains(bi.secret().substring(4)));
                }
            }
            assertEquals(2, rows);
        }
        assertEquals(List.of("bi-reader", "erp-intake"), tokens.list().stream().map(ApiTokens.Token::name).toList());
        assertEquals(Optional.empty(), tokens.verify("ott_" + "A".repeat(43)), "an unknown token");
        assertEquals(Optional.empty(), tokens.verify(erp.secret() + "x"));
        assertEquals(Optional.empty(), tokens.verify("Basic abc"));

        // its last use is recorded (at most once a minute)
        assertEquals(clock.now, tokens.list().stream().filter(t -> t.name().equals("erp-intake")).findFirst().orElseThrow()
                .lastUsedAt());

        // revoked: refused at once on this node
        long id = erp.token().id();
        assertTrue(tokens.revoke(id, ADMIN));
        assertFalse(tokens.revoke(id, ADMIN), "once");
        assertEquals(Optional.empty(), tokens.verify(erp.secret()));
        ApiTokens.Token revoked = tokens.list().stream().filter(t -> t.id() == id).findFirst().orElseThrow();
        assertEquals("ops-admin", revoked.revokedBy());
        assertFalse(revoked.active(clock.now));
        // and its name is free again
        assertTrue(tokens.verify(tokens.create("erp-intake", Set.of("partner"), null, ADMIN).secret()).isPresent());

        // expired: refused once its time is past, whatever was cached
        assertTrue(tokens.verify(bi.secret()).isPresent());
        clock.now = clock.now.plus(Duration.ofDays(31));
        assertEquals(Optional.empty(), tokens.verify(bi.secret()));

        ApiTokens.InvalidToken bad = assertThrows(ApiTokens.InvalidToken.class, () -> tokens.create("bad name", Set.of(
                "root", "viewer"), clock.now.minusSeconds(1), ADMIN));
        assertEquals(3, bad.problems().size(), bad.problems().toString());
        assertTrue(bad.getMessage().contains("roles: 'root' is not one of"), bad.getMessage());
        assertThrows(ApiTokens.InvalidToken.class, () -> tokens.create("x", Set.of(), null, ADMIN));
        ApiTokens.InvalidToken taken = assertThrows(ApiTokens.InvalidToken.class,
                () -> tokens.create("erp-intake", Set.of("partner"), null, ADMIN));
        assertTrue(taken.getMessage().contains("an active token is called 'erp-intake'"), taken.getMessage());
    }
}

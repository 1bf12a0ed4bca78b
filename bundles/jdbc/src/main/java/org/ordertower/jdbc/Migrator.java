package org.ordertower.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations: scripts {@code V<n>__<name>.sql} listed in {@code migrations.txt},
 * each applied once, in order, in its own transaction, and recorded in a version table. Several
 * nodes starting at once on PostgreSQL take an advisory lock, so only one migrates.
 *
 * <p>Each bundle that owns tables runs its own migrations: the scripts sit in the package of an
 * anchor class of that bundle, and the versions in a table of its own ({@code schema_version} for
 * the core, {@code inventory_schema_version} for the inventory, ...). Bundles other than the core
 * carry a private copy of this package (bnd {@code Conditional-Package}); nothing is exported.
 */
public final class Migrator {
    private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");
    private static final long PG_LOCK_KEY = 0x0_7d_e7_0e_c0_5eL;
    private final Logger logger = LoggerFactory.getLogger(Migrator.class);
    private final DataSource dataSource;
    private final Class<?> anchor;
    private final String versionTable;
    private final long lockKey;

    /**
     * @param anchor a class whose package holds {@code migrations.txt} and the scripts
     * @param versionTable the table recording this module's applied versions
     */
    public Migrator(DataSource dataSource, Class<?> anchor, String versionTable) {
        if (!versionTable.matches("[a-z_]+")) {
            throw new IllegalArgumentException("bad version table name " + versionTable);
        }
        this.dataSource = dataSource;
        this.anchor = anchor;
        this.versionTable = versionTable;
        this.lockKey = PG_LOCK_KEY + versionTable.hashCode();
    }

    /** How long a migration waits on H2 for a lock another bundle's migration holds. */
    static final long H2_MIGRATION_LOCK_TIMEOUT_MS = 60_000;
    /** H2's own lock timeout (2.2), which sessions have unless the URL sets LOCK_TIMEOUT. */
    static final long H2_DEFAULT_LOCK_TIMEOUT_MS = 2_000;

    /** Applies the missing migrations; returns the schema version afterwards. */
    public int migrate() throws SQLException {
        List<Script> scripts = scripts(anchor);
        try (Connection c = dataSource.getConnection()) {
            Dialect dialect = Dialect.of(c);
            c.setAutoCommit(true);
            if (dialect == Dialect.POSTGRESQL) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_lock(" + lockKey + ")");
                }
            }
            String h2LockTimeout = dialect == Dialect.H2 ? h2LockTimeout(c, H2_MIGRATION_LOCK_TIMEOUT_MS) : null;
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS " + versionTable + " (version INTEGER PRIMARY KEY, "
                            + "description VARCHAR(200) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
                }
                int current = current(c);
                for (Script script : scripts) {
                    if (script.version <= current) {
                        continue;
                    }
                    apply(c, dialect, script);
                    current = script.version;
                }
                return current;
            } finally {
                if (dialect == Dialect.POSTGRESQL) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT pg_advisory_unlock(" + lockKey + ")");
                    }
                }
                if (h2LockTimeout != null) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SET LOCK_TIMEOUT " + h2LockTimeout);
                    }
                }
            }
        }
    }

    /**
     * On H2, every bundle's migrations change the schema, and H2 locks its schema table for each change: two bundles
     * migrating at once (the core and the rules engine at a first start) waited the session's lock timeout (H2's 2 s)
     * and the second failed with "Timeout trying to lock table SYS". The migration's session waits longer, and is put
     * back to H2's default ({@link #H2_DEFAULT_LOCK_TIMEOUT_MS}; the distribution's URL sets none) before the
     * connection goes back to its pool.
     */
    private static String h2LockTimeout(Connection c, long millis) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCK_TIMEOUT " + millis);
        }
        return String.valueOf(H2_DEFAULT_LOCK_TIMEOUT_MS);
    }

    private int current(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM " + versionTable)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void apply(Connection c, Dialect dialect, Script script) throws SQLException {
        logger.info("Applying schema migration V{} {}", script.version, script.name);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String stmt : statements(dialect.render(script.sql))) {
                s.execute(stmt);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO " + versionTable + " (version, description, applied_at) VALUES (?, ?, ?)")) {
                ps.setInt(1, script.version);
                ps.setString(2, script.name);
                ps.setObject(3, OffsetDateTime.now());
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw new SQLException("schema migration V" + script.version + " (" + script.name + ") failed: "
                    + e.getMessage(), e);
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Splits a script on semicolons at line ends, dropping comment lines. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : sql.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                String stmt = cur.toString().strip();
                out.add(stmt.substring(0, stmt.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    static List<Script> scripts(Class<?> anchor) {
        List<Script> list = new ArrayList<>();
        for (String file : read(anchor, "migrations.txt").lines().map(String::strip).filter(l -> !l.isEmpty())
                .collect(Collectors.toList())) {
            Matcher m = NAME.matcher(file);
            if (!m.matches()) {
                throw new IllegalStateException("bad migration file name " + file);
            }
            int version = Integer.parseInt(m.group(1));
            if (!list.isEmpty() && list.get(list.size() - 1).version >= version) {
                throw new IllegalStateException("migrations.txt is not in ascending version order at " + file);
            }
            list.add(new Script(version, m.group(2), read(anchor, file)));
        }
        return list;
    }

    private static String read(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("migration resource missing: " + name);
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return r.lines().collect(Collectors.joining("\n"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + name, e);
        }
    }

    record Script(int version, String name, String sql) {
    }
}

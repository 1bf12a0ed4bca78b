package org.ordertower.drill;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node's database on PostgreSQL ({@code --postgres}): a database of the drill's own, dropped and made again on
 * the server the admin URL names, and the node's DataSource configuration pointing at it (the core migrates the schema
 * when it starts).
 */
final class Postgres {
    private Postgres() {
    }

    /**
     * Makes {@code database} afresh on the server of {@code adminUrl} ({@code jdbc:postgresql://host:port/db?user=...})
     * and answers the properties of {@code etc/org.ops4j.datasource-ordertower.cfg} for it.
     */
    static Map<String, String> fresh(String adminUrl, String database) throws SQLException {
        plain(database);
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        }
        String query = adminUrl.contains("?") ? adminUrl.substring(adminUrl.indexOf('?') + 1) : "";
        Map<String, String> params = new LinkedHashMap<>();
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                params.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("dataSourceName", "ordertower");
        cfg.put("pool", "dbcp2");
        cfg.put("pool.maxTotal", "16");
        cfg.put("pool.maxIdle", "8");
        cfg.put("factory.poolStatements", "true"); // as the distribution's own configuration
        cfg.put("factory.maxOpenPreparedStatements", "256");
        cfg.put("osgi.jdbc.driver.class", "org.postgresql.Driver");
        cfg.put("url", server(adminUrl) + "/" + database + "?reWriteBatchedInserts=true"); // as etc/ advises
        cfg.put("user", params.getOrDefault("user", "postgres"));
        cfg.put("password", params.getOrDefault("password", ""));
        return cfg;
    }

    /** {@code jdbc:postgresql://host:port} of an admin URL. */
    static String server(String adminUrl) {
        String rest = adminUrl.substring("jdbc:postgresql://".length());
        int slash = rest.indexOf('/');
        int q = rest.indexOf('?');
        int end = slash >= 0 ? slash : q >= 0 ? q : rest.length();
        return "jdbc:postgresql://" + rest.substring(0, end);
    }

    /**
     * Makes {@code database} refuse new connections and cuts the open ones (the node's pool then finds every
     * connection broken and every new one refused, as in a failover or a network cut); returns how many were cut.
     */
    static int refuseConnections(String adminUrl, String database) throws SQLException {
        plain(database);
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS false");
            try (java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    + "WHERE datname = '" + database + "' AND pid <> pg_backend_pid()")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Lets {@code database} take connections again. */
    static void allowConnections(String adminUrl, String database) throws SQLException {
        plain(database);
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS true");
        }
    }

    private static void plain(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
    }
}

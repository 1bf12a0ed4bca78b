package org.ordertower.inventory.internal.catalog;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.ordertower.api.inventory.KitPart;
import org.ordertower.api.inventory.Sku;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.jdbc.Database;
import org.ordertower.inventory.internal.store.InventorySchema;

/** A migrated database (H2 or PostgreSQL) with a catalog service on it. */
final class CatalogFixture {
    static final Instant NOW = Instant.parse("2024-06-18T08:00:00Z");
    final DataSource dataSource;
    final DefaultCatalogService catalog;

    CatalogFixture(String kind) throws Exception {
        dataSource = TestDatabases.of(kind);
        if (kind.equals("h2")) {
            // H2 closes a file database with its last connection; keep one open so every transaction
            // does not open the file again (the database lives in a temp dir until the JVM ends)
            dataSource.getConnection();
        }
        InventorySchema.migrator(dataSource).migrate();
        catalog = new DefaultCatalogService(new Database(dataSource), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    Sku plain(String code) {
        Sku s = Sku.plain(code, "Name of " + code, new BigDecimal("10.00"));
        catalog.saveSku(s);
        return s;
    }

    Sku kit(String code, KitPart... parts) {
        Sku s = new Sku(code, "Kit " + code, null, new BigDecimal("30.00"), 0, Map.of(), false, List.of(parts), 0, 0,
                0);
        catalog.saveSku(s);
        return s;
    }

    /** Every row of the catalog tables, sorted: equal snapshots mean nothing was written. */
    Map<String, List<String>> snapshot() throws Exception {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("sku", "kit_part", "sku_mapping", "gift_rule")) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.append(rs.getString(i)).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                Collections.sort(rows);
                out.put(table, rows);
            }
        }
        return out;
    }
}

package org.ordertower.inventory.internal.stock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import org.ordertower.api.Actor;
import org.ordertower.api.inventory.Warehouse;
import org.ordertower.jdbc.Database;
import org.ordertower.inventory.internal.push.StockPusher;
import org.ordertower.lanes.Lanes;
import org.ordertower.inventory.internal.store.InventorySchema;

/** A migrated database with an inventory service and pusher on it, plus raw catalog inserts. */
final class StockFixture implements AutoCloseable {
    final DataSource dataSource;
    final Database db;
    final StockPusher pusher;
    final DefaultInventoryService inventory;
    /** The inventory's CamelContext: each channel's stock-push route. */
    final Lanes lanes = Lanes.standalone("ordertower-inventory", 0);

    StockFixture(DataSource dataSource, int stripes) throws Exception {
        this.dataSource = dataSource;
        InventorySchema.migrator(dataSource).migrate();
        this.db = new Database(dataSource);
        this.pusher = new StockPusher(db, Clock.systemUTC(),
                new StockPusher.Options(20, 4, 50, Duration.ofHours(6), 1_000, java.util.Set.of("own")), lanes);
        this.inventory = new DefaultInventoryService(db, Clock.systemUTC(), pusher, stripes, 512, 100_000, 30_000);
    }

    void sku(String code) throws Exception {
        sku(code, 0, 0, 0);
    }

    void sku(String code, int lowStock, int presaleThreshold, int presaleQuota) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO sku (code, name, base_price, weight_g, attributes, "
                        + "cold_chain, low_stock_threshold, presale_threshold, presale_quota, updated_at) "
                        + "VALUES (?, ?, 10, 100, '', FALSE, ?, ?, ?, ?)")) {
            ps.setString(1, code);
            ps.setString(2, "SKU " + code);
            ps.setInt(3, lowStock);
            ps.setInt(4, presaleThreshold);
            ps.setInt(5, presaleQuota);
            ps.setObject(6, OffsetDateTime.now());
            ps.executeUpdate();
        }
    }

    void kit(String kit, String part, int qty) throws Exception {
        exec("INSERT INTO kit_part (kit_sku, part_sku, quantity) VALUES (?, ?, ?)", kit, part, qty);
    }

    void mapping(String channel, String shop, String channelSku, String master, int factor) throws Exception {
        exec("INSERT INTO sku_mapping (channel, shop, channel_sku, master_sku, factor) VALUES (?, ?, ?, ?, ?)", channel, shop,
                channelSku, master, factor);
    }

    void warehouse(String id, int priority) {
        inventory.saveWarehouse(new Warehouse(id, "Warehouse " + id, "Zhejiang/Hangzhou", 30.27, 120.15, Warehouse.Type.OWN, priority));
    }

    void stock(String sku, String warehouse, int units) {
        inventory.receive(sku, warehouse, units, "po-" + sku + "-" + warehouse, Actor.user("tester"));
    }

    long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void exec(String sql, Object... args) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    @Override
    public void close() throws Exception {
        inventory.close();
        pusher.close();
        lanes.close();
        if (dataSource instanceof AutoCloseable a) {
            a.close();
        }
    }
}

package org.ordertower.inventory.internal.stock;

import static org.ordertower.inventory.internal.stock.StockValidator.require;
import static org.ordertower.inventory.internal.stock.StockValidator.requireCode;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.ordertower.api.inventory.Warehouse;

/** The warehouses: their table, and the copy in memory that checks and reservations read. */
final class WarehouseDirectory {
    private final StockTransactions transactions;
    private final AtomicReference<Map<String, Warehouse>> warehouses = new AtomicReference<>(Map.of());

    WarehouseDirectory(StockTransactions transactions) {
        this.transactions = transactions;
        reload();
    }

    void save(Warehouse w) {
        require(w != null, "a warehouse is required");
        requireCode(w.id(), "warehouse id", 32);
        require(w.name() != null && !w.name().isBlank() && w.name().length() <= 256, "warehouse name must be 1-256 characters");
        require(w.region() == null || w.region().length() <= 256, "warehouse region is longer than 256 characters");
        require(w.latitude() >= -90 && w.latitude() <= 90, "latitude " + w.latitude() + " is outside -90..90");
        require(w.longitude() >= -180 && w.longitude() <= 180, "longitude " + w.longitude() + " is outside -180..180");
        require(w.type() != null, "warehouse type is required (OWN, THIRD_PARTY, BONDED, FRONT)");
        transactions.write(tx -> {
            PreparedStatement up = tx.prepare("UPDATE warehouse SET name = ?, region = ?, latitude = ?, longitude = ?, type = ?, "
                    + "priority = ? WHERE id = ?");
            bindWarehouse(up, w);
            if (up.executeUpdate() == 0) {
                PreparedStatement in = tx.prepare("INSERT INTO warehouse (name, region, latitude, longitude, type, priority, id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)");
                bindWarehouse(in, w);
                in.executeUpdate();
            }
            return null;
        });
        reload();
    }

    private static void bindWarehouse(PreparedStatement ps, Warehouse w) throws SQLException {
        ps.setString(1, w.name());
        ps.setString(2, w.region());
        ps.setDouble(3, w.latitude());
        ps.setDouble(4, w.longitude());
        ps.setString(5, w.type().name());
        ps.setInt(6, w.priority());
        ps.setString(7, w.id());
    }

    /** By priority, then id. */
    List<Warehouse> list() {
        return warehouses.get().values().stream()
                .sorted((a, b) -> a.priority() != b.priority() ? Integer.compare(a.priority(), b.priority()) : a.id().compareTo(b.id()))
                .toList();
    }

    /** The warehouse ids in the order reservations try them. */
    List<String> order() {
        return list().stream().map(Warehouse::id).toList();
    }

    void reload() {
        Map<String, Warehouse> map = transactions.read(tx -> {
            Map<String, Warehouse> m = new LinkedHashMap<>();
            try (ResultSet rs = tx.prepare("SELECT id, name, region, latitude, longitude, type, priority FROM warehouse ORDER BY id")
                    .executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), new Warehouse(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
                            rs.getDouble(5), Warehouse.Type.valueOf(rs.getString(6)), rs.getInt(7)));
                }
            }
            return m;
        });
        warehouses.set(Map.copyOf(map));
    }

    /** Refuses an unknown warehouse, after reloading: it may have been made on another node. */
    void requireKnown(String id) {
        if (id == null || !warehouses.get().containsKey(id)) {
            reload(); // made on another node?
            require(id != null && warehouses.get().containsKey(id), "unknown warehouse '" + id + "'");
        }
    }
}

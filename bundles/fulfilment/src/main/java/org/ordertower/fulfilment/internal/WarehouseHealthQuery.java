package org.ordertower.fulfilment.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.WarehouseHealth;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.StockRow;
import org.ordertower.api.inventory.Warehouse;
import org.ordertower.jdbc.Tx;

/**
 * The figures behind {@link org.ordertower.api.fulfilment.FulfilmentService#warehouses}: the parcels and transfers made in
 * the window, read once each and counted per warehouse here (the times compared in Java, the same on H2 and PostgreSQL),
 * and the stock on hand from the inventory.
 */
final class WarehouseHealthQuery {
    /** The longest window one call reads. */
    static final Duration MAX_WINDOW = Duration.ofDays(92);

    private WarehouseHealthQuery() {
    }

    private static final class Counts {
        long routed;
        long shipped;
        long onTime;
        long waiting;
        long stuck;
        long out;
        long in;
        long late;
        long units;
    }

    static void check(Instant from, Instant to) {
        if (from == null || to == null || !to.isAfter(from)) {
            throw new IllegalArgumentException("a window needs from before to, was " + from + " to " + to);
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("the window may be at most " + MAX_WINDOW.toDays() + " days long");
        }
    }

    static List<WarehouseHealth> run(Tx tx, Instant from, Instant to, Duration onTime, InventoryService inventory)
            throws SQLException {
        Map<String, Counts> per = new TreeMap<>();
        List<Warehouse> known = inventory == null ? List.of() : inventory.warehouses();
        known.forEach(w -> per.put(w.id(), new Counts()));
        PreparedStatement ps = tx.prepare("SELECT warehouse, status, created_at, shipped_at, lines FROM parcel "
                + "WHERE created_at >= ? AND created_at < ?");
        bind(ps, from, to);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Counts c = per.computeIfAbsent(rs.getString(1), k -> new Counts());
                String status = rs.getString(2);
                Instant created = rs.getObject(3, OffsetDateTime.class).toInstant();
                OffsetDateTime shippedAt = rs.getObject(4, OffsetDateTime.class);
                c.routed++;
                if (shippedAt != null) {
                    c.shipped++;
                    if (!shippedAt.toInstant().isAfter(created.plus(onTime))) {
                        c.onTime++;
                    }
                    for (ParcelLine l : ParcelLines.read(rs.getString(5))) {
                        c.units += l.quantity();
                    }
                } else if (!status.equals("CANCELLED")) {
                    c.waiting++;
                }
            }
        }
        ps = tx.prepare("SELECT warehouse, COUNT(*) FROM parcel WHERE stuck_at IS NOT NULL AND status IN ('SHIPPED', 'PLANNED') "
                + "GROUP BY warehouse");
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                per.computeIfAbsent(rs.getString(1), k -> new Counts()).stuck = rs.getLong(2);
            }
        }
        ps = tx.prepare("SELECT from_wh, to_wh, late_at FROM parcel_transfer WHERE created_at >= ? AND created_at < ?");
        bind(ps, from, to);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Counts out = per.computeIfAbsent(rs.getString(1), k -> new Counts());
                Counts in = per.computeIfAbsent(rs.getString(2), k -> new Counts());
                out.out++;
                in.in++;
                if (rs.getObject(3) != null) {
                    out.late++;
                    in.late++;
                }
            }
        }
        double days = Duration.between(from, to).toSeconds() / 86_400.0;
        List<WarehouseHealth> result = new ArrayList<>(per.size());
        for (Map.Entry<String, Counts> e : per.entrySet()) {
            Counts c = e.getValue();
            long onHand = 0;
            if (inventory != null) {
                for (StockRow r : inventory.rows(e.getKey())) {
                    onHand += r.onHand();
                }
            }
            Double stockDays = c.units == 0 ? null : Math.round(onHand / (c.units / days) * 10) / 10.0;
            result.add(new WarehouseHealth(e.getKey(), c.routed, c.shipped, c.onTime, c.waiting, c.stuck, c.out, c.in, c.late,
                    c.units, onHand, stockDays));
        }
        return result;
    }

    private static void bind(PreparedStatement ps, Instant from, Instant to) throws SQLException {
        ps.setObject(1, from.atOffset(ZoneOffset.UTC));
        ps.setObject(2, to.atOffset(ZoneOffset.UTC));
    }
}

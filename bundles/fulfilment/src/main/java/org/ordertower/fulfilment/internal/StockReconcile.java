package org.ordertower.fulfilment.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.ordertower.api.Actor;
import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.ParcelStatus;
import org.ordertower.api.fulfilment.StockDifference.Outcome;
import org.ordertower.api.fulfilment.StockDifference.Quality;
import org.ordertower.api.fulfilment.StockDifference;
import org.ordertower.api.fulfilment.StockReconciliation;
import org.ordertower.api.fulfilment.WarehouseConnector;
import org.ordertower.api.fulfilment.WmsStock;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.StockRow;
import org.ordertower.jdbc.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares a warehouse system's counts of one warehouse with OrderTower's counters. A WMS and OrderTower agree
 * only once every movement is booked on both sides, so a SKU is compared only when none of its units are on their
 * way: no parcel of it at the WMS that the WMS has not reported shipped, no shipment or return of it waiting to be
 * booked in the ledger. Sellable-quality differences are corrected, when asked, only through
 * {@link InventoryService#adjust} (a ledger row with the reason); the WMS's defective count against OrderTower's
 * quarantine is reported, never applied, because quarantine only changes through returns.
 */
public final class StockReconcile {
    static final String REASON = "wms-reconcile";
    private final Logger logger = LoggerFactory.getLogger(StockReconcile.class);
    private final Database db;
    private final Partners partners;
    private final Supplier<InventoryService> inventory;
    private final Clock clock;

    public StockReconcile(Database db, Partners partners, Supplier<InventoryService> inventory, Clock clock) {
        this.db = db;
        this.partners = partners;
        this.inventory = inventory;
        this.clock = clock;
    }

    public StockReconciliation run(String warehouse, boolean apply, Actor actor) {
        if (warehouse == null || warehouse.isBlank()) {
            throw new IllegalArgumentException("a warehouse is required");
        }
        WarehouseConnector wms = partners.wmsFor(warehouse).orElseThrow(() -> new IllegalArgumentException(
                "no installed warehouse system runs warehouse '" + warehouse + "'"));
        InventoryService inv = inventory.get();
        if (inv == null) {
            throw new IllegalStateException("the inventory service is not available");
        }
        Instant at = clock.instant();
        // our side first: a movement booked between the two reads shows up as in flight or as a difference the
        // next run no longer sees, never as a silent correction
        Map<String, Integer> busy = busy(warehouse);
        Map<String, StockRow> ours = new TreeMap<>();
        for (StockRow r : inv.rows(warehouse)) {
            ours.put(r.sku(), r);
        }
        Map<String, WmsStock> theirs = new TreeMap<>();
        for (WmsStock s : wms.stock(warehouse, List.of())) {
            if (!warehouse.equals(s.warehouse())) {
                throw new IllegalStateException(wms.wmsId() + " answered counts of warehouse " + s.warehouse()
                        + " when asked for " + warehouse);
            }
            theirs.merge(s.sku(), s, (a, b) -> new WmsStock(warehouse, a.sku(), a.good() + b.good(),
                    a.defective() + b.defective(), a.locked() + b.locked()));
        }
        Set<String> skus = new TreeSet<>(ours.keySet());
        skus.addAll(theirs.keySet());
        List<StockDifference> out = new ArrayList<>();
        String source = wms.wmsId() + "/" + wms.account();
        for (String sku : skus) {
            StockRow mine = ours.get(sku);
            WmsStock wmsRow = theirs.get(sku);
            int onHand = mine == null ? 0 : mine.onHand();
            int quarantine = mine == null ? 0 : mine.quarantine();
            int good = wmsRow == null ? 0 : wmsRow.good();
            int defective = wmsRow == null ? 0 : wmsRow.defective();
            int inFlight = busy.getOrDefault(sku, 0);
            if (good != onHand) {
                out.add(good(warehouse, sku, onHand, good, inFlight, apply, actor, inv, source, mine));
            }
            if (defective != quarantine) {
                out.add(new StockDifference(sku, Quality.DEFECTIVE, quarantine, defective, inFlight, Outcome.REPORTED,
                        "defective stock at the WMS differs from quarantine; quarantine changes only through returns: "
                                + "check the returns of this SKU and correct it by hand"));
            }
        }
        StockReconciliation r = new StockReconciliation(warehouse, wms.wmsId(), wms.account(), at, skus.size(), out, apply);
        if (!r.clean()) {
            logger.warn("Stock reconcile of {} with {}: {} of {} SKUs differ{}", warehouse, source, out.size(), skus.size(),
                    apply ? ", " + out.stream().filter(d -> d.outcome() == Outcome.ADJUSTED).count() + " adjusted" : "");
        }
        return r;
    }

    private StockDifference good(String warehouse, String sku, int onHand, int good, int inFlight, boolean apply,
            Actor actor, InventoryService inv, String source, StockRow mine) {
        if (inFlight > 0) {
            return new StockDifference(sku, Quality.GOOD, onHand, good, inFlight, Outcome.SKIPPED, inFlight
                    + " units are on their way through the WMS or not booked yet; compare again once they are");
        }
        if (!apply) {
            return new StockDifference(sku, Quality.GOOD, onHand, good, 0, Outcome.REPORTED, "not applied");
        }
        if (mine == null && good > 0) {
            // a SKU the WMS holds that OrderTower never stocked here: a receipt, so it is booked like one
            try {
                inv.receive(sku, warehouse, good, REASON + " " + source, actor);
                return new StockDifference(sku, Quality.GOOD, onHand, good, 0, Outcome.ADJUSTED,
                        "received " + good + " as counted by " + source);
            } catch (InventoryException e) {
                return new StockDifference(sku, Quality.GOOD, onHand, good, 0, Outcome.REFUSED, e.getMessage());
            }
        }
        try {
            inv.adjust(sku, warehouse, good - onHand, actor, REASON + " " + source + ": WMS counts " + good
                    + ", OrderTower had " + onHand);
            return new StockDifference(sku, Quality.GOOD, onHand, good, 0, Outcome.ADJUSTED,
                    "adjusted by " + signed(good - onHand) + " through the ledger");
        } catch (InventoryException e) {
            return new StockDifference(sku, Quality.GOOD, onHand, good, 0, Outcome.REFUSED, e.getMessage());
        }
    }

    private static String signed(int n) {
        return n > 0 ? "+" + n : Integer.toString(n);
    }

    /**
     * Units per SKU whose movement one side has booked and the other may not have: lines of parcels the WMS holds
     * and has not reported shipped, lines of shipped parcels whose stock has not left the ledger yet, and returns
     * received whose restock is not booked yet.
     */
    private Map<String, Integer> busy(String warehouse) {
        try {
            return db.read(tx -> {
                Map<String, Integer> units = new TreeMap<>();
                PreparedStatement ps = tx.prepare("SELECT p.lines FROM parcel p WHERE p.warehouse = ? AND (p.status = ? "
                        + "OR (p.status <> ? AND EXISTS (SELECT 1 FROM fulfil_task t WHERE t.order_id = p.order_id "
                        + "AND t.kind = ? AND t.payload = ? AND t.state <> ?)))");
                ps.setString(1, warehouse);
                ps.setString(2, ParcelStatus.SENT.name());
                ps.setString(3, ParcelStatus.CANCELLED.name());
                ps.setString(4, TaskKind.STOCK_SHIP.name());
                ps.setString(5, warehouse);
                ps.setString(6, TaskStore.DONE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (ParcelLine l : ParcelLines.read(rs.getString(1))) {
                            units.merge(l.sku(), l.quantity(), Integer::sum);
                        }
                    }
                }
                ps = tx.prepare("SELECT payload FROM fulfil_task WHERE kind = ? AND state <> ? AND payload LIKE ?");
                ps.setString(1, TaskKind.RESTOCK.name());
                ps.setString(2, TaskStore.DONE);
                ps.setString(3, warehouse + " %");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Restock r = Restock.decode(rs.getString(1));
                        if (r.warehouse().equals(warehouse)) {
                            units.merge(r.sku(), r.quantity(), Integer::sum);
                        }
                    }
                }
                return units;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the parcels of " + warehouse + ": " + e.getMessage(), e);
        }
    }
}

package org.ordertower.inventory.internal.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.Actor;
import org.ordertower.api.inventory.Allocation;
import org.ordertower.api.inventory.InTransit;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.api.inventory.LedgerCheck;
import org.ordertower.api.inventory.ReservationRequest;
import org.ordertower.api.inventory.ReservationResult;
import org.ordertower.api.inventory.ReservationResult.Status;
import org.ordertower.api.inventory.Shortage;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.inventory.StockRow;
import org.ordertower.api.inventory.StockView;
import org.ordertower.jdbc.TestDatabases;

class StockOperationsTest {
    private static final Actor OPS = Actor.user("ops");

    private static ReservationRequest req(String ref, String... skuQty) {
        List<StockItem> items = new java.util.ArrayList<>();
        for (int i = 0; i < skuQty.length; i += 2) {
            items.add(new StockItem(skuQty[i], Integer.parseInt(skuQty[i + 1])));
        }
        return new ReservationRequest(ref, "jd", items, List.of());
    }

    private static StockFixture fixture(String kind) throws Exception {
        StockFixture f = new StockFixture(TestDatabases.pooled(kind, 4), 2);
        f.sku("A");
        f.sku("B");
        f.sku("KIT");
        f.kit("KIT", "A", 2);
        f.kit("KIT", "B", 1);
        f.warehouse("HZ", 1);
        f.warehouse("SH", 2);
        return f;
    }

    private static int reserved(StockFixture f, String sku) {
        return f.inventory.view(sku).rows().stream().mapToInt(StockRow::reserved).sum();
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void kitLineReservesItsParts(String kind) throws Exception {
        try (StockFixture f = fixture(kind)) {
            f.stock("A", "HZ", 10);
            f.stock("B", "HZ", 10);
            assertEquals(5, f.inventory.view("KIT").sellable(), "min(10/2, 10/1)");
            ReservationResult r = f.inventory.reserve(req("order-1", "KIT", "3", "A", "1"));
            assertEquals(Status.RESERVED, r.status());
            assertEquals(List.of(new Allocation("A", "HZ", 7), new Allocation("B", "HZ", 3)), r.allocations());
            assertEquals(1, f.inventory.view("KIT").sellable(), "A: 3 left -> 1 kit");
            assertThrows(InventoryException.class, () -> f.inventory.receive("KIT", "HZ", 1, "po", OPS), "kits hold no stock");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void partialStockIsTakenFromSeveralWarehousesOnlyWhenNoneHoldsAll(String kind) throws Exception {
        try (StockFixture f = fixture(kind)) {
            f.stock("A", "HZ", 6);
            f.stock("A", "SH", 4);
            f.stock("B", "SH", 5);
            // SH holds both lines: one parcel beats the preferred warehouse
            ReservationResult one = f.inventory.reserve(req("order-1", "A", "2", "B", "1"));
            assertEquals(List.of(new Allocation("A", "SH", 2), new Allocation("B", "SH", 1)), one.allocations());
            // 8 of A: no warehouse has 8 (HZ 6, SH 2) -> split, preferred first
            ReservationResult split = f.inventory.reserve(req("order-2", "A", "8"));
            assertEquals(List.of(new Allocation("A", "HZ", 6), new Allocation("A", "SH", 2)), split.allocations());
            ReservationResult none = f.inventory.reserve(req("order-3", "A", "1", "B", "5"));
            assertEquals(Status.OUT_OF_STOCK, none.status());
            assertEquals(List.of(new Shortage("A", 1, 0), new Shortage("B", 5, 4)), none.shortages());
            // a warehouse restriction is obeyed
            ReservationResult onlyHz = f.inventory.reserve(new ReservationRequest("order-4", "jd", List.of(new StockItem("B", 1)),
                    List.of("HZ")));
            assertEquals(Status.OUT_OF_STOCK, onlyHz.status());
            assertTrue(f.inventory.check().ok());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void reservationIsIdempotentAndReleaseOnCancelGivesStockBack(String kind) throws Exception {
        try (StockFixture f = fixture(kind)) {
            f.stock("A", "HZ", 5);
            ReservationResult first = f.inventory.reserve(req("order-7", "A", "3"));
            ReservationResult again = f.inventory.reserve(req("order-7", "A", "3"));
            assertEquals(Status.ALREADY_RESERVED, again.status());
            assertEquals(first.allocations(), again.allocations());
            assertEquals(3, reserved(f, "A"));
            assertEquals(1, f.count("SELECT COUNT(*) FROM stock_ledger WHERE movement = 'RESERVE'"));

            assertEquals(List.of(new Allocation("A", "HZ", 3)), f.inventory.release("order-7", OPS, "cancelled by buyer"));
            assertEquals(0, reserved(f, "A"));
            assertEquals(List.of(), f.inventory.release("order-7", OPS, "again"), "a second release is harmless");
            assertEquals(List.of(), f.inventory.held("order-7"));
            // a released reference may reserve again (the order came back from review)
            assertEquals(Status.RESERVED, f.inventory.reserve(req("order-7", "A", "2")).status());
            assertEquals(2, reserved(f, "A"));
            // ship: on hand and reserved go down together
            assertEquals(List.of(new Allocation("A", "HZ", 2)), f.inventory.ship("order-7", null, OPS));
            StockRow row = f.inventory.view("A").rows().get(0);
            assertEquals(3, row.onHand());
            assertEquals(0, row.reserved());
            assertEquals(List.of(), f.inventory.ship("order-7", null, OPS));
            LedgerCheck check = f.inventory.check();
            assertTrue(check.ok(), check.differences().toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void badInputIsRefusedAndChangesNothing(String kind) throws Exception {
        try (StockFixture f = fixture(kind)) {
            f.stock("A", "HZ", 5);
            f.inventory.reserve(req("order-1", "A", "2"));
            long ledger = f.count("SELECT COUNT(*) FROM stock_ledger");
            StockView before = f.inventory.view("A");

            refused("at least 1", () -> f.inventory.reserve(req("order-2", "A", "0")));
            refused("at least 1", () -> f.inventory.reserve(req("order-2", "A", "-3")));
            refused("maximum", () -> f.inventory.reserve(req("order-2", "A", "2000000000")));
            refused("unknown SKU 'NOPE'", () -> f.inventory.reserve(req("order-2", "A", "1", "NOPE", "1")));
            refused("no items", () -> f.inventory.reserve(req("order-2")));
            refused("reference", () -> f.inventory.reserve(req(" ", "A", "1")));
            refused("unknown warehouse 'XX'", () -> f.inventory.reserve(new ReservationRequest("order-2", "jd",
                    List.of(new StockItem("A", 1)), List.of("XX"))));
            refused("was ever reserved", () -> f.inventory.release("order-404", OPS, "cancel"));
            refused("was ever reserved", () -> f.inventory.ship("order-404", null, OPS));
            refused("unknown SKU", () -> f.inventory.receive("NOPE", "HZ", 1, "po", OPS));
            refused("unknown warehouse", () -> f.inventory.receive("A", "XX", 1, "po", OPS));
            refused("at least 1", () -> f.inventory.receive("A", "HZ", 0, "po", OPS));
            refused("below the 2 reserved", () -> f.inventory.adjust("A", "HZ", -4, OPS, "count"));
            refused("below 0", () -> f.inventory.adjust("A", "HZ", -6, OPS, "count"));
            refused("needs a reason", () -> f.inventory.adjust("A", "HZ", 1, OPS, " "));
            refused("0 changes nothing", () -> f.inventory.adjust("A", "HZ", 0, OPS, "count"));
            refused("safety", () -> f.inventory.setSafety("A", "HZ", -1, OPS));

            assertEquals(before, f.inventory.view("A"));
            assertEquals(ledger, f.count("SELECT COUNT(*) FROM stock_ledger"));
            assertEquals(1, f.count("SELECT COUNT(*) FROM reservation"));
            assertTrue(f.inventory.check().ok());
        }
    }

    private static void refused(String message, Executable call) {
        InventoryException e = assertThrows(InventoryException.class, call);
        assertTrue(e.getMessage().contains(message), "'" + e.getMessage() + "' should mention '" + message + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void movementsSafetyTransitAndTheLedgerCheckFindsTampering(String kind) throws Exception {
        try (StockFixture f = fixture(kind)) {
            f.stock("A", "HZ", 10);
            f.inventory.returnGoods("A", "HZ", 2, false, "rma-1", OPS);
            f.inventory.returnGoods("A", "HZ", 1, true, "rma-2", OPS);
            f.inventory.adjust("A", "HZ", -3, OPS, "stock count");
            f.inventory.setSafety("A", "HZ", 4, OPS);
            InTransit t = f.inventory.addInTransit("A", "SH", 20, InTransit.Kind.TRANSFER, LocalDate.of(2026, 12, 1), "tr-9");
            StockView v = f.inventory.view("A");
            assertEquals(List.of(new StockRow("A", "HZ", 9, 0, 4, 1)), v.rows());
            assertEquals(5, v.sellable(), "in transit and quarantine are not sellable");
            assertEquals(List.of(t), v.inTransit());
            assertEquals(5, f.inventory.ledger("A", 100).size());
            assertTrue(f.inventory.check().ok());

            try (Connection c = f.dataSource.getConnection()) {
                c.createStatement().executeUpdate("UPDATE stock SET on_hand = on_hand + 1 WHERE sku = 'A'");
            }
            LedgerCheck check = f.inventory.check();
            assertFalse(check.ok());
            assertEquals(1, check.differences().size());
            assertEquals("on_hand", check.differences().get(0).counter());
            assertEquals(10, check.differences().get(0).counterValue());
            assertEquals(9, check.differences().get(0).ledgerSum());
        }
    }
}

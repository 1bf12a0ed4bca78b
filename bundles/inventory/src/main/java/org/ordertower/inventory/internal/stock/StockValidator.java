package org.ordertower.inventory.internal.stock;

import static org.ordertower.inventory.internal.stock.DefaultInventoryService.MAX_QUANTITY;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.ordertower.api.inventory.InventoryException;
import org.ordertower.api.inventory.KitPart;
import org.ordertower.api.inventory.ReservationRequest;
import org.ordertower.api.inventory.StockItem;

/** Checks what callers hand the stock side (references, quantities, SKUs, warehouses, reservation requests). */
final class StockValidator {
    private static final int MAX_REFERENCE = 128;

    private final SkuDirectory skus;
    private final WarehouseDirectory warehouses;

    StockValidator(SkuDirectory skus, WarehouseDirectory warehouses) {
        this.skus = skus;
        this.warehouses = warehouses;
    }

    /** The request as the reserver takes it: kits replaced by their parts, quantities summed per SKU. */
    Pending pending(ReservationRequest r) {
        require(r != null, "a reservation request is required");
        requireReference(r.reference());
        require(!r.items().isEmpty(), "reservation " + r.reference() + " has no items");
        List<String> codes = new ArrayList<>();
        for (StockItem i : r.items()) {
            require(i != null && i.sku() != null && !i.sku().isBlank(), "reservation " + r.reference() + " has an item without a SKU");
            requireQuantity(i.quantity(), "item " + i.sku());
            codes.add(i.sku());
        }
        for (String w : r.warehouses()) {
            requireWarehouse(w);
        }
        Map<String, SkuDirectory.Entry> known = skus.lookup(codes);
        LinkedHashMap<String, Integer> items = new LinkedHashMap<>();
        for (StockItem i : r.items()) {
            SkuDirectory.Entry e = known.get(i.sku());
            require(e != null, "unknown SKU '" + i.sku() + "'");
            if (e.isKit()) {
                for (KitPart part : e.parts()) {
                    add(items, part.sku(), multiply(i.quantity(), part.quantity(), i.sku()));
                }
            } else {
                add(items, i.sku(), i.quantity());
            }
        }
        return new Pending(r.reference(), r.channel(), items, r.warehouses(), new CompletableFuture<>());
    }

    private static void add(Map<String, Integer> items, String sku, int qty) {
        int sum = items.getOrDefault(sku, 0) + qty;
        requireQuantity(sum, "SKU " + sku + " (all lines together)");
        items.put(sku, sum);
    }

    private static int multiply(int a, int b, String sku) {
        long p = (long) a * b;
        requireQuantity(p > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) p, "kit " + sku + " parts");
        return (int) p;
    }

    void requireWarehouse(String id) {
        warehouses.requireKnown(id);
    }

    void requirePlainSku(String sku) {
        require(sku != null && !sku.isBlank(), "a SKU is required");
        SkuDirectory.Entry e = skus.lookup(List.of(sku)).get(sku);
        require(e != null, "unknown SKU '" + sku + "'");
        require(!e.isKit(), sku + " is a kit; kits hold no stock of their own, move their parts");
    }

    static void requireReference(String reference) {
        require(reference != null && !reference.isBlank() && reference.length() <= MAX_REFERENCE,
                "a reference (order or document id) of 1-" + MAX_REFERENCE + " characters is required");
    }

    static void requireQuantity(int quantity, String what) {
        require(quantity >= 1, "quantity of " + what + " must be at least 1, not " + quantity);
        require(quantity <= MAX_QUANTITY, "quantity of " + what + " is " + quantity + ", more than the maximum " + MAX_QUANTITY);
    }

    static void requireCode(String code, String what, int max) {
        require(code != null && !code.isBlank() && code.length() <= max && code.chars().noneMatch(Character::isWhitespace),
                what + " must be 1-" + max + " characters without spaces, not '" + code + "'");
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new InventoryException(message);
        }
    }
}

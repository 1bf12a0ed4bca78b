package org.ordertower.inventory.internal.stock;

/** A stock row's key. Ordered by SKU, then warehouse: the one order in which rows are locked. */
record StockKey(String sku, String warehouse) implements Comparable<StockKey> {

    @Override
    public int compareTo(StockKey o) {
        int c = sku.compareTo(o.sku);
        return c != 0 ? c : warehouse.compareTo(o.warehouse);
    }
}

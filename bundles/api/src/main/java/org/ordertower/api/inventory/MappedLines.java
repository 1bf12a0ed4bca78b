package org.ordertower.api.inventory;

import java.util.List;

import org.ordertower.api.OrderLine;

/**
 * An order's lines after mapping through the catalog.
 *
 * @param lines every line with its master SKU set where a mapping exists and its quantity in master
 *     units; after each kit line come its parts, each with {@code parentLineNo} set to the kit line's
 *     {@code lineNo}, line number {@code <kit line>/<part sku>}, price and paid amount 0 (the kit
 *     line carries the money)
 * @param unmapped the channel SKU codes that have no mapping, in line order, without repeats; such
 *     lines keep a null master SKU and are never guessed
 * @param items what a reservation must hold: every plain master SKU with its units, kits replaced by
 *     their parts, unmapped lines left out
 */
public record MappedLines(List<OrderLine> lines, List<String> unmapped, List<StockItem> items) {

    public MappedLines {
        lines = List.copyOf(lines);
        unmapped = List.copyOf(unmapped);
        items = List.copyOf(items);
    }

    public boolean complete() {
        return unmapped.isEmpty();
    }

    /**
     * What a reservation must hold for mapped lines: every line with a master SKU that is not itself
     * expanded into parts (a kit line's parts carry its stock).
     */
    public static List<StockItem> itemsOf(List<OrderLine> lines) {
        java.util.Set<String> parents = new java.util.HashSet<>();
        for (OrderLine l : lines) {
            if (l.parentLineNo() != null) {
                parents.add(l.parentLineNo());
            }
        }
        List<StockItem> items = new java.util.ArrayList<>();
        for (OrderLine l : lines) {
            if (l.masterSku() != null && !parents.contains(l.lineNo())) {
                items.add(new StockItem(l.masterSku(), l.quantity()));
            }
        }
        return items;
    }
}

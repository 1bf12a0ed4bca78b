package org.ordertower.api.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.ordertower.api.inventory.StockItem;

/**
 * What screening remembers of an earlier order, for rules that look at a buyer's or an address's
 * recent orders.
 *
 * @param orderId the order
 * @param at when it was placed on the platform
 * @param paid what the buyer paid
 * @param items its master SKUs with quantities (kits as their parts)
 */
public record OrderFact(long orderId, Instant at, BigDecimal paid, List<StockItem> items) {

    public OrderFact {
        items = List.copyOf(items);
    }

    /** Units of one master SKU on this order. */
    public int units(String sku) {
        return items.stream().filter(i -> i.sku().equals(sku)).mapToInt(StockItem::quantity).sum();
    }
}

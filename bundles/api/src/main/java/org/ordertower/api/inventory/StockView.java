package org.ordertower.api.inventory;

import java.util.List;
import java.util.Map;

/**
 * Everything about one SKU's stock at one moment.
 *
 * @param sku the master SKU
 * @param rows the counters per warehouse, by warehouse id
 * @param inTransit stock on its way, not sellable
 * @param sellable total sellable over all warehouses (for a kit: what its parts allow)
 * @param perChannel sellable units offered to each channel that sells the SKU, after buffers and
 *     allocation rules
 * @param presale true when the SKU is under its presale threshold and offered as presale
 */
public record StockView(String sku, List<StockRow> rows, List<InTransit> inTransit, int sellable,
        Map<String, Integer> perChannel, boolean presale) {
}

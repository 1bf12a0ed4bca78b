package org.ordertower.api.fulfilment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of comparing one warehouse's stock with its warehouse system.
 *
 * @param warehouse the OrderTower warehouse id
 * @param wmsId the warehouse system
 * @param account the warehouse system account that runs the warehouse
 * @param at when the counts were taken
 * @param compared how many SKUs were compared
 * @param differences the SKUs that differ or could not be compared, by SKU
 * @param applied whether differences were applied
 */
public record StockReconciliation(String warehouse, String wmsId, String account, Instant at, int compared,
        List<StockDifference> differences, boolean applied) {
    public StockReconciliation {
        Objects.requireNonNull(warehouse, "warehouse");
        differences = List.copyOf(differences);
    }

    /** True when every compared count agrees. */
    public boolean clean() {
        return differences.isEmpty();
    }
}

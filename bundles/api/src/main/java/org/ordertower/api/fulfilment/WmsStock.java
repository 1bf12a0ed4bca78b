package org.ordertower.api.fulfilment;

import java.util.Objects;

/**
 * A warehouse system's count of one SKU (Qimen: {@code inventory.query}).
 *
 * @param warehouse the OrderTower warehouse id
 * @param sku the master SKU
 * @param good units of sellable quality (Qimen inventory type ZP)
 * @param defective units of defective quality (CC)
 * @param locked units the WMS holds for orders it has not shipped
 */
public record WmsStock(String warehouse, String sku, int good, int defective, int locked) {
    public WmsStock {
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(sku, "sku");
    }
}

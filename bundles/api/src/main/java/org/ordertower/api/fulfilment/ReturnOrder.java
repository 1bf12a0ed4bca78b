package org.ordertower.api.fulfilment;

import java.util.List;
import java.util.Objects;

/**
 * Goods a buyer sends back, announced to the return centre's warehouse system (Qimen: {@code returnorder.create},
 * order type THRK).
 *
 * @param code OrderTower's return order code, unique and stable (a repeat must not make a second one)
 * @param warehouse the OrderTower warehouse id of the return centre
 * @param deliveryCode the delivery order the goods left with
 * @param channel the marketplace
 * @param platformOrderId the marketplace's order id
 * @param refundId the marketplace's refund or after-sale id, may be null
 * @param carrierCode the carrier the buyer sends with, may be null when not known yet
 * @param trackingNo the buyer's tracking number, may be null when not known yet
 * @param sender the buyer, as the order stores it
 * @param reason the buyer's reason, may be null
 * @param lines the goods expected back, at least one
 */
public record ReturnOrder(String code, String warehouse, String deliveryCode, String channel, String platformOrderId,
        String refundId, String carrierCode, String trackingNo, Contact sender, String reason, List<ParcelLine> lines) {
    public ReturnOrder {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(warehouse, "warehouse");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("return order " + code + " has no lines");
        }
    }
}

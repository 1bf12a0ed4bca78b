package org.ordertower.api.fulfilment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One parcel's worth of goods for a warehouse to pick, pack and ship (Qimen: {@code deliveryorder.create}).
 *
 * @param code OrderTower's delivery order code, unique and stable: a second create with the same code must
 *     not make a second order (the WMS answers with the first one)
 * @param warehouse the OrderTower warehouse id
 * @param channel the marketplace the order came from ({@code taobao}, {@code jd}...)
 * @param shop the shop on that marketplace
 * @param platformOrderId the marketplace's order id
 * @param carrierCode the carrier the parcel must go with (standard code: {@code SF}, {@code ZTO}...)
 * @param waybillNo the e-waybill number OrderTower already got, or null for the WMS to get one itself
 * @param printData the e-waybill's print data (opaque, often encrypted for the carrier's print client), or null
 * @param receiver the receiver, as the order stores it
 * @param sender the sender (the warehouse's shipping address)
 * @param placedAt when the buyer placed the order
 * @param paidAt when it was paid, may be null
 * @param buyerNote the buyer's note, may be null
 * @param lines the goods, at least one
 */
public record DeliveryOrder(String code, String warehouse, String channel, String shop, String platformOrderId,
        String carrierCode, String waybillNo, String printData, Contact receiver, Contact sender, Instant placedAt,
        Instant paidAt, String buyerNote, List<ParcelLine> lines) {
    public DeliveryOrder {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(carrierCode, "carrierCode");
        Objects.requireNonNull(receiver, "receiver");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("delivery order " + code + " has no lines");
        }
    }
}

package org.ordertower.api.fulfilment;

import java.util.List;
import java.util.Objects;

/**
 * A request for one e-waybill (Cainiao: one {@code trade_order_info_dtos} entry of {@code cainiao.waybill.ii.get}).
 *
 * @param parcelId OrderTower's parcel id, the request's idempotency key (Cainiao's {@code object_id}): asking
 *     again for the same parcel gives the same waybill
 * @param carrierCode the carrier company (standard code: {@code SF}, {@code ZTO}, {@code YTO}...)
 * @param channel the marketplace the order came from (the waybill service checks the order belongs to it)
 * @param platformOrderId the marketplace's order id
 * @param sender the sender (the shipping warehouse's address and contact)
 * @param receiver the receiver as the order stores it
 * @param lines what the parcel holds
 * @param weightGrams the expected weight, 0 when not known
 */
public record WaybillRequest(String parcelId, String carrierCode, String channel, String platformOrderId,
        Contact sender, Contact receiver, List<ParcelLine> lines, int weightGrams) {
    public WaybillRequest {
        Objects.requireNonNull(parcelId, "parcelId");
        Objects.requireNonNull(carrierCode, "carrierCode");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receiver, "receiver");
        lines = List.copyOf(lines);
    }
}

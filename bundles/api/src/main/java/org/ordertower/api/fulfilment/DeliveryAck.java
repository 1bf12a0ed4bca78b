package org.ordertower.api.fulfilment;

import java.util.Objects;

/**
 * The warehouse system took a delivery (or return) order.
 *
 * @param code OrderTower's code
 * @param wmsOrderId the WMS's own id for it
 * @param repeated true when the WMS already had an order with this code (the create was a repeat)
 */
public record DeliveryAck(String code, String wmsOrderId, boolean repeated) {
    public DeliveryAck {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(wmsOrderId, "wmsOrderId");
    }
}

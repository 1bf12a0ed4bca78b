package org.ordertower.sim.cainiao;

import java.time.Instant;
import java.util.List;

/**
 * A waybill the simulator issued.
 *
 * @param cpCode the carrier
 * @param objectId the request id it was issued for
 * @param waybillCode the number
 * @param printData the opaque print data
 * @param trades the trade_order_list
 * @param fromCity the sender's city
 * @param toCity the recipient's city
 * @param issuedAt when, on the simulated clock
 */
record SimParcel(String cpCode, String objectId, String waybillCode, String printData, List<String> trades, String fromCity,
        String toCity, Instant issuedAt) {
}

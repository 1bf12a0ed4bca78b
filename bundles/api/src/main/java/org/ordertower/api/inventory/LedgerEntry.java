package org.ordertower.api.inventory;

import java.time.Instant;

/**
 * One row of the stock ledger. The counters of a stock row always equal the sums of its ledger.
 *
 * @param id increasing id
 * @param at when it was written
 * @param sku the master SKU
 * @param warehouse the warehouse id
 * @param movement the kind of movement
 * @param onHandDelta change of on hand
 * @param reservedDelta change of reserved
 * @param safetyDelta change of safety stock
 * @param quarantineDelta change of quarantine
 * @param reference the order or document that caused it
 * @param actor who did it
 * @param reason free text, may be null
 */
public record LedgerEntry(long id, Instant at, String sku, String warehouse, Movement movement, int onHandDelta,
        int reservedDelta, int safetyDelta, int quarantineDelta, String reference, String actor, String reason) {
}

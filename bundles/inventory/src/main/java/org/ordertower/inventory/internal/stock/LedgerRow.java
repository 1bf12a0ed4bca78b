package org.ordertower.inventory.internal.stock;

import org.ordertower.api.inventory.Movement;

/** A ledger row about to be written. */
record LedgerRow(StockKey key, Movement movement, int onHand, int reserved, int safety, int quarantine,
        String reference, String actor, String reason) {

    static LedgerRow of(StockKey key, Movement movement, int onHand, int reserved, String reference, String actor,
            String reason) {
        return new LedgerRow(key, movement, onHand, reserved, 0, 0, reference, actor, reason);
    }
}

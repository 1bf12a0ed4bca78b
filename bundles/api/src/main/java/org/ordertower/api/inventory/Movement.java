package org.ordertower.api.inventory;

/** The kinds of stock movement; each is written to the ledger with its reference. */
public enum Movement {
    /** Goods arrived: on hand up. */
    RECEIVE,
    /** Held for an order: reserved up. */
    RESERVE,
    /** An order's hold given back: reserved down. */
    RELEASE,
    /** Goods left for an order: on hand and reserved down. */
    SHIP,
    /** Goods came back sellable: on hand up. */
    RETURN,
    /** Goods came back damaged: quarantine up, not sellable. */
    QUARANTINE,
    /** A count correction by a person or a reconciliation: on hand up or down. */
    ADJUST,
    /** The safety stock of a row was changed. */
    SAFETY,
    /** Reserved goods left for another warehouse of the merchant: on hand and reserved down here. */
    TRANSFER_OUT,
    /** Reserved goods arrived from another warehouse: on hand and reserved up here, for the same reservation. */
    TRANSFER_IN
}

package org.ordertower.api.fulfilment;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Goods expected into a warehouse (Qimen: {@code entryorder.create}): a purchase from a supplier or a transfer
 * from another warehouse.
 *
 * @param code OrderTower's entry order code, unique and stable (a repeat must not make a second one)
 * @param warehouse the OrderTower warehouse id that receives
 * @param type what kind of inbound
 * @param supplier the supplier's code (purchase) or the sending warehouse id (transfer), may be null
 * @param expected the expected arrival date, may be null
 * @param lines the goods expected, at least one
 */
public record EntryOrder(String code, String warehouse, Type type, String supplier, LocalDate expected,
        List<ParcelLine> lines) {

    public enum Type {
        /** Purchase (Qimen CGRK). */
        PURCHASE,
        /** Transfer between warehouses (DBRK). */
        TRANSFER,
        /** Anything else (QTRK). */
        OTHER
    }

    public EntryOrder {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(type, "type");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("entry order " + code + " has no lines");
        }
    }
}

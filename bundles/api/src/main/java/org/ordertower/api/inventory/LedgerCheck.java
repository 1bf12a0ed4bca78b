package org.ordertower.api.inventory;

import java.util.List;

/**
 * The result of proving every stock counter against the ledger.
 *
 * @param rowsChecked stock rows compared
 * @param ledgerRows ledger rows summed
 * @param differences each counter that does not equal the sum of its ledger; empty when all agree
 */
public record LedgerCheck(int rowsChecked, long ledgerRows, List<Difference> differences) {

    public LedgerCheck {
        differences = List.copyOf(differences);
    }

    public boolean ok() {
        return differences.isEmpty();
    }

    /** A counter that disagrees with its ledger. */
    public record Difference(String sku, String warehouse, String counter, long counterValue, long ledgerSum) {
    }
}

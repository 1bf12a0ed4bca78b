package org.ordertower.shell.stock;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.LedgerCheck;

@Service
@Command(scope = "stock", name = "check", description = "Proves every stock counter equals the sum of its ledger; lists each difference")
public class CheckStockCommand implements Action {
    @Reference
    InventoryService inventory;

    @Override
    public Object execute() {
        LedgerCheck c = inventory.check();
        for (LedgerCheck.Difference d : c.differences()) {
            System.out.println("DIFFERENCE " + d.sku() + " " + d.warehouse() + " " + d.counter() + ": counter " + d.counterValue()
                    + ", ledger " + d.ledgerSum());
        }
        System.out.println((c.ok() ? "OK" : "FAILED") + ": " + c.rowsChecked() + " stock rows, " + c.ledgerRows() + " ledger rows, "
                + c.differences().size() + " differences");
        if (!c.ok()) {
            throw new IllegalStateException(c.differences().size() + " stock counters disagree with the ledger");
        }
        return null;
    }
}

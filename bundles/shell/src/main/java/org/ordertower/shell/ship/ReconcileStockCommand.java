package org.ordertower.shell.ship;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.api.fulfilment.StockDifference;
import org.ordertower.api.fulfilment.StockReconciliation;
import org.ordertower.shell.ShellUser;

@Service
@Command(scope = "ship", name = "reconcile", description = "Compares a warehouse's stock as its warehouse system counts it with "
        + "OrderTower's, SKU by SKU; --apply corrects sellable stock through ledgered adjustments")
public class ReconcileStockCommand implements Action {
    @Reference
    FulfilmentService fulfilment;

    @Argument(index = 0, name = "warehouse", description = "The OrderTower warehouse id, for example HZ", required = true)
    String warehouse;

    @Option(name = "--apply", description = "Correct on hand to the WMS's count (a ledger row per SKU, reason wms-reconcile)")
    boolean apply;

    @Override
    public Object execute() {
        StockReconciliation r = fulfilment.reconcileStock(warehouse, apply, ShellUser.actor());
        System.out.printf("%s with %s/%s: %d SKUs compared, %d differ%n", r.warehouse(), r.wmsId(), r.account(), r.compared(),
                r.differences().size());
        if (r.clean()) {
            return null;
        }
        System.out.printf("%-20s %-9s %8s %8s %6s %9s %-9s %s%n", "SKU", "QUALITY", "ORDERTWR", "WMS", "DELTA", "IN FLIGHT",
                "OUTCOME", "NOTE");
        for (StockDifference d : r.differences()) {
            System.out.printf("%-20s %-9s %8d %8d %+6d %9d %-9s %s%n", d.sku(), d.quality(), d.ours(), d.wms(), d.delta(),
                    d.inFlight(), d.outcome(), d.note());
        }
        if (!apply) {
            System.out.println("Nothing changed; run again with --apply to correct sellable stock through the ledger.");
        }
        return null;
    }
}

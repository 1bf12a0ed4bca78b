package org.ordertower.shell.stock;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.StockRow;
import org.ordertower.shell.ShellUser;

@Service
@Command(scope = "stock", name = "receive", description = "Books goods received into a warehouse (on hand up), with the document")
public class ReceiveStockCommand implements Action {
    @Reference
    InventoryService inventory;

    @Argument(index = 0, name = "sku", required = true)
    String sku;

    @Argument(index = 1, name = "warehouse", required = true)
    String warehouse;

    @Argument(index = 2, name = "quantity", required = true)
    int quantity;

    @Option(name = "--ref", description = "The receipt or purchase document", required = true)
    String reference;

    @Override
    public Object execute() {
        StockRow r = inventory.receive(sku, warehouse, quantity, reference, ShellUser.actor());
        System.out.println(r.sku() + " in " + r.warehouse() + ": on hand " + r.onHand() + ", sellable " + r.sellable());
        return null;
    }
}

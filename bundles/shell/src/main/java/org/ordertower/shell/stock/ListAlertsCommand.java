package org.ordertower.shell.stock;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.StockAlert;

@Service
@Command(scope = "stock", name = "alerts", description = "Low-stock alerts: under threshold with a 24-hour forecast above what is left")
public class ListAlertsCommand implements Action {
    @Reference
    InventoryService inventory;

    @Option(name = "--limit", aliases = "-n")
    int limit = 30;

    @Override
    public Object execute() {
        ShellTable t = new ShellTable();
        t.column("At");
        t.column("SKU");
        t.column("Sellable").alignRight();
        t.column("Threshold").alignRight();
        t.column("Forecast 24h").alignRight();
        for (StockAlert a : inventory.alerts(limit)) {
            t.addRow().addContent(a.at(), a.sku(), a.sellable(), a.threshold(), Math.round(a.forecast24h()));
        }
        t.print(System.out);
        return null;
    }
}

package org.ordertower.shell.stock;

import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.ordertower.api.inventory.InTransit;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.StockRow;
import org.ordertower.api.inventory.StockView;

@Service
@Command(scope = "stock", name = "show", description = "Shows a SKU's stock per warehouse, in transit, and what each channel is offered")
public class ShowStockCommand implements Action {
    @Reference
    InventoryService inventory;

    @Argument(index = 0, name = "sku", description = "The master SKU", required = true)
    String sku;

    @Override
    public Object execute() {
        StockView v = inventory.view(sku);
        ShellTable t = new ShellTable();
        t.column("Warehouse");
        t.column("On hand").alignRight();
        t.column("Reserved").alignRight();
        t.column("Safety").alignRight();
        t.column("Quarantine").alignRight();
        t.column("Sellable").alignRight();
        for (StockRow r : v.rows()) {
            t.addRow().addContent(r.warehouse(), r.onHand(), r.reserved(), r.safety(), r.quarantine(), r.sellable());
        }
        t.print(System.out);
        for (InTransit i : v.inTransit()) {
            System.out.println("in transit: " + i.quantity() + " to " + i.warehouse() + " (" + i.kind() + " " + i.reference()
                    + (i.expected() == null ? "" : ", expected " + i.expected()) + ") - not sellable");
        }
        System.out.println(v.sku() + ": sellable " + v.sellable() + (v.presale() ? " (offered as PRESALE)" : ""));
        for (Map.Entry<String, Integer> e : v.perChannel().entrySet()) {
            System.out.println("  " + e.getKey() + ": " + e.getValue());
        }
        return null;
    }
}

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
@Command(scope = "stock", name = "adjust", description = "Corrects on hand by a signed delta, with a reason; written to the ledger. "
        + "Options go first: stock:adjust -r breakage SKU1 HZ -3")
public class AdjustStockCommand implements Action {
    @Reference
    InventoryService inventory;

    @Argument(index = 0, name = "sku", required = true)
    String sku;

    @Argument(index = 1, name = "warehouse", required = true)
    String warehouse;

    @Argument(index = 2, name = "delta", description = "Units to add (+5, 5) or remove (-5)", required = true)
    String delta;

    @Option(name = "--reason", aliases = "-r", description = "Why (stock count, breakage, ...)", required = true)
    String reason;

    @Option(name = "--safety", description = "Set the safety stock to this value instead of adjusting on hand")
    boolean safety;

    @Override
    public Object execute() {
        int n;
        try {
            n = Integer.parseInt(delta.startsWith("+") ? delta.substring(1) : delta);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("delta must be a whole number like +5 or -3, not '" + delta + "'");
        }
        StockRow r = safety ? inventory.setSafety(sku, warehouse, n, ShellUser.actor())
                : inventory.adjust(sku, warehouse, n, ShellUser.actor(), reason);
        System.out.println(r.sku() + " in " + r.warehouse() + ": on hand " + r.onHand() + ", reserved " + r.reserved() + ", safety "
                + r.safety() + ", sellable " + r.sellable());
        return null;
    }
}

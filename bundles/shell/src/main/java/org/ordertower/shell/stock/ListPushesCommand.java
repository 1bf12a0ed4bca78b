package org.ordertower.shell.stock;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.StockPush;

@Service
@Command(scope = "stock", name = "pushes", description = "Recent stock pushes to the channels, newest first, with failures")
public class ListPushesCommand implements Action {
    @Reference
    InventoryService inventory;

    @Option(name = "--limit", aliases = "-n", description = "How many, 1 to 10000")
    int limit = 30;

    @Option(name = "--failed", aliases = "-f", description = "Only failures")
    boolean failed;

    @Override
    public Object execute() {
        ShellTable t = new ShellTable();
        t.column("At");
        t.column("Channel");
        t.column("Shop");
        t.column("Channel SKU");
        t.column("Qty").alignRight();
        t.column("Result");
        t.column("Try").alignRight();
        t.column("Lag ms").alignRight();
        int shown = 0;
        for (StockPush p : inventory.recentPushes(10_000)) {
            if (failed && p.ok()) {
                continue;
            }
            if (shown++ >= limit) {
                break;
            }
            t.addRow().addContent(p.at(), p.channel(), p.shop(), p.channelSku(), p.quantity() + (p.presale() ? " presale" : ""),
                    p.ok() ? "ok" : p.error(), p.attempt(), p.lagMillis());
        }
        t.print(System.out);
        return null;
    }
}

package org.ordertower.shell.stock;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.ordertower.api.inventory.ChannelAllocation;
import org.ordertower.api.inventory.InventoryService;

@Service
@Command(scope = "stock", name = "allocate", description = "Sets how much of a SKU's (or, with *, every SKU's) stock a channel is offered; "
        + "without arguments lists the rules")
public class AllocateStockCommand implements Action {
    @Reference
    InventoryService inventory;

    @Argument(index = 0, name = "sku", description = "A master SKU, or * for the channel's default")
    String sku;

    @Argument(index = 1, name = "channel")
    String channel;

    @Option(name = "--share", description = "Percent of the stock left after keeps and buffer, 1-100")
    Integer share;

    @Option(name = "--cap", description = "At most this many units")
    Integer cap;

    @Option(name = "--keep", description = "Units kept for this channel only (say, the live stream)")
    int keep;

    @Option(name = "--buffer", description = "Units withheld from this channel")
    int buffer;

    @Override
    public Object execute() {
        if (sku != null) {
            if (channel == null) {
                throw new IllegalArgumentException("a channel is required: stock:allocate <sku|*> <channel> [--share] [--cap] [--keep] [--buffer]");
            }
            inventory.saveAllocation(new ChannelAllocation(sku, channel, share, cap, keep, buffer));
        }
        ShellTable t = new ShellTable();
        t.column("SKU");
        t.column("Channel");
        t.column("Share %").alignRight();
        t.column("Cap").alignRight();
        t.column("Keep").alignRight();
        t.column("Buffer").alignRight();
        for (ChannelAllocation a : inventory.allocations()) {
            t.addRow().addContent(a.sku(), a.channel(), a.sharePercent() == null ? "" : a.sharePercent(),
                    a.cap() == null ? "" : a.cap(), a.keep(), a.buffer());
        }
        t.print(System.out);
        return null;
    }
}

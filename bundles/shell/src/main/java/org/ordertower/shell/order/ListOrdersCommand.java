package org.ordertower.shell.order;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.ordertower.api.Order;
import org.ordertower.api.OrderQuery;
import org.ordertower.api.OrderService;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.Page;

@Service
@Command(scope = "order", name = "list", description = "Lists orders, newest first")
public class ListOrdersCommand implements Action {
    @Reference
    OrderService orders;

    @Option(name = "--status", aliases = "-s", description = "Only orders in this status (RECEIVED, READY, ...)")
    String status;

    @Option(name = "--channel", aliases = "-c", description = "Only this channel")
    String channel;

    @Option(name = "--shop", description = "Only this shop")
    String shop;

    @Option(name = "--page", aliases = "-p", description = "Page number, from 1")
    int page = 1;

    @Option(name = "--size", description = "Orders per page, 1 to 500")
    int size = 20;

    @Override
    public Object execute() throws Exception {
        OrderStatus st = status == null ? null : OrderStatus.parse(status);
        Page<Order> p = orders.search(new OrderQuery(st, channel, shop, page, size));
        ShellTable t = new ShellTable();
        t.column("Id").alignRight();
        t.column("Channel");
        t.column("Shop");
        t.column("Platform order");
        t.column("Status");
        t.column("Risk");
        t.column("Payment");
        t.column("Paid").alignRight();
        t.column("Lines").alignRight();
        t.column("Received");
        for (Order o : p.items()) {
            t.addRow().addContent(o.id(), o.content().channel(), o.content().shop(), o.content().platformOrderId(),
                    o.status(), o.riskLevel(), o.content().paymentStatus(),
                    o.content().amounts().currency() + " " + o.content().amounts().paid().toPlainString(),
                    o.content().lines().size(), OrderFormat.time(o.receivedAt()));
        }
        t.print(System.out);
        System.out.println("page " + p.page() + " of " + Math.max(1, p.pages()) + ", " + p.total() + " orders");
        return null;
    }
}

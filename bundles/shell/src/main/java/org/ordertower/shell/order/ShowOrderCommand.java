package org.ordertower.shell.order;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.AuditEntry;
import org.ordertower.api.Order;
import org.ordertower.api.OrderNotFoundException;
import org.ordertower.api.OrderService;
import org.ordertower.shell.ShellUser;

@Service
@Command(scope = "order", name = "show", description = "Shows one order with its lines and audit timeline")
public class ShowOrderCommand implements Action {

    @Reference
    OrderService orders;

    @Argument(index = 0, name = "id", description = "The order id", required = true)
    long id;

    @Option(name = "--unmask", description = "Show buyer data unmasked (roles pii or supervisor only)")
    boolean unmask;

    @Override
    public Object execute() throws Exception {
        // the order service decides what the logged-in user may see (--unmask needs pii or supervisor)
        Order o = orders.view(id, ShellUser.caller(), unmask).orElseThrow(() -> new OrderNotFoundException(id));
        List<AuditEntry> timeline = orders.timeline(id);
        OrderFormat.print(o, timeline, System.out);
        return null;
    }
}

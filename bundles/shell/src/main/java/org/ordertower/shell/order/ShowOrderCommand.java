package org.ordertower.shell.order;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.Access;
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
        if (unmask && !hasPiiRole()) {
            throw new IllegalArgumentException("--unmask needs one of the roles " + Access.BUYER_DATA);
        }
        Order o = orders.find(id).orElseThrow(() -> new OrderNotFoundException(id));
        List<AuditEntry> timeline = orders.timeline(id);
        OrderFormat.print(unmask ? o : o.masked(), timeline, System.out);
        return null;
    }

    static boolean hasPiiRole() {
        return Access.maySeeBuyerData(ShellUser::hasRole);
    }
}

package org.ordertower.shell.ship;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.ParcelView;

@Service
@Command(scope = "ship", name = "parcels", description = "An order's parcels (warehouse, carrier, tracking, where they "
        + "are, why routed so), or with --stuck the parcels that stopped moving")
public class ParcelsCommand implements Action {
    @Reference
    FulfilmentService fulfilment;

    @Option(name = "--stuck", description = "List the parcels the parcel watch flagged as not moving")
    boolean stuck;

    @Argument(index = 0, name = "order", description = "The order id")
    Long order;

    @Override
    public Object execute() {
        if (stuck == (order != null)) {
            System.err.println("Give an order id, or --stuck.");
            return null;
        }
        List<ParcelView> parcels = stuck ? fulfilment.stuck(200) : fulfilment.parcels(order);
        if (parcels.isEmpty()) {
            System.out.println(stuck ? "No stuck parcels." : "Order " + order + " has no parcels (not routed yet).");
            return null;
        }
        for (ParcelView p : parcels) {
            System.out.printf("%-12s order %-8d %-9s %-4s %-6s %-20s last %-16s %s%n", p.code(), p.orderId(),
                    p.status(), p.warehouse(), p.carrier(), p.trackingNo() == null ? "-" : p.trackingNo(),
                    p.lastState() == null ? "-" : p.lastState() + " " + FailedCallsCommand.TIME.format(p.lastEventAt()),
                    p.stuckSince() == null ? "" : "STUCK since " + FailedCallsCommand.TIME.format(p.stuckSince()));
            StringBuilder lines = new StringBuilder();
            for (ParcelLine l : p.lines()) {
                lines.append(lines.length() == 0 ? "" : ", ").append(l.sku()).append(" x").append(l.quantity());
            }
            System.out.println("             " + lines + "; " + (p.routeReason() == null ? "" : p.routeReason()));
        }
        return null;
    }
}

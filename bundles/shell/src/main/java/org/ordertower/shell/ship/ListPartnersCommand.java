package org.ordertower.shell.ship;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.fulfilment.CarrierConnector;
import org.ordertower.api.fulfilment.PartnerPlatform;
import org.ordertower.api.fulfilment.WarehouseConnector;

@Service
@Command(scope = "ship", name = "partners", description = "The warehouse systems and carrier services installed, with "
        + "their configured accounts")
public class ListPartnersCommand implements Action {
    @Reference(optional = true)
    List<PartnerPlatform> platforms = List.of();

    @Reference(optional = true)
    List<WarehouseConnector> warehouses = List.of();

    @Reference(optional = true)
    List<CarrierConnector> carriers = List.of();

    @Override
    public Object execute() {
        List<String> out = lines(platforms, warehouses, carriers);
        if (out.isEmpty()) {
            System.out.println("No warehouse system or carrier service is installed (feature:install ordertower-wms-qimen, "
                    + "ordertower-carrier-cainiao, ordertower-carrier-kuaidi100).");
        }
        out.forEach(System.out::println);
        return null;
    }

    /** One line per partner, then one per account; accounts of a partner whose bundle gives no platform come last. */
    static List<String> lines(List<PartnerPlatform> platforms, List<WarehouseConnector> warehouses,
            List<CarrierConnector> carriers) {
        TreeSet<String> ids = new TreeSet<>();
        platforms.forEach(p -> ids.add(p.partnerId()));
        warehouses.forEach(w -> ids.add(w.wmsId()));
        carriers.forEach(c -> ids.add(c.carrierId()));
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            PartnerPlatform p = platforms.stream().filter(x -> x.partnerId().equals(id)).findFirst().orElse(null);
            out.add(String.format("%-10s %-8s %s", id, p == null ? "" : p.kind(), p == null ? "" : p.displayName()));
            int accounts = 0;
            for (WarehouseConnector w : warehouses) {
                if (w.wmsId().equals(id)) {
                    out.add("    account " + w.account() + ": warehouses " + new TreeSet<>(w.warehouses()));
                    accounts++;
                }
            }
            for (CarrierConnector c : carriers) {
                if (c.carrierId().equals(id)) {
                    out.add("    account " + c.account() + ": " + new TreeSet<>(c.capabilities())
                            + (c.carriers().isEmpty() ? "" : " for " + new TreeSet<>(c.carriers())));
                    accounts++;
                }
            }
            if (accounts == 0) {
                out.add("    no account configured (etc/org.ordertower." + (p != null && p.kind() == PartnerPlatform.Kind.WMS
                        ? "wms." : "carrier.") + id + "-<account>.cfg)");
            }
        }
        return out;
    }
}

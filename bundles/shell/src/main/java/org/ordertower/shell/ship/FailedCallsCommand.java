package org.ordertower.shell.ship;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.fulfilment.FailedCall;
import org.ordertower.api.fulfilment.FulfilmentService;

@Service
@Command(scope = "ship", name = "failed", description = "Calls to marketplaces, warehouses and carriers that failed for "
        + "good (tracking write-backs, waybills, delivery orders...), oldest first; ship:retry replays them")
public class FailedCallsCommand implements Action {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Reference
    FulfilmentService fulfilment;

    @Option(name = "--limit", description = "How many, at most 1000")
    int limit = 50;

    @Override
    public Object execute() {
        var failed = fulfilment.failed(Math.max(1, Math.min(limit, 1000)));
        if (failed.isEmpty()) {
            System.out.println("No failed calls.");
            return null;
        }
        System.out.printf("%6s %-19s %-14s %8s %-12s %3s %-28s %s%n", "ID", "SINCE (UTC)", "KIND", "ORDER", "PARCEL", "ATT",
                "WHAT", "LAST ERROR");
        for (FailedCall f : failed) {
            System.out.printf("%6d %-19s %-14s %8d %-12s %3d %-28s %s%n", f.id(), TIME.format(f.createdAt()), f.kind(),
                    f.orderId(), f.parcelCode() == null ? "-" : f.parcelCode(), f.attempts(), f.what() == null ? "-" : f.what(),
                    f.lastError());
        }
        return null;
    }
}

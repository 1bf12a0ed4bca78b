package org.ordertower.shell.ship;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.shell.ShellUser;

@Service
@Command(scope = "ship", name = "retry", description = "Replays a failed call now (attempts counted from zero), or all "
        + "of them with --all")
public class RetryCallCommand implements Action {
    @Reference
    FulfilmentService fulfilment;

    @Option(name = "--all", description = "Replay every failed call (of --kind, when given)")
    boolean all;

    @Option(name = "--kind", description = "With --all: only calls of this kind (WRITE_BACK, REFUND, WAYBILL, WMS_CREATE...)")
    String kind;

    @Argument(index = 0, name = "id", description = "The failed call's id, as ship:failed shows it")
    Long id;

    @Override
    public Object execute() {
        if (all == (id != null)) {
            System.err.println("Give either a failed call's id or --all.");
            return null;
        }
        if (all) {
            int n = fulfilment.retryAll(kind == null ? null : kind.strip().toUpperCase(java.util.Locale.ROOT),
                    ShellUser.actor());
            System.out.println("Replaying " + n + " failed calls.");
            return null;
        }
        try {
            fulfilment.retry(id, ShellUser.actor());
            System.out.println("Replaying call " + id + ".");
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
        }
        return null;
    }
}

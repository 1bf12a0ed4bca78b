package org.ordertower.shell.channel;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.Reconciliation;

@Service
@Command(scope = "channel", name = "reconcile", description = "Orders one path (pull, push) saw and the other did not")
public class ReconcileChannelCommand implements Action {
    @Reference
    ChannelService channels;

    @Argument(index = 0, name = "channel", description = "The channel id", required = true)
    String channel;

    @Argument(index = 1, name = "shop", description = "The shop", required = true)
    String shop;

    @Option(name = "--since", description = "ISO instant (2026-11-11T00:00:00Z) or a duration back (PT6H, P1D); default PT24H")
    String since = "PT24H";

    @Override
    public Object execute() {
        Instant from;
        try {
            from = since.startsWith("P") ? Instant.now().minus(Duration.parse(since)) : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since must be an ISO instant like 2026-11-11T00:00:00Z or a duration like PT6H: '"
                    + since + "'");
        }
        Reconciliation r = channels.reconcile(channel, shop, from);
        System.out.printf("%s %s since %s: %d orders seen; pulls cover up to %s%n", channel, shop, ChannelFormat.time(r.since()),
                r.seen(), ChannelFormat.time(r.pulledCoveredTo()));
        if (!r.pushes()) {
            System.out.println("This channel takes no pushes: every order is pulled by design.");
            return null;
        }
        System.out.println("Pulled but never pushed (a lost push): " + r.onlyPulled().size());
        r.onlyPulled().forEach(id -> System.out.println("  " + id));
        System.out.println("Pushed but never pulled (a pull window missed it): " + r.onlyPushed().size());
        r.onlyPushed().forEach(id -> System.out.println("  " + id));
        if (r.awaitingPull() > 0) {
            System.out.println("Pushed after the last pulled window (not comparable yet): " + r.awaitingPull());
        }
        return null;
    }
}

package org.ordertower.shell.channel;

import java.time.Duration;
import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.ShopStatus;

@Service
@Command(scope = "channel", name = "list", description = "Configured shops: capabilities, lease, cursor, last pull, pull lag, counts, last error")
public class ListChannelsCommand implements Action {
    @Reference
    ChannelService channels;

    @Override
    public Object execute() {
        if (channels.shops().isEmpty()) {
            System.out.println("No shop is configured. Platforms installed: " + channels.platforms()
                    + ". Add etc/org.ordertower.channel.<platform>-<shop>.cfg to configure one.");
            return null;
        }
        System.out.printf("%-8s %-20s %-5s %-20s %-20s %8s %8s %7s  %s%n", "channel", "shop", "lease", "cursor", "last pull",
                "lag", "pulled", "events", "last error");
        Instant now = Instant.now();
        for (ShopStatus s : channels.shops()) {
            String lag = s.caughtUpTo() == null ? "-" : Duration.between(s.caughtUpTo(), now).toSeconds() + "s";
            System.out.printf("%-8s %-20s %-5s %-20s %-20s %8s %8d %7d  %s%n", s.channel(), s.shop(), s.owned() ? "yes" : "no",
                    ChannelFormat.time(s.cursor()) + (s.page() == null ? "" : "+"), ChannelFormat.time(s.lastPullAt()), lag,
                    s.ordersPulled(), s.eventsReceived(), s.lastError() == null ? "" : s.lastError());
        }
        System.out.println("(cursor+ : a window is part-way through its pages; lag: now minus the end of the last complete window)");
        return null;
    }
}

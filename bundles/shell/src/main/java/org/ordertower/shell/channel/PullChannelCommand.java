package org.ordertower.shell.channel;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.PullReport;

@Service
@Command(scope = "channel", name = "pull", description = "Pull a shop now, up to the platform's clock minus its lag")
public class PullChannelCommand implements Action {
    @Reference
    ChannelService channels;

    @Argument(index = 0, name = "channel", description = "The channel id, for example taobao", required = true)
    String channel;

    @Argument(index = 1, name = "shop", description = "The shop, as configured", required = true)
    String shop;

    @Override
    public Object execute() {
        PullReport r = channels.pull(channel, shop);
        System.out.printf("%s %s: %d windows, %d pages, %d orders (%d stored, %d unchanged, %d dead-lettered); caught up to %s%n",
                channel, shop, r.windows(), r.pages(), r.orders(), r.stored(), r.unchanged(), r.deadLettered(),
                ChannelFormat.time(r.caughtUpTo()));
        return null;
    }
}

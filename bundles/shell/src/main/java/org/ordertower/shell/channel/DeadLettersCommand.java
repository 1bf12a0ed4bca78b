package org.ordertower.shell.channel;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.DeadLetter;

@Service
@Command(scope = "channel", name = "dead", description = "Platform payloads and events that could not become orders, newest first")
public class DeadLettersCommand implements Action {
    @Reference
    ChannelService channels;

    @Option(name = "--channel", description = "Only this channel")
    String channel;

    @Option(name = "--limit", description = "How many, at most 1000")
    int limit = 20;

    @Override
    public Object execute() {
        for (DeadLetter d : channels.deadLetters(channel, limit)) {
            System.out.printf("%6d %s %-8s %-16s %-7s %-22s %s%n", d.id(), ChannelFormat.time(d.at()), d.channel(), d.shop(),
                    d.source(), d.platformOrderId() == null ? "-" : d.platformOrderId(), d.reason());
        }
        return null;
    }
}

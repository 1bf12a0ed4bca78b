package org.ordertower.shell.sim;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.RunningSimulator;

@Service
@Command(scope = "sim", name = "status", description = "The simulators running on this node, with their counters")
public class SimulatorStatusCommand implements Action {
    @Reference
    ChannelService channels;

    @Override
    public Object execute() {
        if (channels.simulators().isEmpty()) {
            System.out.println("No simulator runs. Platforms installed: " + channels.platforms());
        }
        for (RunningSimulator s : channels.simulators()) {
            System.out.printf("%-8s port %-5d %s %s%n", s.channelId(), s.port(), s.gatewayUrl(), s.counters());
        }
        return null;
    }
}

package org.ordertower.shell.sim;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.RunningSimulator;
import org.ordertower.api.fulfilment.FulfilmentService;

@Service
@Command(scope = "sim", name = "status", description = "The simulators running on this node (marketplaces, warehouse "
        + "systems, carriers), with their counters")
public class SimulatorStatusCommand implements Action {
    @Reference(optional = true)
    ChannelService channels;

    @Reference(optional = true)
    FulfilmentService fulfilment;

    @Override
    public Object execute() {
        Simulators sims = new Simulators(channels, fulfilment);
        List<RunningSimulator> running = sims.running();
        if (running.isEmpty()) {
            System.out.println("No simulator runs. Installed: channels " + sims.channelIds()
                    + ", warehouse systems and carriers " + sims.partnerIds());
        }
        for (RunningSimulator s : running) {
            System.out.printf("%-9s port %-5d %s %s%n", s.channelId(), s.port(), s.gatewayUrl(), s.counters());
        }
        return null;
    }
}

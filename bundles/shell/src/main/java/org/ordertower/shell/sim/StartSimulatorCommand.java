package org.ordertower.shell.sim;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.RunningSimulator;
import org.ordertower.api.channel.SimulatorOptions;
import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.shell.KeyValues;

@Service
@Command(scope = "sim", name = "start", description = "Start a marketplace's, warehouse system's or carrier's simulator on "
        + "this node (for demos and tests)")
public class StartSimulatorCommand implements Action {
    @Reference(optional = true)
    ChannelService channels;

    @Reference(optional = true)
    FulfilmentService fulfilment;

    @Argument(index = 0, name = "platform", description = "The platform or partner, for example taobao or qimen", required = true)
    String platform;

    @Option(name = "--port", description = "Port to listen on (0: any free port)")
    int port;

    @Option(name = "--rate", description = "Orders generated per minute (marketplaces only)")
    double rate = 30;

    @Option(name = "--peak", description = "Peak mode: 20 times the rate")
    boolean peak;

    @Option(name = "--set", description = "A simulator setting key=value (appKey, appSecret, shop, pushUrl, callbackUrl, "
            + "timeScale...); repeatable", multiValued = true)
    List<String> settings = List.of();

    @Override
    public Object execute() {
        Simulators sims = new Simulators(channels, fulfilment);
        SimulatorOptions options = new SimulatorOptions(port, rate, peak, KeyValues.parse(settings, "--set options"));
        boolean channel = sims.owner(platform) == Simulators.Owner.CHANNEL;
        RunningSimulator sim = sims.start(platform, options);
        System.out.printf("%s simulator on port %d, gateway %s%s%n", sim.channelId(), sim.port(), sim.gatewayUrl(),
                channel ? ", " + rate + " orders/min" + (peak ? " x20 (peak)" : "") : "");
        return null;
    }
}

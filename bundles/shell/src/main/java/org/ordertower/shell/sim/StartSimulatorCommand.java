package org.ordertower.shell.sim;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.Simulator;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.api.sim.SimulatorService;
import org.ordertower.shell.KeyValues;

@Service
@Command(scope = "sim", name = "start", description = "Start a marketplace's, warehouse system's or carrier's simulator on "
        + "this node (for demos and tests; its feature ordertower-sim-<platform> must be installed)")
public class StartSimulatorCommand implements Action {
    @Reference(optional = true)
    SimulatorService simulators;

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
        SimulatorService sims = SimulatorStatusCommand.require(simulators);
        SimulatorOptions options = new SimulatorOptions(port, rate, peak, KeyValues.parse(settings, "--set options"));
        RunningSimulator sim = sims.start(platform, options);
        boolean channel = sims.installed().stream()
                .anyMatch(s -> s.platformId().equals(platform) && s.kind() == Simulator.Kind.CHANNEL);
        System.out.printf("%s simulator on port %d, gateway %s%s%n", sim.channelId(), sim.port(), sim.gatewayUrl(),
                channel ? ", " + rate + " orders/min" + (peak ? " x20 (peak)" : "") : "");
        return null;
    }
}

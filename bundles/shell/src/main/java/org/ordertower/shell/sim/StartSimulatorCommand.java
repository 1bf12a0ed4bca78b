package org.ordertower.shell.sim;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.RunningSimulator;
import org.ordertower.api.channel.SimulatorOptions;

@Service
@Command(scope = "sim", name = "start", description = "Start a platform's simulator on this node (for demos and tests)")
public class StartSimulatorCommand implements Action {
    @Reference
    ChannelService channels;

    @Argument(index = 0, name = "platform", description = "The platform, for example taobao", required = true)
    String platform;

    @Option(name = "--port", description = "Port to listen on (0: any free port)")
    int port;

    @Option(name = "--rate", description = "Orders generated per minute")
    double rate = 30;

    @Option(name = "--peak", description = "Peak mode: 20 times the rate")
    boolean peak;

    @Option(name = "--set", description = "A simulator setting key=value (appKey, appSecret, shop, pushUrl...); repeatable",
            multiValued = true)
    List<String> settings = List.of();

    @Override
    public Object execute() {
        Map<String, String> map = new TreeMap<>();
        for (String s : settings) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set takes key=value; '" + s + "' is not");
            }
            map.put(s.substring(0, eq), s.substring(eq + 1));
        }
        RunningSimulator sim = channels.startSimulator(platform, new SimulatorOptions(port, rate, peak, map));
        System.out.printf("%s simulator on port %d, gateway %s, %s orders/min%s%n", sim.channelId(), sim.port(), sim.gatewayUrl(),
                rate, peak ? " x20 (peak)" : "");
        return null;
    }
}

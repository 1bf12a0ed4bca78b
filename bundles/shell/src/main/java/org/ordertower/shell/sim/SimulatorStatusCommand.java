package org.ordertower.shell.sim;

import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.Simulator;
import org.ordertower.api.sim.SimulatorService;

@Service
@Command(scope = "sim", name = "status", description = "The simulators running on this node (marketplaces, warehouse "
        + "systems, carriers), with their counters, and those installed")
public class SimulatorStatusCommand implements Action {
    @Reference(optional = true)
    SimulatorService simulators;

    @Override
    public Object execute() {
        if (simulators == null) {
            System.out.println("No simulators are installed on this node (features ordertower-sim-<platform>).");
            return null;
        }
        SimulatorService sims = simulators;
        List<RunningSimulator> running = sims.running();
        if (running.isEmpty()) {
            System.out.println("No simulator runs. Installed: " + installed(sims.installed()));
        }
        for (RunningSimulator s : running) {
            System.out.printf("%-9s port %-5d %s %s%n", s.channelId(), s.port(), s.gatewayUrl(), s.counters());
        }
        return null;
    }

    /** {@code taobao (channel), qimen (wms)}, or {@code none}. */
    static String installed(List<Simulator> installed) {
        return installed.isEmpty() ? "none" : String.join(", ", installed.stream()
                .map(s -> s.platformId() + " (" + s.kind().name().toLowerCase(Locale.ROOT) + ")").toList());
    }

    /** The service, or a clear error when no simulator bundle is installed. */
    static SimulatorService require(SimulatorService service) {
        if (service == null) {
            throw new IllegalArgumentException("no simulators are installed on this node: install a simulator's feature, "
                    + "such as ordertower-sim-taobao");
        }
        return service;
    }
}

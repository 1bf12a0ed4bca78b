package org.ordertower.shell.sim;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.sim.SimulatorService;

@Service
@Command(scope = "sim", name = "stop", description = "Stop a marketplace's, warehouse system's or carrier's simulator")
public class StopSimulatorCommand implements Action {
    @Reference(optional = true)
    SimulatorService simulators;

    @Argument(index = 0, name = "platform", description = "The platform or partner", required = true)
    String platform;

    @Override
    public Object execute() {
        if (!SimulatorStatusCommand.require(simulators).stop(platform)) {
            throw new IllegalArgumentException("no " + platform + " simulator runs on this node");
        }
        System.out.println(platform + " simulator stopped");
        return null;
    }
}

package org.ordertower.sim.kit;

import java.util.function.Function;

import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.Simulator;
import org.ordertower.api.sim.SimulatorOptions;

/**
 * What every simulator's DS component ({@code @Component(service = Simulator.class)}) shares: its platform id, kind,
 * display name and how it starts its simulator. A platform's component only names these and overrides the demo's
 * settings where it has any.
 */
public abstract class SimComponent implements Simulator {
    private final String platformId;
    private final Kind kind;
    private final String displayName;
    private final Function<SimulatorOptions, ? extends RunningSimulator> starter;

    /** @param starter the simulator's {@code start(SimulatorOptions)} */
    protected SimComponent(String platformId, Kind kind, String displayName,
            Function<SimulatorOptions, ? extends RunningSimulator> starter) {
        this.platformId = platformId;
        this.kind = kind;
        this.displayName = displayName;
        this.starter = starter;
    }

    @Override
    public final String platformId() {
        return platformId;
    }

    @Override
    public final Kind kind() {
        return kind;
    }

    @Override
    public final String displayName() {
        return displayName;
    }

    @Override
    public final RunningSimulator start(SimulatorOptions options) {
        return starter.apply(options);
    }
}

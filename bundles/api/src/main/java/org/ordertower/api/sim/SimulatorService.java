package org.ordertower.api.sim;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The simulators installed ({@link Simulator} services) and those running on this node, one per platform. */
@ProviderType
public interface SimulatorService {
    /** The installed simulators, by platform id. */
    List<Simulator> installed();

    /**
     * Starts a platform's simulator on this node.
     *
     * @throws IllegalArgumentException when no simulator of that platform is installed (the message lists those that
     *     are)
     * @throws IllegalStateException when it runs already, or the port is taken
     */
    RunningSimulator start(String platformId, SimulatorOptions options);

    /** The simulators running on this node, by platform id. */
    List<RunningSimulator> running();

    /** Stops a platform's simulator; false when none was running. */
    boolean stop(String platformId);
}

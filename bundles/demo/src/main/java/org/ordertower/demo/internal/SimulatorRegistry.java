package org.ordertower.demo.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.Simulator;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.api.sim.SimulatorService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulators installed (the {@link Simulator} services of the simulator bundles) and those running on this node,
 * one per platform. A simulator whose bundle goes away is stopped.
 */
@Component(service = SimulatorService.class)
public final class SimulatorRegistry implements SimulatorService {
    private final Logger logger = LoggerFactory.getLogger(SimulatorRegistry.class);
    private final Map<String, Simulator> installed = new ConcurrentHashMap<>();
    private final Map<String, RunningSimulator> running = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeSimulator")
    void addSimulator(Simulator simulator) {
        installed.put(simulator.platformId(), simulator);
    }

    void removeSimulator(Simulator simulator) {
        if (installed.remove(simulator.platformId(), simulator)) {
            stop(simulator.platformId());
        }
    }

    @Override
    public List<Simulator> installed() {
        List<Simulator> all = new ArrayList<>(installed.values());
        all.sort(Comparator.comparing(Simulator::platformId));
        return all;
    }

    @Override
    public synchronized RunningSimulator start(String platformId, SimulatorOptions options) {
        Simulator simulator = installed.get(platformId);
        if (simulator == null) {
            throw new IllegalArgumentException("no simulator of '" + platformId + "' is installed; installed: "
                    + new TreeMap<>(installed).keySet() + " (features ordertower-sim-<platform>)");
        }
        RunningSimulator already = running.get(platformId);
        if (already != null) {
            throw new IllegalStateException("the " + platformId + " simulator runs already on port " + already.port()
                    + "; stop it first");
        }
        RunningSimulator started = simulator.start(options);
        running.put(platformId, started);
        logger.info("{} simulator started on port {}", platformId, started.port());
        return started;
    }

    @Override
    public List<RunningSimulator> running() {
        return List.copyOf(new TreeMap<>(running).values());
    }

    @Override
    public synchronized boolean stop(String platformId) {
        RunningSimulator sim = running.remove(platformId);
        if (sim == null) {
            return false;
        }
        sim.close();
        logger.info("{} simulator stopped", platformId);
        return true;
    }

    @Deactivate
    synchronized void deactivate() {
        running.values().forEach(RunningSimulator::close);
        running.clear();
    }
}

package org.ordertower.demo.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.api.sim.DemoNode;
import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.Simulator;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.api.sim.SimulatorService;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's warehouse systems and carriers: with {@code demo.enabled} (or {@code -Dordertower.demo=true}, which
 * {@code run.sh --demo} sets), every installed partner simulator ({@link Simulator} of kind WMS or CARRIER) is
 * started on this node with its {@link Simulator#demoSettings demo settings}, an account named {@code demo} is
 * configured against it (factory configuration {@code org.ordertower.wms.<id>} or {@code org.ordertower.carrier.<id>},
 * as {@link Simulator#demoConnectorConfiguration} gives it), and fulfilment is pointed at it
 * ({@link Simulator#demoFulfilmentSettings}) with this node as the callback address. Knows no partner by name.
 * Together with {@link DemoComponent}'s channels, demo orders go on to ROUTED, SHIPPED and DELIVERED on the
 * simulators' clocks. Does nothing otherwise.
 *
 * <p>Work runs on a thread of its own ({@link DemoSetUp}): a simulator may reach this component before fulfilment has
 * bound the partner's connector. Changing fulfilment's configuration restarts fulfilment and this component with it;
 * the new instance goes on.
 */
@Component(service = {}, immediate = true, configurationPid = "org.ordertower.core")
public final class PartnerDemoComponent {
    static final String FULFILMENT_PID = "org.ordertower.fulfilment";

    private final Logger logger = LoggerFactory.getLogger(PartnerDemoComponent.class);
    private final boolean enabled;
    private final int httpPort;
    private final FulfilmentService fulfilment;
    private final SimulatorService simulators;
    private final ConfigurationAdmin configs;
    private final DemoSetUp setUp = new DemoSetUp("ordertower-partner-demo", Duration.ofSeconds(30));

    @Activate
    public PartnerDemoComponent(DemoConfig config, @Reference FulfilmentService fulfilment,
            @Reference SimulatorService simulators, @Reference ConfigurationAdmin configs) {
        this.httpPort = config.http_port();
        this.fulfilment = fulfilment;
        this.simulators = simulators;
        this.configs = configs;
        this.enabled = config.demo_enabled() || Boolean.getBoolean("ordertower.demo");
        if (enabled) {
            logger.info("Demo mode: the simulators of the installed warehouse systems and carriers start with this node");
        }
    }

    @Deactivate
    void deactivate() {
        setUp.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeSimulator")
    void addSimulator(Simulator simulator) {
        if (enabled && simulator.kind() != Simulator.Kind.CHANNEL) {
            setUp.whenInstalled(simulator.platformId(), fulfilment::partners, () -> startAccount(simulator));
        }
    }

    void removeSimulator(Simulator simulator) {
        // the registry stops its simulator; the demo account's connector goes with the connector's bundle
    }

    private void startAccount(Simulator simulator) {
        String id = simulator.platformId();
        DemoNode node = DemoComponent.node(httpPort);
        if (pointFulfilment(fulfilmentSettings(simulator.demoFulfilmentSettings(node), httpPort), id)) {
            return; // fulfilment restarts with the new settings, and this component with it
        }
        try {
            RunningSimulator sim = simulators.running().stream().filter(s -> s.channelId().equals(id)).findFirst()
                    .orElseGet(() -> simulators.start(id, new SimulatorOptions(0, 0, false, simulator.demoSettings(node))));
            Map<String, String> account = simulator.demoConnectorConfiguration(sim, node);
            if (account.isEmpty()) {
                logger.warn("Demo: the {} simulator gives no account configuration; configure an account by hand", id);
                return;
            }
            String pid = (simulator.kind() == Simulator.Kind.WMS ? "org.ordertower.wms." : "org.ordertower.carrier.") + id;
            Configuration c = configs.getFactoryConfiguration(pid, "demo", "?");
            Dictionary<String, Object> props = new Hashtable<>(account);
            props.put("demo", "true");
            c.update(props);
            logger.info("Demo: {} simulator on port {}, account demo configured against it", id, sim.port());
        } catch (IOException | RuntimeException e) {
            logger.warn("Demo: could not start the {} simulator and its account: {}", id, e.getMessage());
        }
    }

    /** What fulfilment needs for a partner of the demo: the partner's own settings, and this node as partners reach it. */
    static Map<String, String> fulfilmentSettings(Map<String, String> partner, int httpPort) {
        Map<String, String> s = new LinkedHashMap<>(partner);
        s.put("callback.base.url", "http://127.0.0.1:" + httpPort);
        return s;
    }

    /**
     * Sets {@code wanted} in fulfilment's configuration when it says otherwise.
     *
     * @return true when the configuration was changed
     */
    private boolean pointFulfilment(Map<String, String> wanted, String partner) {
        try {
            Configuration c = configs.getConfiguration(FULFILMENT_PID, null);
            Dictionary<String, Object> props = c.getProperties();
            if (props != null && wanted.entrySet().stream().allMatch(e -> e.getValue().equals(String.valueOf(props.get(e.getKey()))))) {
                return false;
            }
            Dictionary<String, Object> updated = new Hashtable<>();
            if (props != null) {
                for (String k : Collections.list(props.keys())) {
                    updated.put(k, props.get(k));
                }
            }
            wanted.forEach(updated::put);
            logger.info("Demo: fulfilment now uses {} ({}) with callbacks at {}", partner, wanted.keySet(),
                    wanted.get("callback.base.url"));
            c.update(updated);
            return true;
        } catch (IOException | RuntimeException e) {
            logger.warn("Demo: could not configure fulfilment for the {} simulator: {}", partner, e.getMessage());
            return false;
        }
    }
}

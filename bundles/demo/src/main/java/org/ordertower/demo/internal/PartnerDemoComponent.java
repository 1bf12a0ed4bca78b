package org.ordertower.demo.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.ordertower.api.channel.RunningSimulator;
import org.ordertower.api.channel.SimulatorOptions;
import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.api.fulfilment.PartnerPlatform;
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
 * The demo's warehouse system and carriers: with {@code demo.enabled} (or {@code -Dordertower.demo=true}, which
 * {@code run.sh --demo} sets), the simulator of every installed partner (Qimen WMS, Cainiao e-waybill, Kuaidi100
 * tracking) is started on this node and an account named {@code demo} is configured against it (factory
 * configuration {@code org.ordertower.wms.<id>} or {@code org.ordertower.carrier.<id>}), calling back to this
 * node; Qimen runs the demo warehouse {@value DemoComponent#WAREHOUSE}. Together with {@link DemoComponent}'s
 * channels, demo orders go on to ROUTED, SHIPPED (tracking written back to the channel simulators) and DELIVERED
 * on the simulators' accelerated clocks. Does nothing otherwise.
 *
 * <p>Work runs on a thread of its own ({@link DemoSetUp}): a platform may reach this component before fulfilment
 * has bound it.
 */
@Component(service = {}, immediate = true, configurationPid = "org.ordertower.core")
public final class PartnerDemoComponent {
    static final String FULFILMENT_PID = "org.ordertower.fulfilment";
    /** The Qimen simulator's code for the demo warehouse. */
    static final String QIMEN_WAREHOUSE = "HZ001";
    /** Cainiao subscriptions for every carrier fulfilment's default tables may choose. */
    static final String CAINIAO_CARRIERS = "SF,ZTO,YTO,STO";
    /**
     * Kuaidi100's journeys take 30 to 50 simulated hours; at an hour a second a parcel is delivered within a minute
     * or so of leaving the warehouse.
     */
    static final String KUAIDI100_TIME_SCALE = "3600";

    private final Logger logger = LoggerFactory.getLogger(PartnerDemoComponent.class);
    private final boolean enabled;
    private final int httpPort;
    private final FulfilmentService fulfilment;
    private final ConfigurationAdmin configs;
    private final DemoSetUp setUp = new DemoSetUp("ordertower-partner-demo", Duration.ofSeconds(30));

    @Activate
    public PartnerDemoComponent(DemoConfig config, @Reference FulfilmentService fulfilment,
            @Reference ConfigurationAdmin configs) {
        this.httpPort = config.http_port();
        this.fulfilment = fulfilment;
        this.configs = configs;
        boolean demo = config.demo_enabled() || Boolean.getBoolean("ordertower.demo");
        // changing fulfilment's configuration restarts it and this component with it: the new instance does the work
        this.enabled = demo && !reconfigureFulfilment();
        if (enabled) {
            logger.info("Demo mode: the simulators of the installed warehouse systems and carriers start with this node");
        }
    }

    @Deactivate
    void deactivate() {
        setUp.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPlatform(PartnerPlatform platform) {
        if (enabled) {
            setUp.whenInstalled(platform.partnerId(), fulfilment::partners, () -> startAccount(platform));
        }
    }

    void removePlatform(PartnerPlatform platform) {
        // fulfilment stops the partner's simulator; the demo account's connector goes with the bundle
    }

    /**
     * Points fulfilment's waybills, tracking and callbacks at the demo's partners and this node, when its
     * configuration says otherwise.
     *
     * @return true when the configuration was changed
     */
    private boolean reconfigureFulfilment() {
        try {
            Configuration c = configs.getConfiguration(FULFILMENT_PID, null);
            Dictionary<String, Object> props = c.getProperties();
            Map<String, String> wanted = fulfilmentSettings(httpPort);
            Map<String, String> defaults = Map.of("waybill.service", "cainiao", "tracking.service", "kuaidi100",
                    "callback.base.url", "http://127.0.0.1:8182");
            boolean same = wanted.entrySet().stream().allMatch(e -> e.getValue().equals(String.valueOf(
                    props == null || props.get(e.getKey()) == null ? defaults.get(e.getKey()) : props.get(e.getKey()))));
            if (same) {
                return false;
            }
            Dictionary<String, Object> updated = new Hashtable<>();
            if (props != null) {
                for (String k : java.util.Collections.list(props.keys())) {
                    updated.put(k, props.get(k));
                }
            }
            wanted.forEach(updated::put);
            logger.info("Demo: fulfilment now takes waybills from cainiao, tracking from kuaidi100 and callbacks at {}",
                    wanted.get("callback.base.url"));
            c.update(updated);
            return true;
        } catch (IOException | RuntimeException e) {
            logger.warn("Demo: could not configure fulfilment for the partner simulators: {}", e.getMessage());
            return false;
        }
    }

    private void startAccount(PartnerPlatform platform) {
        String id = platform.partnerId();
        try {
            RunningSimulator sim = fulfilment.simulators().stream().filter(s -> s.channelId().equals(id)).findFirst()
                    .orElseGet(() -> fulfilment.startSimulator(id,
                            new SimulatorOptions(0, 0, false, simulatorSettings(id, httpPort, DemoComponent.skuCodes()))));
            Map<String, String> account = accountConfiguration(id, sim.shopConfiguration());
            if (account.isEmpty()) {
                logger.warn("Demo: the {} simulator gives no account configuration; configure an account by hand", id);
                return;
            }
            String pid = (platform.kind() == PartnerPlatform.Kind.WMS ? "org.ordertower.wms." : "org.ordertower.carrier.") + id;
            Configuration c = configs.getFactoryConfiguration(pid, "demo", "?");
            Dictionary<String, Object> props = new Hashtable<>(account);
            props.put("demo", "true");
            c.update(props);
            logger.info("Demo: {} simulator on port {}, account demo configured against it", id, sim.port());
        } catch (IOException | RuntimeException e) {
            logger.warn("Demo: could not start the {} simulator and its account: {}", id, e.getMessage());
        }
    }

    /** What fulfilment needs for the demo: its waybill and tracking services, and this node as partners reach it. */
    static Map<String, String> fulfilmentSettings(int httpPort) {
        return Map.of("waybill.service", "cainiao", "tracking.service", "kuaidi100", "callback.base.url",
                "http://127.0.0.1:" + httpPort);
    }

    /** The simulator's settings: callbacks to this node, the demo warehouse stocked, carriers subscribed. */
    static Map<String, String> simulatorSettings(String partnerId, int httpPort, List<String> skus) {
        String base = "http://127.0.0.1:" + httpPort;
        Map<String, String> s = new LinkedHashMap<>();
        switch (partnerId) {
            case "qimen" -> {
                s.put("callbackUrl", base + "/api/v1/wms/qimen/callback");
                s.put("warehouses", QIMEN_WAREHOUSE);
                s.put("stock", skus.stream().map(sku -> sku + "=1000000").collect(Collectors.joining(",")));
            }
            case "cainiao" -> {
                s.put("carriers", CAINIAO_CARRIERS);
                s.put("quota", "1000000");
            }
            case "kuaidi100" -> {
                s.put("callbackUrl", base + "/api/v1/carriers/kuaidi100/callback");
                s.put("timeScale", KUAIDI100_TIME_SCALE);
            }
            default -> {
                // another partner: its simulator's defaults
            }
        }
        return s;
    }

    /**
     * The demo account's configuration: the simulator's own, the Qimen warehouse code mapped to the demo
     * warehouse, the Cainiao account named {@code demo}.
     */
    static Map<String, String> accountConfiguration(String partnerId, Map<String, String> simulator) {
        if (simulator.isEmpty()) {
            return Map.of();
        }
        Map<String, String> c = new LinkedHashMap<>(simulator);
        switch (partnerId) {
            case "qimen" -> {
                c.put("warehouses", DemoComponent.WAREHOUSE);
                c.put("warehouseCodes", DemoComponent.WAREHOUSE + "=" + simulator.get("warehouses"));
            }
            case "cainiao" -> c.put("account", "demo");
            default -> {
                // as the simulator gives it
            }
        }
        return c;
    }
}

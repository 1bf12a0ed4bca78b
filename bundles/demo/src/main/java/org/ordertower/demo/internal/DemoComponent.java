package org.ordertower.demo.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.ordertower.api.Actor;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.GiftRule;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.KitPart;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.inventory.StockRow;
import org.ordertower.api.inventory.Warehouse;
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
 * The demo: with {@code demo.enabled} (or {@code -Dordertower.demo=true}, which {@code run.sh --demo}
 * sets), every installed marketplace simulator ({@link Simulator} of kind CHANNEL) is started on this node with its
 * {@link Simulator#demoSettings demo settings}, a shop is configured
 * against it (factory configuration {@code org.ordertower.channel.<platform>}, named {@code demo}), and
 * the catalog and stock its listings need are created, so orders flow, map, pass screening and reserve
 * stock within a minute of starting. Does nothing otherwise.
 */
@Component(service = {}, immediate = true, configurationPid = "org.ordertower.core")
public final class DemoComponent {
    /** The simulators' listings (outer codes) as master SKUs, with a kit and a gift. */
    private static final List<Sku> CATALOG = List.of(Sku.plain("CUP-WHITE", "Mug white 350ml", new BigDecimal("39.00")),
            Sku.plain("CUP-BLUE", "Mug blue 350ml", new BigDecimal("39.00")),
            Sku.plain("TEA-LJ-250", "Longjing tea 250g", new BigDecimal("268.00")),
            Sku.plain("TOWEL-3", "Cotton towels x3", new BigDecimal("59.90")),
            Sku.plain("SOAP-100", "Soap 100g", new BigDecimal("25.00")),
            Sku.plain("GIFT-BAG", "Shopping bag (gift)", BigDecimal.ZERO),
            new Sku("KIT-TEA-CUP", "Tea and mug gift box", null, new BigDecimal("299.00"), 0, Map.of(), false,
                    List.of(new KitPart("TEA-LJ-250", 1), new KitPart("CUP-WHITE", 1)), 0, 0, 0));
    /** The demo warehouse; the demo's Qimen WMS runs it ({@code PartnerDemoComponent}). */
    public static final String WAREHOUSE = "DEMO-HZ";

    /** The demo catalog's SKU codes, for simulators that need them on their shelves. */
    public static List<String> skuCodes() {
        return CATALOG.stream().map(Sku::code).toList();
    }

    private final Logger logger = LoggerFactory.getLogger(DemoComponent.class);
    private final boolean enabled;
    private final int httpPort;
    private final ChannelService channels;
    private final SimulatorService simulators;
    private final ConfigurationAdmin configs;
    private final CatalogService catalog;
    private final InventoryService inventory;
    private final DemoSetUp setUp = new DemoSetUp("ordertower-channel-demo", java.time.Duration.ofSeconds(30));

    @Activate
    public DemoComponent(DemoConfig config, @Reference ChannelService channels, @Reference SimulatorService simulators,
            @Reference ConfigurationAdmin configs, @Reference CatalogService catalog, @Reference InventoryService inventory) {
        this.simulators = simulators;
        this.enabled = config.demo_enabled() || Boolean.getBoolean("ordertower.demo");
        this.httpPort = config.http_port();
        this.channels = channels;
        this.configs = configs;
        this.catalog = catalog;
        this.inventory = inventory;
        if (enabled) {
            seedCatalog();
            logger.info("Demo mode: the simulators of the installed channels start with this node");
        }
    }

    @Deactivate
    void deactivate() {
        setUp.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeSimulator")
    void addSimulator(Simulator simulator) {
        if (enabled && simulator.kind() == Simulator.Kind.CHANNEL) {
            // the shop's configuration needs the connector's bundle: wait until the channel runtime has its platform
            setUp.whenInstalled(simulator.platformId(), channels::platforms, () -> startShop(simulator));
        }
    }

    void removeSimulator(Simulator simulator) {
        // the registry stops its simulator; the demo shop's connector goes with the connector's bundle
    }

    /** This node as the demo's simulators see it. */
    static DemoNode node(int httpPort) {
        return new DemoNode("http://127.0.0.1:" + httpPort, WAREHOUSE, skuCodes());
    }

    private void startShop(Simulator simulator) {
        String channel = simulator.platformId();
        try {
            DemoNode node = node(httpPort);
            RunningSimulator sim = simulators.running().stream().filter(s -> s.channelId().equals(channel)).findFirst()
                    .orElseGet(() -> simulators.start(channel, new SimulatorOptions(0, 30, false, simulator.demoSettings(node))));
            Map<String, String> shop = simulator.demoConnectorConfiguration(sim, node);
            if (shop.isEmpty()) {
                logger.warn("Demo: the {} simulator gives no shop configuration; configure a shop by hand", channel);
                return;
            }
            // no mappings by hand: the runtime downloads the shop's listings before it takes orders and maps each listing
            // whose outer code is a master SKU code (channel:listings shows them)
            Configuration c = configs.getFactoryConfiguration("org.ordertower.channel." + channel, "demo", "?");
            Dictionary<String, Object> props = new Hashtable<>(shop);
            props.put("demo", "true");
            // the simulators take 50 calls a second; the connectors' defaults (5 a shop for JD and Pinduoduo) would let the
            // stock pushes of four busy channels crowd out the shop's pulls and fetches
            props.put("shopRatePerSecond", "20");
            props.put("appRatePerSecond", "40");
            c.update(props);
            logger.info("Demo: {} simulator on port {}, shop {} configured against it", channel, sim.port(), shop.get("shop"));
        } catch (IOException | RuntimeException e) {
            logger.warn("Demo: could not start the {} simulator and its shop: {}", channel, e.getMessage());
        }
    }


    private void seedCatalog() {
        try {
            // province/city/district: fulfilment writes it as the sender on waybills and delivery orders
            inventory.saveWarehouse(new Warehouse(WAREHOUSE, "Demo warehouse Hangzhou", "浙江省/杭州市/西湖区", 30.27, 120.15,
                    Warehouse.Type.OWN, 1));
            for (Sku sku : CATALOG) {
                catalog.saveSku(sku);
            }
            // the platforms' gift lines: one shopping bag with any order of 59.00 or more (smaller orders go to review)
            catalog.saveGiftRule(new GiftRule("demo-bag", "GIFT-BAG", 1, null, new BigDecimal("59.00"), null, null, null, false));
            for (Sku sku : CATALOG) {
                if (sku.parts().isEmpty() && inventory.view(sku.code()).rows().stream().mapToInt(StockRow::onHand).sum() < 100) {
                    inventory.receive(sku.code(), WAREHOUSE, 1000, "demo-stock", Actor.SYSTEM);
                }
            }
        } catch (RuntimeException e) {
            logger.warn("Demo: could not create the demo catalog and stock: {}", e.getMessage());
        }
    }
}

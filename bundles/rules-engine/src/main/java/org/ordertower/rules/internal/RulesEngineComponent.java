package org.ordertower.rules.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.ordertower.api.Order;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.GiftDecision;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.rules.RiskDecision;
import org.ordertower.api.rules.RulePack;
import org.ordertower.api.rules.RulePackStatus;
import org.ordertower.api.rules.RuleStatistics;
import org.ordertower.api.rules.ScreeningService;
import org.ordertower.jdbc.Database;
import org.ordertower.rules.internal.engine.RuleEngine;
import org.ordertower.rules.internal.history.OrderHistory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules engine in the container: picks rule packs up as they come and go, gives each its
 * parameters from Config Admin (factory configurations of {@code org.ordertower.rules} named after the
 * pack: the file {@code etc/org.ordertower.rules-<pack>.cfg}, Karaf's form for a named factory
 * configuration), and offers {@link ScreeningService}. A configuration may arrive before or after its
 * pack; deleting it puts the pack back on its defaults. The catalog and
 * the inventory are optional: without them, rules see no SKUs and no sellable stock.
 */
@Component(service = { ScreeningService.class, RulesEngineComponent.class }, immediate = true)
public final class RulesEngineComponent implements ScreeningService {
    /** The factory PID of the packs' parameters; a configuration's name (after {@code ~}) is the pack. */
    public static final String FACTORY_PID = "org.ordertower.rules";
    private static final long SKU_TTL_MS = 5_000;
    private static final long SELLABLE_TTL_MS = 1_000;
    private static final Duration KEEP_HISTORY = Duration.ofDays(3);
    private final Logger logger = LoggerFactory.getLogger(RulesEngineComponent.class);
    private final BundleContext context;
    private final RuleEngine engine;
    private final OrderHistory history;
    /** Pack name by configuration PID, and the latest parameters by pack name. */
    private final Map<String, String> packOfPid = new ConcurrentHashMap<>();
    private final Map<String, Dictionary<String, ?>> parameters = new ConcurrentHashMap<>();
    private final Map<String, RulePack> packs = new ConcurrentHashMap<>();
    private final ServiceRegistration<ManagedServiceFactory> configs;
    private final TtlCache<Optional<Sku>> skuCache = new TtlCache<>(SKU_TTL_MS);
    private final TtlCache<OptionalInt> sellableCache = new TtlCache<>(SELLABLE_TTL_MS);
    private final ScheduledExecutorService purger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ordertower-rules-purge");
        t.setDaemon(true);
        return t;
    });
    private volatile CatalogService catalog;
    private volatile InventoryService inventory;

    @Activate
    public RulesEngineComponent(BundleContext context, @Reference(target = "(dataSourceName=ordertower)") DataSource dataSource)
            throws SQLException {
        this.context = context;
        int version = OrderHistory.migrator(dataSource).migrate();
        this.history = new OrderHistory(new Database(dataSource), historySettings(context));
        this.engine = new RuleEngine(history, Clock.systemUTC(), this::sku, this::sellable);
        history.start(); // loads the recent facts into memory in the background, logs when done
        purger.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_PID, FACTORY_PID);
        this.configs = context.registerService(ManagedServiceFactory.class, new PackConfigurations(), props);
        logger.info("OrderTower rules engine started (schema version {})", version);
    }

    /**
     * The history's settings from framework properties (etc/custom.properties or -D):
     * {@code ordertower.rules.history.memory} (default true) and {@code ordertower.rules.history.maxFacts}
     * (default 1500000, about 150 MB).
     */
    static OrderHistory.Settings historySettings(BundleContext context) {
        OrderHistory.Settings s = OrderHistory.Settings.defaults(Clock.systemUTC());
        String memory = context.getProperty("ordertower.rules.history.memory");
        if (memory != null && memory.strip().equalsIgnoreCase("false")) {
            return OrderHistory.Settings.tableOnly();
        }
        String max = context.getProperty("ordertower.rules.history.maxFacts");
        if (max != null) {
            try {
                s = s.withMaxFacts(Integer.parseInt(max.strip().replace("_", "")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("ordertower.rules.history.maxFacts: '" + max + "' is not a whole number");
            }
            if (s.maxFacts() < 1000 || s.maxFacts() > 500_000_000) {
                throw new IllegalArgumentException("ordertower.rules.history.maxFacts must be between 1000 and 500000000");
            }
        }
        return s;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removePack")
    void addPack(RulePack pack) {
        engine.add(pack);
        packs.put(pack.name(), pack);
        Dictionary<String, ?> p = parameters.get(pack.name());
        if (p != null) {
            configure(pack, p);
        }
    }

    void removePack(RulePack pack) {
        packs.remove(pack.name(), pack);
        engine.remove(pack);
    }

    /** The packs' configurations: {@code org.ordertower.rules~<pack>}, from {@code etc/org.ordertower.rules-<pack>.cfg}. */
    private final class PackConfigurations implements ManagedServiceFactory {
        @Override
        public String getName() {
            return "OrderTower rule pack parameters";
        }

        @Override
        public void updated(String pid, Dictionary<String, ?> properties) {
            String name = packName(pid, properties);
            if (name == null) {
                logger.error("A configuration of {} names no rule pack: use etc/{}-<pack>.cfg, or a 'pack' property", FACTORY_PID,
                        FACTORY_PID);
                return;
            }
            packOfPid.put(pid, name);
            parameters.put(name, properties);
            RulePack pack = packs.get(name);
            if (pack != null) {
                configure(pack, properties);
            }
        }

        @Override
        public void deleted(String pid) {
            String name = packOfPid.remove(pid);
            if (name != null && parameters.remove(name) != null) {
                RulePack pack = packs.get(name);
                if (pack != null) {
                    configure(pack, null);
                }
            }
        }
    }

    /** The pack a configuration is for: its name after {@code ~} (a named factory configuration), else its {@code pack} property. */
    static String packName(String pid, Dictionary<String, ?> properties) {
        int tilde = pid.indexOf('~');
        if (tilde >= 0 && tilde + 1 < pid.length()) {
            return pid.substring(tilde + 1);
        }
        Object pack = properties == null ? null : properties.get("pack");
        return pack == null || pack.toString().isBlank() ? null : pack.toString().strip();
    }

    private void configure(RulePack pack, Dictionary<String, ?> properties) {
        Map<String, String> raw = new HashMap<>();
        if (properties != null) {
            for (String key : Collections.list(properties.keys())) {
                Object v = properties.get(key);
                raw.put(key, v == null ? "" : v.toString());
            }
        }
        String error = engine.configure(pack.name(), raw);
        if (error == null && properties != null) {
            logger.info("Rule pack {} now runs with its new parameters", pack.name());
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetCatalog")
    void setCatalog(CatalogService c) {
        catalog = c;
        skuCache.clear();
    }

    void unsetCatalog(CatalogService c) {
        if (catalog == c) {
            catalog = null;
        }
        skuCache.clear();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetInventory")
    void setInventory(InventoryService i) {
        inventory = i;
        sellableCache.clear();
    }

    void unsetInventory(InventoryService i) {
        if (inventory == i) {
            inventory = null;
        }
        sellableCache.clear();
    }

    private Optional<Sku> sku(String code) {
        CatalogService c = catalog;
        return c == null ? Optional.empty() : skuCache.get(code, () -> c.sku(code));
    }

    private OptionalInt sellable(String sku) {
        InventoryService i = inventory;
        return i == null ? OptionalInt.empty() : sellableCache.get(sku, () -> {
            try {
                return OptionalInt.of(i.view(sku).sellable());
            } catch (org.ordertower.api.inventory.InventoryException unknown) {
                return OptionalInt.empty();
            }
        });
    }

    private void purge() {
        try {
            int n = history.purge(Clock.systemUTC().instant().minus(KEEP_HISTORY));
            if (n > 0) {
                logger.info("Forgot {} screened orders older than {} days", n, KEEP_HISTORY.toDays());
            }
        } catch (RuntimeException e) {
            logger.warn("Could not purge old screened orders: {}", e.getMessage());
        }
    }

    @Override
    public RiskDecision screen(Order order) {
        return engine.screen(order);
    }

    @Override
    public RiskDecision screen(Order order, List<GiftDecision.Problem> refusedGifts) {
        return engine.screen(order, refusedGifts);
    }

    @Override
    public List<RulePackStatus> packs() {
        return engine.packs();
    }

    @Override
    public List<RuleStatistics> statistics() {
        return engine.statistics();
    }

    @Override
    public Map<String, String> defaults(String pack) {
        return engine.defaults(pack);
    }

    /**
     * Checks the parameters, keeps them as the pack's configuration ({@code etc/org.ordertower.rules-<pack>.cfg},
     * written back by Karaf's file install) and applies them at once, so the answer shows them running.
     */
    @Override
    public RulePackStatus tune(String pack, Map<String, String> given, org.ordertower.api.Caller caller) {
        org.ordertower.api.Access.requireRuleTuning(caller, "tuning rules");
        String error = engine.check(pack, given);
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
        org.osgi.service.cm.ConfigurationAdmin cm = configAdmin;
        if (cm == null) {
            throw new IllegalStateException("Config Admin is not running: the parameters cannot be kept");
        }
        try {
            org.osgi.service.cm.Configuration cfg = cm.getFactoryConfiguration(FACTORY_PID, pack, "?");
            Hashtable<String, Object> props = new Hashtable<>();
            Dictionary<String, Object> old = cfg.getProperties();
            if (old != null) {
                for (String key : Collections.list(old.keys())) {
                    if (key.startsWith("felix.fileinstall.")) {
                        props.put(key, old.get(key)); // where the file is, so the change is written back to it
                    }
                }
            }
            given.forEach((k, v) -> props.put(k, v == null ? "" : v));
            cfg.update(props);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the parameters of " + pack + " could not be kept: " + e.getMessage(), e);
        }
        engine.configure(pack, given); // Config Admin tells the pack again shortly, with the same values
        logger.info("Rule pack {} tuned by {}: {}", pack, caller.name(), new java.util.TreeMap<>(given));
        return engine.packs().stream().filter(p -> p.name().equals(pack)).findFirst().orElseThrow();
    }

    @Override
    public org.ordertower.api.rules.RuleReplay replay(String pack, Map<String, String> given, List<Order> orders) {
        return engine.replay(pack, given, orders);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile org.osgi.service.cm.ConfigurationAdmin configAdmin;

    /** Whether the screening history answers from memory, how many facts it holds and their size. */
    public OrderHistory.MemoryStats historyMemory() {
        return history.memory();
    }

    @Deactivate
    void deactivate() {
        purger.shutdownNow();
        try {
            configs.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
        history.close();
    }

    /** Values by key for a few seconds; thread-safe. */
    static final class TtlCache<V> {
        private record Entry<V>(V value, long at) {
        }

        private final long ttlMillis;
        private final Map<String, Entry<V>> map = new ConcurrentHashMap<>();

        TtlCache(long ttlMillis) {
            this.ttlMillis = ttlMillis;
        }

        V get(String key, java.util.function.Supplier<V> load) {
            long now = System.currentTimeMillis();
            Entry<V> e = map.get(key);
            if (e == null || now - e.at >= ttlMillis) {
                e = new Entry<>(load.get(), now);
                map.put(key, e);
            }
            return e.value;
        }

        void clear() {
            map.clear();
        }
    }
}

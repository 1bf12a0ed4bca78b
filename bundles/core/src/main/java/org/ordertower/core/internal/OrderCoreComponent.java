package org.ordertower.core.internal;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.ordertower.api.Actor;
import org.ordertower.api.Address;
import org.ordertower.api.AuditEntry;
import org.ordertower.api.IntakeResult;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderQuery;
import org.ordertower.api.OrderService;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.Page;
import org.ordertower.api.RawPayload;
import org.ordertower.api.channel.ChannelConnector;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.rules.ScreeningService;
import org.ordertower.jdbc.Database;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.intake.DefaultOrderService;
import org.ordertower.core.internal.intake.GroupCommitWriter;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.core.internal.pipeline.OrderPipeline;
import org.ordertower.core.spi.WarehousePreference;
import org.ordertower.core.internal.security.FirstStartAdmin;
import org.ordertower.core.spi.OrderLedger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's heart: migrates the schema, starts the group-commit writer and offers
 * {@link OrderService}. Waits for the {@code ordertower} DataSource that pax-jdbc-config makes from
 * {@code etc/org.ops4j.datasource-ordertower.cfg} (H2 by default, PostgreSQL by configuration).
 */
@Component(service = { OrderService.class, CoreInternals.class }, configurationPid = "org.ordertower.core",
        immediate = true)
@Designate(ocd = CoreConfig.class)
public final class OrderCoreComponent implements OrderService, CoreInternals {
    private final Logger logger = LoggerFactory.getLogger(OrderCoreComponent.class);
    private final Database db;
    private final OrderJson json = new OrderJson();
    private final CoreConfig config;
    private final GroupCommitWriter writer;
    private final DefaultOrderService service;
    private final List<Runnable> commitListeners = new CopyOnWriteArrayList<>();
    private final Map<ChannelConnector, String> connectors = new ConcurrentHashMap<>();
    private final Set<String> configuredChannels;
    private final OrderPipeline pipeline;
    private final OrderStore store;
    private final OrderIntake intake;
    /** The order store for bundles that work inside their own transactions (fulfilment), offered as OrderLedger. */
    private final ServiceRegistration<OrderLedger> ledger;
    /** The outbox for events not about one order (the inventory's stock changes), offered as EventOutbox. */
    private final ServiceRegistration<org.ordertower.core.spi.EventOutbox> outbox;
    private volatile CatalogService catalog;
    private volatile InventoryService inventory;
    private volatile ScreeningService rules;

    @Activate
    public OrderCoreComponent(BundleContext context, @Reference(target = "(dataSourceName=ordertower)") DataSource dataSource,
            CoreConfig config) throws SQLException {
        this.config = config;
        this.configuredChannels = Arrays.stream(config.intake_channels().split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.db = new Database(dataSource);
        int version = OrderStore.migrator(dataSource).migrate();
        this.store = new OrderStore();
        this.intake = new OrderIntake(store, json);
        this.writer = new GroupCommitWriter(db, intake, Clock.systemUTC(), this::fireCommit, config.intake_max_batch(),
                config.intake_queue_capacity(), config.intake_wait_ms());
        this.service = new DefaultOrderService(db, store, intake, writer, Clock.systemUTC(), this::channels,
                this::fireCommit);
        this.pipeline = new OrderPipeline(db, store, intake, Clock.systemUTC(), () -> catalog, () -> inventory, () -> rules,
                this::fireCommit, new OrderPipeline.Options(config.pipeline_batch(),
                        Duration.ofMillis(config.pipeline_sweep_ms()), Duration.ofMillis(config.pipeline_hold_retry_ms()),
                        OrderPipeline.Options.DEFAULTS.reserveWait(), OrderPipeline.Options.DEFAULTS.taskRetry()));
        CoreOrderLedger coreLedger = new CoreOrderLedger(db.dialect(), store, intake, json, commitListeners,
                this::fireCommit, pipeline::warehousePreference);
        this.ledger = context.registerService(OrderLedger.class, coreLedger, null);
        this.outbox = context.registerService(org.ordertower.core.spi.EventOutbox.class, coreLedger, null);
        if (config.pipeline_enabled()) {
            commitListeners.add(pipeline::wake);
            pipeline.start();
        }
        logger.info("OrderTower core started on {} (schema version {})", db.dialect(), version);
        if (config.admin_create()) {
            createAdmin();
        }
    }

    private void createAdmin() {
        String etc = System.getProperty("karaf.etc");
        if (etc == null) {
            return;
        }
        try {
            String password = new FirstStartAdmin(Path.of(etc, "users.properties"), new SecureRandom()).ensureAdmin();
            if (password != null) {
                // Printed once to the console on purpose, never to the log.
                System.out.println();
                System.out.println("  OrderTower created the user 'admin' with the password: " + password);
                System.out.println("  It is stored hashed and shown only this once. Log in with: ssh -p 8101 admin@localhost");
                System.out.println();
                logger.info("Created the admin user on first start; its password was printed to the console once");
            }
        } catch (java.io.IOException e) {
            logger.error("Could not create the admin user in {}/users.properties: {}", etc, e.getMessage());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addConnector(ChannelConnector connector) {
        connectors.put(connector, connector.channelId());
        logger.info("Channel {} is available", connector.channelId());
    }

    void removeConnector(ChannelConnector connector) {
        String id = connectors.remove(connector);
        logger.info("Channel {} went away", id);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetCatalog")
    void setCatalog(CatalogService service) {
        catalog = service;
        pipeline.wake();
    }

    void unsetCatalog(CatalogService service) {
        if (catalog == service) {
            catalog = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetInventory")
    void setInventory(InventoryService service) {
        inventory = service;
        pipeline.wake();
    }

    void unsetInventory(InventoryService service) {
        if (inventory == service) {
            inventory = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetRules")
    void setRules(ScreeningService service) {
        rules = service;
        pipeline.wake();
    }

    void unsetRules(ScreeningService service) {
        if (rules == service) {
            rules = null;
        }
    }

    private Set<String> channels() {
        Set<String> s = new TreeSet<>(configuredChannels);
        s.addAll(connectors.values());
        return s;
    }

    @Override
    public void fireCommit() {
        for (Runnable r : commitListeners) {
            r.run();
        }
    }

    @Deactivate
    void deactivate() {
        try {
            outbox.unregister();
            ledger.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
        pipeline.close();
        writer.close();
        logger.info("OrderTower core stopped");
    }

    @Override
    public Database database() {
        return db;
    }

    @Override
    public OrderJson json() {
        return json;
    }

    @Override
    public CoreConfig config() {
        return config;
    }

    @Override
    public OrderStore orderStore() {
        return store;
    }

    @Override
    public OrderIntake orderIntake() {
        return intake;
    }

    @Override
    public void warehousePreference(WarehousePreference preference) {
        pipeline.warehousePreference(preference);
    }

    @Override
    public void onCommit(Runnable listener) {
        commitListeners.add(listener);
    }

    @Override
    public void removeOnCommit(Runnable listener) {
        commitListeners.remove(listener);
    }

    @Override
    public IntakeResult intake(NormalizedOrder order, RawPayload raw, Actor actor) {
        return service.intake(order, raw, actor);
    }

    @Override
    public Optional<Order> find(long id) {
        return service.find(id);
    }

    @Override
    public Optional<Order> findByPlatformId(String channel, String shop, String platformOrderId) {
        return service.findByPlatformId(channel, shop, platformOrderId);
    }

    @Override
    public Page<Order> search(OrderQuery query) {
        return service.search(query);
    }

    @Override
    public List<AuditEntry> timeline(long orderId) {
        return service.timeline(orderId);
    }

    @Override
    public Order transition(long orderId, OrderStatus to, Actor actor, String reason) {
        return service.transition(orderId, to, actor, reason);
    }

    @Override
    public Order amend(long orderId, Address address, Map<String, String> lineSkus, Actor actor, String reason) {
        return service.amend(orderId, address, lineSkus, actor, reason);
    }

    @Override
    public void audit(long orderId, Actor actor, String action, String field, String reason) {
        service.audit(orderId, actor, action, field, reason);
    }

    @Override
    public Set<String> knownChannels() {
        return channels();
    }

    @Override
    public org.ordertower.api.OrderStats stats() {
        return service.stats();
    }

    @Override
    public org.ordertower.api.OrderFlow flow(java.time.Instant from, java.time.Instant to, java.time.Duration step) {
        return service.flow(from, to, step);
    }

    @Override
    public org.ordertower.api.OrderAnalytics analytics(java.time.Instant from, java.time.Instant to, int pairs) {
        return service.analytics(from, to, pairs);
    }
}

package org.ordertower.fulfilment.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;


import javax.sql.DataSource;

import org.ordertower.jdbc.Database;
import org.ordertower.lanes.Lanes;
import org.osgi.framework.BundleContext;
import org.ordertower.fulfilment.internal.http.FulfilmentHttpApi;
import org.osgi.framework.ServiceRegistration;
import org.ordertower.api.Actor;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.PushRequest;
import org.ordertower.api.channel.SignatureTrace;
import org.ordertower.api.fulfilment.CallbackReply;
import org.ordertower.api.fulfilment.CarrierConnector;
import org.ordertower.api.fulfilment.FailedCall;
import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.api.fulfilment.ParcelView;
import org.ordertower.api.fulfilment.PartnerPlatform;
import org.ordertower.api.fulfilment.StockReconciliation;
import org.ordertower.api.fulfilment.WarehouseConnector;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.core.spi.OrderLedger;
import org.ordertower.core.spi.WarehousePreference;
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
 * Wires fulfilment into the container: tracks warehouse systems, carriers and partner platforms as they come and
 * go, gives the pipeline its warehouse preference, runs the {@link Fulfilment} worker and offers
 * {@link FulfilmentService}. Configuration: {@code org.ordertower.fulfilment}; a bad setting stops the component
 * with the setting named in the log, and orders wait in RESERVED until it is fixed.
 */
@Component(service = FulfilmentService.class, configurationPid = "org.ordertower.fulfilment", immediate = true)
@Designate(ocd = FulfilmentConfig.class)
public final class FulfilmentComponent implements FulfilmentService {
    /** The fulfilment's CamelContext, where each partner's calls are a route. */
    public static final String CAMEL_CONTEXT = "ordertower-fulfilment";
    private final Logger logger = LoggerFactory.getLogger(FulfilmentComponent.class);
    private final Lanes lanes;
    private final Partners partners = new Partners();
    private final OrderLedger ledger;
    private final Fulfilment fulfilment;
    private final StockReconcile reconcile;
    private final PartnerCallbacks callbacks;
    private final Runnable wake;
    private final ServiceRegistration<org.ordertower.core.spi.http.HttpApi> http;
    private volatile InventoryService inventory;
    private volatile CatalogService catalog;
    private volatile ChannelService channels;
    private final Duration onTime;

    @Activate
    public FulfilmentComponent(BundleContext context, @Reference OrderLedger ledger,
            @Reference(target = "(dataSourceName=ordertower)") DataSource dataSource, FulfilmentConfig c) throws SQLException {
        this.ledger = ledger;
        Database db = new Database(dataSource);
        if (!(c.ship_on_time_hours() > 0)) {
            throw new IllegalArgumentException("ship.on.time.hours must be above 0, was " + c.ship_on_time_hours());
        }
        this.onTime = Duration.ofSeconds(Math.round(c.ship_on_time_hours() * 3600));
        Routing.Settings settings = Routing.Settings.parse(c.routing_strategies(), c.carrier_default(), c.carrier_regions(),
                c.carrier_costs(), c.carrier_cold_chain());
        this.fulfilment = new Fulfilment(db, ledger, Clock.systemUTC(),
                () -> inventory, () -> catalog, () -> channels, partners, settings, consolidation(c), options(c),
                ledger::fireCommit);
        this.reconcile = new StockReconcile(db, partners, () -> inventory, Clock.systemUTC());
        this.callbacks = new PartnerCallbacks(partners, fulfilment);
        ledger.warehousePreference(o -> {
            Routing.Preference p = fulfilment.preference(o);
            return new WarehousePreference.Choice(p.warehouses(), p.reason());
        });
        this.wake = fulfilment::wake;
        ledger.onCommit(wake);
        // each partner's calls are a route of the fulfilment's own CamelContext, registered for camel:*
        this.lanes = Lanes.registered(context, CAMEL_CONTEXT, 0);
        if (c.enabled()) {
            fulfilment.start(lanes);
        }
        // failed calls, stuck parcels and partners over REST, served by the core's HTTP whiteboard
        this.http = context.registerService(org.ordertower.core.spi.http.HttpApi.class,
                org.ordertower.core.spi.http.HttpApi.of("fulfilment", FulfilmentHttpApi.BASE, FulfilmentHttpApi.MAX_BODY,
                        new FulfilmentHttpApi(this, new org.ordertower.core.spi.http.OrderJson())), null);
        logger.info("Fulfilment started (waybills: {}, tracking: {}, parcels flagged after {} h without news)",
                blankAsNone(c.waybill_service()), blankAsNone(c.tracking_service()), c.parcel_stuck_hours());
    }

    /** The merge and transfer settings; a bad value throws naming the key. */
    static Routing.Consolidation consolidation(FulfilmentConfig c) {
        if (c.merge_window_minutes() < 0) {
            throw new IllegalArgumentException("merge.window.minutes must be 0 or more, was " + c.merge_window_minutes());
        }
        if (c.merge_hold_seconds() < 0) {
            throw new IllegalArgumentException("merge.hold.seconds must be 0 or more, was " + c.merge_hold_seconds());
        }
        return new Routing.Consolidation(c.merge_enabled(), Duration.ofMinutes(c.merge_window_minutes()),
                Duration.ofSeconds(c.merge_hold_seconds()), c.transfer_max_km(), c.transfer_days(),
                c.transfer_km_per_day(), Duration.ofSeconds(Math.round(c.transfer_late_hours() * 3600)));
    }

    static Fulfilment.Options options(FulfilmentConfig c) {
        Map<String, String> centres = new LinkedHashMap<>();
        for (String e : c.returns_centres().split(";")) {
            if (e.isBlank()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.strip().length()) {
                throw new IllegalArgumentException("returns.centres: '" + e.strip() + "' is not <carrier>=<warehouse>");
            }
            centres.put(e.substring(0, eq).strip().toUpperCase(java.util.Locale.ROOT), e.substring(eq + 1).strip());
        }
        if (c.call_attempts() < 1) {
            throw new IllegalArgumentException("call.attempts must be at least 1, was " + c.call_attempts());
        }
        if (c.parcel_stuck_hours() <= 0) {
            throw new IllegalArgumentException("parcel.stuck.hours must be above 0, was " + c.parcel_stuck_hours());
        }
        String base = c.callback_base_url().strip();
        return new Fulfilment.Options(c.waybill_service().strip(), c.tracking_service().strip(),
                base.endsWith("/") ? base.substring(0, base.length() - 1) : base, c.sender_name(), c.sender_phone(),
                Map.copyOf(centres), c.call_attempts(), Duration.ofMillis(Math.max(1, c.call_retry_first_ms())),
                Duration.ofMillis(Math.max(1, c.call_retry_max_ms())),
                Duration.ofSeconds(Math.round(c.parcel_stuck_hours() * 3600)),
                Duration.ofMillis(Math.max(100, c.parcel_watch_ms())), Duration.ofMillis(Math.max(10, c.sweep_ms())),
                Math.max(1, c.batch()), Duration.ofMinutes(2),
                new Refunds.Policy(c.refund_refuse_short(), c.refund_refuse_damaged()));
    }

    private static String blankAsNone(String s) {
        return s == null || s.isBlank() ? "none" : s;
    }

    @Deactivate
    void deactivate() {
        try {
            http.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
        ledger.warehousePreference(null);
        ledger.removeOnCommit(wake);
        fulfilment.close();
        lanes.close();
    }

    // ---- services that come and go

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetInventory")
    void setInventory(InventoryService s) {
        inventory = s;
    }

    void unsetInventory(InventoryService s) {
        if (inventory == s) {
            inventory = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetCatalog")
    void setCatalog(CatalogService s) {
        catalog = s;
    }

    void unsetCatalog(CatalogService s) {
        if (catalog == s) {
            catalog = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetChannels")
    void setChannels(ChannelService s) {
        channels = s;
    }

    void unsetChannels(ChannelService s) {
        if (channels == s) {
            channels = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeWms")
    void addWms(WarehouseConnector c) {
        partners.add(c);
        logger.info("Warehouse system {} ({}) runs {}", c.wmsId(), c.account(), c.warehouses());
    }

    void removeWms(WarehouseConnector c) {
        partners.remove(c);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeCarrier")
    void addCarrier(CarrierConnector c) {
        partners.add(c);
        logger.info("Carrier service {} ({}) offers {}", c.carrierId(), c.account(), c.capabilities());
    }

    void removeCarrier(CarrierConnector c) {
        partners.remove(c);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removePlatform")
    void addPlatform(PartnerPlatform p) {
        partners.add(p);
    }

    void removePlatform(PartnerPlatform p) {
        partners.remove(p);
    }

    // ---- FulfilmentService

    @Override
    public List<ParcelView> parcels(long orderId) {
        return fulfilment.parcels(orderId);
    }

    @Override
    public List<ParcelView> stuck(int limit) {
        return fulfilment.stuck(limit);
    }

    @Override
    public List<FailedCall> failed(int limit) {
        return fulfilment.failed(null, limit);
    }

    @Override
    public List<ParcelView> stuck(Long after, int limit) {
        return fulfilment.stuckAfter(after, limit);
    }

    @Override
    public List<FailedCall> failed(Long after, int limit) {
        return fulfilment.failedAfter(after, limit);
    }

    @Override
    public List<FailedCall> failedSince(java.time.Instant since, int limit) {
        return fulfilment.failedSince(since, limit);
    }

    @Override
    public void retry(long id, Actor actor) {
        boolean revived;
        try {
            revived = fulfilment.revive(id);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the order store is not available: " + e.getMessage(), e);
        }
        if (!revived) {
            throw new IllegalArgumentException("there is no failed call " + id + " (ship:failed lists them)");
        }
        logger.info("{} replays failed call {}", actor, id);
    }

    @Override
    public int retryAll(String kind, Actor actor) {
        int n = 0;
        for (FailedCall f : fulfilment.failed(kind, 10_000)) {
            try {
                if (fulfilment.revive(f.id())) {
                    n++;
                }
            } catch (SQLException e) {
                throw new StoreUnavailableException("the order store is not available: " + e.getMessage(), e);
            }
        }
        logger.info("{} replays {} failed calls{}", actor, n, kind == null ? "" : " of kind " + kind);
        return n;
    }

    @Override
    public CallbackReply wmsCallback(String wmsId, PushRequest request) {
        return callbacks.wms(wmsId, request);
    }

    @Override
    public CallbackReply carrierCallback(String carrierId, PushRequest request) {
        return callbacks.carrier(carrierId, request);
    }

    @Override
    public List<org.ordertower.api.fulfilment.WarehouseHealth> warehouses(java.time.Instant from, java.time.Instant to) {
        return fulfilment.warehouses(from, to, onTime);
    }

    @Override
    public List<String> partners() {
        return partners.platformIds();
    }

    @Override
    public SignatureTrace sign(String partnerId, String secret, Map<String, String> params) {
        return platform(partnerId).sign(secret, params);
    }

    @Override
    public StockReconciliation reconcileStock(String warehouse, boolean apply, Actor actor) {
        return reconcile.run(warehouse, apply, actor);
    }

    private PartnerPlatform platform(String id) {
        return partners.platform(id).orElseThrow(() -> new IllegalArgumentException(
                "the partner " + id + " is not installed; installed: " + partners.platformIds()));
    }
}

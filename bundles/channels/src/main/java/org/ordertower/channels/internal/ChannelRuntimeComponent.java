package org.ordertower.channels.internal;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.ordertower.jdbc.Database;
import org.ordertower.channels.internal.http.ListingsHttpApi;
import org.ordertower.channels.internal.http.ShopsHttpApi;
import org.ordertower.core.spi.http.HttpApi;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.lanes.Lanes;
import org.ordertower.api.OrderService;
import org.ordertower.api.channel.ChannelConnector;
import org.ordertower.api.channel.ChannelPlatform;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.TokenStore;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.api.inventory.StockUpdater;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Wires the channel runtime into the container: tracks every shop's {@link ChannelConnector} and every
 * {@link ChannelPlatform} as they come and go, offers {@link ChannelService} and {@link TokenStore}, and
 * registers one {@link StockUpdater} per channel that has a shop, so the inventory's stock pushes reach
 * the shop's connector. Owns the {@code ordertower-channels} CamelContext, where each shop's pull and message
 * consumption run as routes.
 */
@Component(service = {}, immediate = true, configurationPid = "org.ordertower.core")
public final class ChannelRuntimeComponent {
    /** The name of the channels' CamelContext, as {@code camel:context-list} shows it. */
    public static final String CAMEL_CONTEXT = "ordertower-channels";
    private final ChannelRuntime runtime;
    private final BundleContext context;
    private final Map<String, ServiceRegistration<StockUpdater>> updaters = new ConcurrentHashMap<>();
    private final Map<String, Integer> shopsPerChannel = new ConcurrentHashMap<>();
    private final ServiceRegistration<?> registration;
    private final Lanes lanes;
    private final ServiceRegistration<HttpApi> http;
    private final ServiceRegistration<HttpApi> shopsHttp;

    @Activate
    public ChannelRuntimeComponent(BundleContext context, ChannelsConfig c, @Reference OrderService orders,
            @Reference(target = "(dataSourceName=ordertower)") DataSource dataSource) throws SQLException {
        this.context = context;
        // the shops' routes live in the channels' own CamelContext, registered so camel:route-list and
        // camel:route-suspend see them; started before any route is added (VERSIONS.md gotcha 5)
        this.lanes = Lanes.registered(context, CAMEL_CONTEXT, ChannelRuntime.LANE_THREADS);
        String node = c.node_id().isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : c.node_id().strip();
        this.runtime = new ChannelRuntime(new Database(dataSource), orders, Clock.systemUTC(), new ChannelRuntime.Options(node,
                Duration.ofHours(c.channel_initial_lookback_hours()), Duration.ofMillis(c.channel_message_interval_ms()),
                Math.max(1, c.channel_intake_threads()), Math.max(1, c.channel_event_attempts()),
                Duration.ofDays(Math.max(1, c.channel_events_keep_days())), c.channel_enabled()),
                new ChannelRuntime.Vocabularies(() -> catalog, c.channel_carrier_overrides(),
                        Duration.ofMinutes(Math.max(0, c.channel_listings_interval_minutes())),
                        Duration.ofHours(Math.max(0, c.channel_carriers_interval_hours()))), lanes);
        this.registration = context.registerService(new String[] { ChannelService.class.getName(), TokenStore.class.getName() },
                runtime, null);
        // the listings' REST interface, served by the core's HTTP whiteboard
        this.http = context.registerService(HttpApi.class, HttpApi.of("listings", ListingsHttpApi.BASE,
                ListingsHttpApi.MAX_BODY, new ListingsHttpApi(() -> Optional.of(runtime), new OrderJson())), null);
        this.shopsHttp = context.registerService(HttpApi.class, HttpApi.of("shops", ShopsHttpApi.BASE,
                ShopsHttpApi.MAX_BODY, new ShopsHttpApi(runtime, new OrderJson())), null);
    }

    /** The catalog listings are matched to; the inventory bundle offers it and may come later. */
    private volatile CatalogService catalog;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setCatalog(CatalogService service) {
        this.catalog = service;
    }

    void unsetCatalog(CatalogService service) {
        if (catalog == service) {
            catalog = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addConnector(ChannelConnector connector) {
        runtime.add(connector);
        String channel = connector.channelId();
        if (shopsPerChannel.merge(channel, 1, Integer::sum) == 1) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("channel", channel);
            updaters.put(channel, context.registerService(StockUpdater.class, new StockUpdater() {
                @Override
                public String channelId() {
                    return channel;
                }

                @Override
                public void updateStock(StockUpdate update) {
                    runtime.updateStock(channel, update);
                }
            }, props));
        }
    }

    void removeConnector(ChannelConnector connector) {
        runtime.remove(connector);
        String channel = connector.channelId();
        if (shopsPerChannel.merge(channel, -1, Integer::sum) <= 0) {
            shopsPerChannel.remove(channel);
            ServiceRegistration<StockUpdater> r = updaters.remove(channel);
            if (r != null) {
                try {
                    r.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the bundle is stopping
                }
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPlatform(ChannelPlatform platform) {
        runtime.addPlatform(platform);
    }

    void removePlatform(ChannelPlatform platform) {
        runtime.removePlatform(platform);
    }

    @Deactivate
    void deactivate() {
        try {
            http.unregister();
            shopsHttp.unregister();
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
        updaters.values().forEach(r -> {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
        });
        updaters.clear();
        runtime.close();
        lanes.close();
    }
}

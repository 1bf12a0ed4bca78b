package org.ordertower.core.internal.camel;

import java.time.Clock;
import java.util.Hashtable;
import java.util.Optional;

import javax.jms.ConnectionFactory;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.core.osgi.OsgiDefaultCamelContext;
import org.apache.camel.spi.ComponentResolver;
import org.ordertower.api.OrderService;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.rules.ReviewQueue;
import org.ordertower.core.internal.CoreConfig;
import org.ordertower.core.internal.CoreInternals;
import org.ordertower.core.internal.http.HttpGuard;
import org.ordertower.core.internal.http.ListingsHttpApi;
import org.ordertower.core.internal.http.OrderHttpApi;
import org.ordertower.core.internal.http.PartnerCallbackHttpApi;
import org.ordertower.core.internal.http.ReviewHttpApi;
import org.ordertower.core.internal.http.StockHttpApi;
import org.ordertower.core.internal.http.WebhookHttpApi;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.core.internal.outbox.OutboxRelay;
import org.ordertower.core.internal.security.JaasAuthenticator;
import org.ordertower.core.internal.security.LoginCache;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
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
 * The one CamelContext the core owns: the HTTP interfaces on Jetty (orders; stock and catalog; the
 * review queue), each behind one {@link HttpGuard}, and the outbox relay's JMS producer. Registered
 * as a service so Karaf's {@code camel:*} commands see it. The inventory and the rules engine are
 * optional and may come and go: their paths answer 503 while they are not installed.
 */
@Component(immediate = true, service = {})
public final class CoreCamelComponent {
    public static final String EVENTS_ENDPOINT = "direct:ordertower-events";
    private final Logger logger = LoggerFactory.getLogger(CoreCamelComponent.class);
    private final OsgiDefaultCamelContext camel;
    private final OutboxRelay relay;
    private final CoreInternals core;
    private final Runnable wake;
    private final ServiceRegistration<CamelContext> registration;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile InventoryService inventory;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CatalogService catalog;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ChannelService channels;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ReviewQueue reviewQueue;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FulfilmentService fulfilment;

    @Activate
    public CoreCamelComponent(BundleContext context, @Reference(target = "(component=jetty)") ComponentResolver jetty,
            @Reference(target = "(component=jms)") ComponentResolver jms,
            @Reference(target = "(name=ordertower)") ConnectionFactory connectionFactory,
            @Reference OrderService orders, @Reference CoreInternals core) throws Exception {
        this.core = core;
        CoreConfig config = core.config();
        HttpGuard guard = guard(config, core);
        camel = new OsgiDefaultCamelContext(context);
        camel.setName("ordertower-core");
        camel.addComponent("jms", JmsComponent.jmsComponent(connectionFactory));
        camel.start(); // start first, then add routes (VERSIONS.md gotcha 5)
        String host = config.http_host();
        int port = config.http_port();
        camel.addRoutes(new HttpApiRoutes("ordertower-http-api", host, port, OrderHttpApi.BASE, OrderHttpApi.MAX_BODY,
                new OrderHttpApi(orders, core.json()), guard));
        StockHttpApi stock = new StockHttpApi(() -> Optional.ofNullable(inventory), () -> Optional.ofNullable(catalog), core.json());
        camel.addRoutes(new HttpApiRoutes("ordertower-http-stock", host, port, StockHttpApi.STOCK_BASE, StockHttpApi.MAX_JSON, stock,
                guard));
        camel.addRoutes(new HttpApiRoutes("ordertower-http-catalog", host, port, StockHttpApi.CATALOG_BASE, StockHttpApi.MAX_CSV,
                stock, guard));
        camel.addRoutes(new HttpApiRoutes("ordertower-http-review", host, port, ReviewHttpApi.BASE, ReviewHttpApi.MAX_BODY,
                new ReviewHttpApi(() -> Optional.ofNullable(reviewQueue), orders, core.json()), guard));
        camel.addRoutes(new HttpApiRoutes("ordertower-http-listings", host, port, ListingsHttpApi.BASE, ListingsHttpApi.MAX_BODY,
                new ListingsHttpApi(() -> Optional.ofNullable(channels), core.json()), guard));
        camel.addRoutes(new WebhookRoutes(host, port, new WebhookHttpApi(() -> Optional.ofNullable(channels),
                java.time.Clock.systemUTC(), core.json())));
        PartnerCallbackHttpApi callbacks = new PartnerCallbackHttpApi(() -> Optional.ofNullable(fulfilment),
                java.time.Clock.systemUTC(), core.json());
        camel.addRoutes(new WebhookRoutes("ordertower-http-wms-callbacks", host, port, PartnerCallbackHttpApi.WMS_BASE,
                PartnerCallbackHttpApi.MAX_BODY, callbacks::handle));
        camel.addRoutes(new WebhookRoutes("ordertower-http-carrier-callbacks", host, port,
                PartnerCallbackHttpApi.CARRIER_BASE, PartnerCallbackHttpApi.MAX_BODY, callbacks::handle));
        camel.addRoutes(new EventRoutes(EVENTS_ENDPOINT, "jms:topic:" + config.events_topic()));
        ProducerTemplate producer = camel.createProducerTemplate();
        relay = new OutboxRelay(core.database(), e -> producer.sendBodyAndHeaders(EVENTS_ENDPOINT, e.payload(),
                java.util.Map.of("OrderTowerEventId", e.eventId(), "OrderTowerEventType", e.type(), "OrderTowerOrderId",
                        e.orderId(), "OrderTowerOrderKey", e.orderKey())),
                500, config.outbox_poll_ms());
        wake = relay::wake;
        core.onCommit(wake);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("camel.context.name", camel.getName());
        registration = context.registerService(CamelContext.class, camel, props);
        logger.info("OrderTower HTTP interface on http://{}:{} ({}, {}, {}, {}){}", host, port, OrderHttpApi.BASE,
                StockHttpApi.STOCK_BASE, StockHttpApi.CATALOG_BASE, ReviewHttpApi.BASE,
                config.http_auth_enabled() ? ", HTTP Basic on JAAS realm " + config.http_auth_realm() : "");
    }

    private HttpGuard guard(CoreConfig config, CoreInternals core) {
        if (!config.http_auth_enabled()) {
            logger.warn("HTTP authentication is off (http.auth.enabled=false): every REST caller acts as http-api and may read "
                    + "and change orders, stock, the catalog and the review queue");
            return new HttpGuard(null, core.json());
        }
        String realm = config.http_auth_realm() == null ? "" : config.http_auth_realm().strip();
        if (realm.isEmpty()) {
            throw new IllegalArgumentException("http.auth.realm must name a JAAS realm, such as karaf, while http.auth.enabled is true");
        }
        return new HttpGuard(new LoginCache(new JaasAuthenticator(realm), LoginCache.TTL, Clock.systemUTC()), core.json());
    }

    @Deactivate
    void deactivate() throws Exception {
        core.removeOnCommit(wake);
        registration.unregister();
        relay.close();
        camel.stop();
    }
}

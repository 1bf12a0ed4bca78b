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
import org.ordertower.core.internal.CoreConfig;
import org.ordertower.core.internal.CoreInternals;
import org.ordertower.core.internal.http.HttpGuard;
import org.ordertower.core.internal.http.OrderHttpApi;
import org.ordertower.core.internal.http.PartnerCallbackHttpApi;
import org.ordertower.core.internal.http.WebhookHttpApi;
import org.ordertower.api.channel.ChannelPlatform;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.api.fulfilment.PartnerPlatform;
import org.ordertower.core.internal.outbox.OutboxRelay;
import org.ordertower.core.spi.http.HttpApi;
import org.ordertower.core.spi.http.HttpGateway;
import org.ordertower.lanes.Lanes;
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
 * The one CamelContext the core owns: the HTTP interfaces on Jetty: each installed marketplace's webhook and each
 * partner's callbacks as a route of their own ({@link PlatformRoutes}, open, signature-checked), and behind one
 * {@link HttpGuard} the core's orders API and those the bundles register as {@link HttpApi} services (the
 * whiteboard: stock and catalog with the inventory, the review queue with the rules engine, listings with the
 * channels), added and removed as they come and go, the one intake endpoint for routes ({@link IntakeRoutes#ENDPOINT},
 * {@code direct-vm:ordertower-intake}) and the outbox relay's JMS producer. Registered
 * as a service so Karaf's {@code camel:*} commands see it.
 */
@Component(immediate = true, service = {})
public final class CoreCamelComponent {
    public static final String EVENTS_ENDPOINT = "direct:ordertower-events";
    /** How often the relay's route looks whether a commit woke it (cheap: no query unless woken or due). */
    static final java.time.Duration RELAY_POLL = java.time.Duration.ofMillis(20);
    private final Logger logger = LoggerFactory.getLogger(CoreCamelComponent.class);
    private final OsgiDefaultCamelContext camel;
    private final OutboxRelay relay;
    private final Lanes lanes;
    private final CoreInternals core;
    private final Runnable wake;
    /** Services bound before the constructor's end: served with the core's own routes. */
    private final java.util.List<Object> pending = new java.util.ArrayList<>();
    private HttpWhiteboard whiteboard;
    private PlatformRoutes platforms;
    private final ServiceRegistration<CamelContext> registration;
    private final CoreHttpGateway gateway;
    private final ServiceRegistration<HttpGateway> gatewayRegistration;

    private final org.ordertower.core.internal.security.ApiTokens tokens;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ChannelService channels;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FulfilmentService fulfilment;

    @Activate
    public CoreCamelComponent(BundleContext context, @Reference(target = "(component=jetty)") ComponentResolver jetty,
            @Reference(target = "(component=jms)") ComponentResolver jms,
            @Reference(target = "(component=direct-vm)") ComponentResolver directVm,
            @Reference(target = "(name=ordertower)") ConnectionFactory connectionFactory,
            @Reference OrderService orders, @Reference CoreInternals core) throws Exception {
        this.core = core;
        CoreConfig config = core.config();
        tokens = new org.ordertower.core.internal.security.ApiTokens(core.database(), Clock.systemUTC());
        HttpGuard guard = guard(config, core);
        camel = new OsgiDefaultCamelContext(context);
        camel.setName("ordertower-core");
        camel.addComponent("jms", JmsComponent.jmsComponent(connectionFactory));
        camel.start(); // start first, then add routes (VERSIONS.md gotcha 5)
        String host = config.http_host();
        int port = config.http_port();
        OrderHttpApi orderApi = new OrderHttpApi(orders, core.json());
        camel.addRoutes(new HttpApiRoutes("ordertower-http-api", host, port, OrderHttpApi.BASE, OrderHttpApi.MAX_BODY,
                orderApi, guard));
        camel.addRoutes(HttpApiRoutes.unknownPaths(host, port, new org.ordertower.core.spi.http.JsonReplies(core.json())));
        gateway = new CoreHttpGateway(guard, core.json());
        gateway.add(HttpApi.of("orders", OrderHttpApi.BASE, OrderHttpApi.MAX_BODY, orderApi));
        org.ordertower.core.internal.http.TokensHttpApi tokensApi = new org.ordertower.core.internal.http.TokensHttpApi(
                tokens, core.json());
        camel.addRoutes(new HttpApiRoutes("ordertower-http-tokens", host, port,
                org.ordertower.core.internal.http.TokensHttpApi.BASE,
                org.ordertower.core.internal.http.TokensHttpApi.MAX_BODY, tokensApi, guard));
        gateway.add(HttpApi.of("tokens", org.ordertower.core.internal.http.TokensHttpApi.BASE,
                org.ordertower.core.internal.http.TokensHttpApi.MAX_BODY, tokensApi));
        org.ordertower.core.internal.http.OpenApiHttpApi openApi = new org.ordertower.core.internal.http.OpenApiHttpApi(core.json());
        camel.addRoutes(new HttpApiRoutes("ordertower-http-openapi", host, port,
                org.ordertower.core.internal.http.OpenApiHttpApi.BASE, 0, openApi, guard));
        gateway.add(HttpApi.of("openapi", org.ordertower.core.internal.http.OpenApiHttpApi.BASE, 0, openApi));
        WebhookHttpApi webhooks = new WebhookHttpApi(() -> Optional.ofNullable(channels), Clock.systemUTC(), core.json());
        PartnerCallbackHttpApi callbacks = new PartnerCallbackHttpApi(() -> Optional.ofNullable(fulfilment),
                Clock.systemUTC(), core.json());
        camel.addRoutes(new IntakeRoutes(orders, core.json()));
        if (!config.jms_intake_queue().isBlank()) {
            camel.addRoutes(new JmsIntakeRoutes(config.jms_intake_queue().strip(), orders, core.json(), Clock.systemUTC()));
        }
        String kafkaBrokers = config.kafka_brokers() == null ? "" : config.kafka_brokers().strip();
        camel.addRoutes(new EventRoutes(EVENTS_ENDPOINT, kafkaBrokers.isEmpty() ? null
                : EventRoutes.kafkaParameters(kafkaBrokers, config.kafka_options())));
        if (!kafkaBrokers.isEmpty()) {
            logger.info("Events also go to Kafka at {}", kafkaBrokers);
        }
        EventTopics topics = new EventTopics(config.events_topic().strip(), config.review_topic().strip(),
                config.alerts_topic().strip(), config.stock_topic().strip());
        ProducerTemplate producer = camel.createProducerTemplate();
        relay = new OutboxRelay(core.database(), e -> producer.sendBodyAndHeaders(EVENTS_ENDPOINT, e.payload(), topics.headers(e)),
                500, config.outbox_poll_ms());
        lanes = new Lanes(camel, "ordertower-core-lanes", 1);
        lanes.start(OutboxRelay.ROUTE, Lanes.Schedule.busy(RELAY_POLL), relay);
        wake = relay::wake;
        core.onCommit(wake);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("camel.context.name", camel.getName());
        registration = context.registerService(CamelContext.class, camel, props);
        gatewayRegistration = context.registerService(HttpGateway.class, gateway, new Hashtable<>());
        synchronized (this) {
            whiteboard = new HttpWhiteboard(camel, host, port, guard);
            platforms = new PlatformRoutes(camel, host, port, webhooks, callbacks);
            pending.forEach(this::serve);
            pending.clear();
        }
        logger.info("OrderTower HTTP interface on http://{}:{} ({} and the interfaces the bundles register){}", host, port,
                OrderHttpApi.BASE, config.http_auth_enabled() ? ", HTTP Basic on JAAS realm " + config.http_auth_realm() : "");
    }

    /** The whiteboard: a bundle's {@link HttpApi} service becomes the route {@code ordertower-http-<name>}. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeApi")
    void addApi(HttpApi api) {
        bind(api);
    }

    void removeApi(HttpApi api) {
        unbind(api);
    }

    /** An installed marketplace's webhook becomes the route {@code channel-<id>-webhooks}. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeChannel")
    void addChannel(ChannelPlatform platform) {
        bind(platform);
    }

    void removeChannel(ChannelPlatform platform) {
        unbind(platform);
    }

    /** An installed partner's callbacks become the route {@code partner-<id>-callbacks}. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removePartner")
    void addPartner(PartnerPlatform platform) {
        bind(platform);
    }

    void removePartner(PartnerPlatform platform) {
        unbind(platform);
    }

    private synchronized void bind(Object service) {
        if (whiteboard == null) {
            pending.add(service);
            return;
        }
        serve(service);
    }

    private void serve(Object service) {
        if (service instanceof HttpApi api) {
            if (whiteboard.add(api)) {
                gateway.add(api);
            }
        } else if (service instanceof ChannelPlatform channel) {
            platforms.add(channel);
        } else if (service instanceof PartnerPlatform partner) {
            platforms.add(partner);
        }
    }

    private synchronized void unbind(Object service) {
        pending.remove(service);
        if (service instanceof HttpApi api && whiteboard != null) {
            gateway.remove(api);
            whiteboard.remove(api);
        } else if (platforms != null) {
            platforms.remove(service);
        }
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
        return new HttpGuard(new LoginCache(new JaasAuthenticator(realm), LoginCache.TTL, Clock.systemUTC()), tokens::verify,
                core.json());
    }

    @Deactivate
    void deactivate() throws Exception {
        core.removeOnCommit(wake);
        gatewayRegistration.unregister();
        registration.unregister();
        lanes.close();
        camel.stop();
    }
}

package org.ordertower.core.internal.camel;

import java.util.Hashtable;

import javax.jms.ConnectionFactory;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.core.osgi.OsgiDefaultCamelContext;
import org.apache.camel.spi.ComponentResolver;
import org.ordertower.api.OrderService;
import org.ordertower.core.internal.CoreConfig;
import org.ordertower.core.internal.CoreInternals;
import org.ordertower.core.internal.http.OrderHttpApi;
import org.ordertower.core.internal.outbox.OutboxRelay;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one CamelContext the core owns: the HTTP interface on Jetty and the outbox relay's JMS
 * producer. Registered as a service so Karaf's {@code camel:*} commands see it.
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

    @Activate
    public CoreCamelComponent(BundleContext context, @Reference(target = "(component=jetty)") ComponentResolver jetty,
            @Reference(target = "(component=jms)") ComponentResolver jms,
            @Reference(target = "(name=ordertower)") ConnectionFactory connectionFactory,
            @Reference OrderService orders, @Reference CoreInternals core) throws Exception {
        this.core = core;
        CoreConfig config = core.config();
        camel = new OsgiDefaultCamelContext(context);
        camel.setName("ordertower-core");
        camel.addComponent("jms", JmsComponent.jmsComponent(connectionFactory));
        camel.start(); // start first, then add routes (VERSIONS.md gotcha 5)
        camel.addRoutes(new HttpApiRoutes("ordertower-http-api", config.http_host(), config.http_port(), OrderHttpApi.BASE,
                OrderHttpApi.MAX_BODY, new OrderHttpApi(orders, core.json())));
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
        logger.info("OrderTower HTTP interface on http://{}:{}{}", config.http_host(), config.http_port(), OrderHttpApi.BASE);
    }

    @Deactivate
    void deactivate() throws Exception {
        core.removeOnCommit(wake);
        registration.unregister();
        relay.close();
        camel.stop();
    }
}

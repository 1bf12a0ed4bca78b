package org.ordertower.core.internal.broker;

import javax.jms.ConnectionFactory;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.pool.PooledConnectionFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's JMS connection factory: an embedded ActiveMQ broker built in code (no XML, nothing to
 * download at start), reachable in the JVM over {@code vm://} and by others on {@code listen}; or,
 * with {@code embedded=false}, a pooled factory for a shared broker at {@code url}. Registered as a
 * {@link ConnectionFactory} service with {@code name=ordertower}.
 */
@Component(immediate = true, configurationPid = "org.ordertower.broker", service = {})
@Designate(ocd = BrokerConfig.class)
public final class EmbeddedBrokerComponent {
    private final Logger logger = LoggerFactory.getLogger(EmbeddedBrokerComponent.class);
    private final BrokerService broker;
    private final PooledConnectionFactory pooled;
    private final ServiceRegistration<ConnectionFactory> registration;

    @Activate
    public EmbeddedBrokerComponent(BundleContext context, BrokerConfig config) throws Exception {
        String url = config.url();
        String user = config.user() == null ? "" : config.user().strip();
        String password = config.password() == null ? "" : org.ordertower.api.ConfigSecrets.resolve("password", config.password());
        if (config.embedded()) {
            BrokerSecurity.check(config.listen(), user, password);
            broker = new BrokerService();
            broker.setBrokerName("ordertower");
            broker.setUseJmx(false);
            broker.setPersistent(config.persistent());
            broker.setUseShutdownHook(false);
            String data = System.getProperty("karaf.data", "data");
            broker.setDataDirectory(data + "/activemq");
            BrokerSecurity.apply(broker, user, password);
            if (!config.listen().isBlank()) {
                broker.addConnector(config.listen());
            }
            broker.start();
            broker.waitUntilStarted();
            if (url.isBlank()) {
                url = "vm://ordertower?create=false";
            }
            logger.info("Embedded JMS broker started{}{}", config.listen().isBlank() ? "" : " on " + config.listen(),
                    user.isEmpty() ? " (no login: this machine only)" : " (connections log in as " + user + ")");
        } else {
            broker = null;
            if (url.isBlank()) {
                throw new IllegalArgumentException("org.ordertower.broker: url is required when embedded=false");
            }
        }
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        if (!user.isEmpty()) {
            factory.setUserName(user);
            factory.setPassword(password);
        }
        factory.setWatchTopicAdvisories(false);
        pooled = new PooledConnectionFactory(factory);
        pooled.setMaxConnections(4);
        java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
        props.put("name", "ordertower");
        registration = context.registerService(ConnectionFactory.class, pooled, props);
    }

    @Deactivate
    void deactivate() throws Exception {
        registration.unregister();
        pooled.stop();
        if (broker != null) {
            broker.stop();
            broker.waitUntilStopped();
        }
    }
}

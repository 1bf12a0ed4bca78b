package org.ordertower.core.internal.broker;

import java.time.Clock;

import javax.jms.ConnectionFactory;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.pool.PooledConnectionFactory;
import org.ordertower.core.internal.security.JaasAuthenticator;
import org.ordertower.core.internal.security.LoginCache;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
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
    public EmbeddedBrokerComponent(BundleContext context, BrokerConfig config, @Reference ConfigurationAdmin configs)
            throws Exception {
        String url = config.url();
        String realm = config.realm() == null ? "" : config.realm().strip();
        String user = config.user() == null ? "" : config.user().strip();
        String password = config.password() == null ? "" : org.ordertower.api.ConfigSecrets.resolve("password", config.password());
        if (config.embedded()) {
            BrokerSecurity.check(config.listen(), user, password, realm);
            broker = new BrokerService();
            broker.setBrokerName("ordertower");
            broker.setUseJmx(false);
            broker.setPersistent(config.persistent());
            broker.setUseShutdownHook(false);
            String data = System.getProperty("karaf.data", "data");
            broker.setDataDirectory(data + "/activemq");
            if (realm.isEmpty()) {
                BrokerSecurity.apply(broker, user, password);
            } else {
                broker.setPlugins(new BrokerPlugin[] { new BrokerAccess(new LoginCache(new JaasAuthenticator(realm),
                        LoginCache.TTL, Clock.systemUTC()), user, password, access(configs)) });
            }
            if (!config.listen().isBlank()) {
                broker.addConnector(config.listen());
            }
            broker.start();
            broker.waitUntilStarted();
            if (url.isBlank()) {
                url = "vm://ordertower?create=false";
            }
            logger.info("Embedded JMS broker started{}{}", config.listen().isBlank() ? "" : " on " + config.listen(),
                    !realm.isEmpty() ? " (network logins: the users of realm " + realm + ", by their roles)"
                            : user.isEmpty() ? " (no login: this machine only)" : " (connections log in as " + user + ")");
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

    /** The JMS column of the roles table over the core's destinations ({@code etc/org.ordertower.core.cfg}). */
    private JmsAccess access(ConfigurationAdmin configs) {
        JmsAccess d = JmsAccess.defaults();
        try {
            Configuration[] found = configs.listConfigurations("(service.pid=org.ordertower.core)");
            java.util.Dictionary<String, Object> p = found == null || found.length == 0 ? null : found[0].getProperties();
            if (p == null) {
                return d;
            }
            return new JmsAccess(text(p, "jms.intake.queue", "ordertower.orders.in"),
                    text(p, "events.topic", "ordertower.order.events"), text(p, "review.topic", "ordertower.review.decisions"),
                    text(p, "alerts.topic", "ordertower.alerts"), text(p, "stock.topic", "ordertower.stock.changes"));
        } catch (java.io.IOException | org.osgi.framework.InvalidSyntaxException | RuntimeException e) {
            logger.warn("The broker reads the core's destination names from its defaults: {}", e.toString());
            return d;
        }
    }

    private static String text(java.util.Dictionary<String, Object> p, String key, String dflt) {
        Object v = p.get(key);
        return v == null ? dflt : String.valueOf(v).strip();
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

package org.ordertower.core.internal.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;

import org.apache.activemq.broker.Broker;
import org.apache.activemq.broker.BrokerFilter;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.ConnectionContext;
import org.apache.activemq.broker.ProducerBrokerExchange;
import org.apache.activemq.broker.region.Destination;
import org.apache.activemq.broker.region.Subscription;
import org.apache.activemq.command.ActiveMQDestination;
import org.apache.activemq.command.ConnectionInfo;
import org.apache.activemq.command.ConsumerInfo;
import org.apache.activemq.command.DestinationInfo;
import org.apache.activemq.command.Message;
import org.apache.activemq.command.ProducerInfo;
import org.apache.activemq.security.SecurityContext;
import org.ordertower.api.Access.Permission;
import org.ordertower.api.Caller;
import org.ordertower.core.internal.security.Authenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to the embedded broker, and what each login may send and receive: the JMS column of the one roles
 * table, {@link JmsAccess} over {@link Permission}.
 * <ul>
 * <li>This node's own connections (the {@code vm://} transport, in this JVM) act for the node and may do anything.</li>
 * <li>A connection over the network logs in with a user of the node's JAAS realm (Karaf's {@code etc/users.properties}
 * by default), or with the broker's own {@code user} (another node's login, which may do anything). An anonymous or
 * wrong login is refused.</li>
 * <li>Each send, consumer and browser is checked against the login's roles; a refusal is a
 * {@link SecurityException} the client sees as a {@code JMSSecurityException} naming the permission, and is logged
 * (user, destination, never the password).</li>
 * </ul>
 */
final class BrokerAccess implements BrokerPlugin {
    private static final Logger LOGGER = LoggerFactory.getLogger(BrokerAccess.class);
    private final Authenticator realm;
    private final String nodeUser;
    private final byte[] nodePassword;
    private final JmsAccess table;

    /**
     * @param realm checks users and passwords (a {@link org.ordertower.core.internal.security.LoginCache} over the
     *     JAAS realm)
     * @param nodeUser the broker's own user, which may do anything; empty for none
     */
    BrokerAccess(Authenticator realm, String nodeUser, String nodePassword, JmsAccess table) {
        this.realm = realm;
        this.nodeUser = nodeUser == null ? "" : nodeUser.strip();
        this.nodePassword = (nodePassword == null ? "" : nodePassword).getBytes(StandardCharsets.UTF_8);
        this.table = table;
    }

    @Override
    public Broker installPlugin(Broker broker) {
        return new Filter(broker);
    }

    /** A login: the node (anything goes) or a caller with roles. */
    static final class Login extends SecurityContext {
        private final Caller caller; // null: the node

        Login(String name, Caller caller) {
            super(name);
            this.caller = caller;
        }

        @Override
        public Set<Principal> getPrincipals() {
            return Set.of();
        }

        boolean may(Optional<Permission> needed) {
            return caller == null || needed.isEmpty() || needed.get().allows(caller::hasRole);
        }
    }

    /** The login of {@code user}, or empty when it is refused. */
    Optional<Login> login(boolean inThisJvm, String user, String password) {
        if (inThisJvm) {
            return Optional.of(new Login("ordertower-node", null));
        }
        if (user == null || user.isBlank() || password == null) {
            return Optional.empty();
        }
        if (!nodeUser.isEmpty() && user.strip().equals(nodeUser)) {
            boolean ok = MessageDigest.isEqual(nodePassword, password.getBytes(StandardCharsets.UTF_8));
            return ok ? Optional.of(new Login(nodeUser, null)) : Optional.empty();
        }
        return realm.authenticate(user.strip(), password).map(c -> new Login(c.name(), c));
    }

    private final class Filter extends BrokerFilter {
        Filter(Broker next) {
            super(next);
        }

        @Override
        public void addConnection(ConnectionContext context, ConnectionInfo info) throws Exception {
            if (context.getSecurityContext() == null) {
                boolean local = context.getConnection() != null && context.getConnection().getRemoteAddress() != null
                        && context.getConnection().getRemoteAddress().startsWith("vm:");
                Optional<Login> login = login(local, info.getUserName(), info.getPassword());
                if (login.isEmpty()) {
                    LOGGER.info("JMS login of '{}' from {} refused", info.getUserName() == null ? "(anonymous)"
                            : info.getUserName(), context.getConnection() == null ? "?" : context.getConnection().getRemoteAddress());
                    throw new SecurityException("User name [" + info.getUserName() + "] or password is invalid; the broker"
                            + " takes the users of the node's realm");
                }
                context.setSecurityContext(login.get());
            }
            try {
                super.addConnection(context, info);
            } catch (Exception e) {
                context.setSecurityContext(null);
                throw e;
            }
        }

        @Override
        public void removeConnection(ConnectionContext context, ConnectionInfo info, Throwable error) throws Exception {
            super.removeConnection(context, info, error);
            if (context.getSecurityContext() instanceof Login) {
                context.setSecurityContext(null);
            }
        }

        @Override
        public Destination addDestination(ConnectionContext context, ActiveMQDestination d, boolean create) throws Exception {
            Login login = loginOf(context);
            if (login != null && !login.may(table.toSend(d)) && !login.may(table.toReceive(d))) {
                refuse(login, "create", d, table.toReceive(d));
            }
            return super.addDestination(context, d, create);
        }

        @Override
        public void addDestinationInfo(ConnectionContext context, DestinationInfo info) throws Exception {
            Login login = loginOf(context);
            ActiveMQDestination d = info.getDestination();
            if (login != null && d != null && !login.may(table.toSend(d)) && !login.may(table.toReceive(d))) {
                refuse(login, "create", d, table.toReceive(d));
            }
            super.addDestinationInfo(context, info);
        }

        @Override
        public Subscription addConsumer(ConnectionContext context, ConsumerInfo info) throws Exception {
            Login login = loginOf(context);
            ActiveMQDestination d = info.getDestination();
            if (login != null && d != null) {
                for (ActiveMQDestination one : d.isComposite() ? d.getCompositeDestinations() : new ActiveMQDestination[] { d }) {
                    if (!login.may(table.toReceive(one))) {
                        refuse(login, "receive from", one, table.toReceive(one));
                    }
                }
            }
            return super.addConsumer(context, info);
        }

        @Override
        public void addProducer(ConnectionContext context, ProducerInfo info) throws Exception {
            Login login = loginOf(context);
            if (login != null && info.getDestination() != null) {
                checkSend(login, info.getDestination());
            }
            super.addProducer(context, info);
        }

        @Override
        public void send(ProducerBrokerExchange exchange, Message message) throws Exception {
            Login login = loginOf(exchange.getConnectionContext());
            if (login != null) {
                checkSend(login, message.getDestination());
            }
            super.send(exchange, message);
        }

        private void checkSend(Login login, ActiveMQDestination d) {
            for (ActiveMQDestination one : d.isComposite() ? d.getCompositeDestinations() : new ActiveMQDestination[] { d }) {
                if (!login.may(table.toSend(one))) {
                    refuse(login, "send to", one, table.toSend(one));
                }
            }
        }

        /** The login of an outside connection; null for the broker's own work, which is not checked. */
        private Login loginOf(ConnectionContext context) {
            if (context == null) {
                return null;
            }
            SecurityContext s = context.getSecurityContext();
            return s instanceof Login l ? l : null;
        }

        private void refuse(Login login, String what, ActiveMQDestination d, Optional<Permission> needed) {
            String message = login.getUserName() + " may not " + what + " " + d.getQualifiedName() + ": "
                    + needed.map(p -> p.what() + " needs the role " + String.join(" or ", p.roles())).orElse("refused");
            LOGGER.info("JMS refused: {}", message);
            throw new SecurityException(message);
        }
    }
}

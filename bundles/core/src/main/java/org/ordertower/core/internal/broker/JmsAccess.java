package org.ordertower.core.internal.broker;

import java.util.Map;
import java.util.Optional;

import org.apache.activemq.command.ActiveMQDestination;
import org.ordertower.api.Access.Permission;

/**
 * The JMS column of the one roles table ({@link Permission}): which permission a login needs to send to, or to receive
 * from, each of the node's destinations. The names are the core's ({@code etc/org.ordertower.core.cfg}):
 * <ul>
 * <li>send to the intake queue: {@link Permission#INTAKE}, as {@code POST /api/v1/orders};</li>
 * <li>receive from its dead-letter queue ({@code <intake>.dead}): {@link Permission#CHANGE}, as whoever mends refused
 * orders;</li>
 * <li>receive order events, stock changes and alerts: {@link Permission#READ}; review decisions:
 * {@link Permission#READ_REVIEW}, as {@code GET /api/v1/review};</li>
 * <li>temporary destinations (a {@code JMSReplyTo}) and the broker's advisory topics: any login;</li>
 * <li>anything else, and sending to the topics or receiving from the intake queue (which only the node does):
 * {@link Permission#ADMINISTER}.</li>
 * </ul>
 */
public final class JmsAccess {
    /** Any login may. */
    static final Optional<Permission> ANY_LOGIN = Optional.empty();

    private final String intake;
    private final Map<String, Permission> topics;

    /**
     * @param intake the intake queue ({@code jms.intake.queue}); empty when there is none
     * @param events order events ({@code events.topic})
     * @param review review decisions ({@code review.topic})
     * @param alerts alerts ({@code alerts.topic})
     * @param stock stock changes ({@code stock.topic})
     */
    public JmsAccess(String intake, String events, String review, String alerts, String stock) {
        this.intake = intake == null ? "" : intake.strip();
        this.topics = Map.of(events, Permission.READ, review, Permission.READ_REVIEW, alerts, Permission.READ, stock,
                Permission.READ);
    }

    /** The defaults of the core's configuration. */
    public static JmsAccess defaults() {
        return new JmsAccess("ordertower.orders.in", "ordertower.order.events", "ordertower.review.decisions",
                "ordertower.alerts", "ordertower.stock.changes");
    }

    /** What sending to {@code d} needs; {@link #ANY_LOGIN} when any login may. */
    public Optional<Permission> toSend(ActiveMQDestination d) {
        if (open(d)) {
            return ANY_LOGIN;
        }
        if (d.isQueue() && !intake.isEmpty() && d.getPhysicalName().equals(intake)) {
            return Optional.of(Permission.INTAKE);
        }
        return Optional.of(Permission.ADMINISTER);
    }

    /** What receiving from {@code d} needs (browsing a queue too); {@link #ANY_LOGIN} when any login may. */
    public Optional<Permission> toReceive(ActiveMQDestination d) {
        if (open(d)) {
            return ANY_LOGIN;
        }
        if (d.isTopic() && topics.containsKey(d.getPhysicalName())) {
            return Optional.of(topics.get(d.getPhysicalName()));
        }
        if (d.isQueue() && !intake.isEmpty() && d.getPhysicalName().equals(intake + ".dead")) {
            return Optional.of(Permission.CHANGE);
        }
        return Optional.of(Permission.ADMINISTER);
    }

    private static boolean open(ActiveMQDestination d) {
        return d.isTemporary() || d.getPhysicalName().startsWith("ActiveMQ.Advisory.");
    }
}

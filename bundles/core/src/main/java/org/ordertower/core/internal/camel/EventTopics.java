package org.ordertower.core.internal.camel;

import java.util.Map;

import org.ordertower.api.AlertEvent;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.core.internal.outbox.OutboxRelay.OutboxEvent;

/**
 * Which topic each outbox event goes to: alerts to the alerts topic, people's review decisions to the review topic,
 * everything else (created, updated, status changed) to the order events topic; and the headers it carries.
 */
final class EventTopics {
    private final String orders;
    private final Map<String, String> byType;

    EventTopics(String orders, String review, String alerts) {
        this.orders = orders;
        this.byType = Map.of(AlertEvent.TYPE, alerts, OrderIntake.REVIEW_DECISION, review);
    }

    String of(String type) {
        return byType.getOrDefault(type, orders);
    }

    /** The JMS headers of an event, with {@link EventRoutes#TOPIC} naming its topic. */
    Map<String, Object> headers(OutboxEvent e) {
        return Map.of("OrderTowerEventId", e.eventId(), "OrderTowerEventType", e.type(), "OrderTowerOrderId", e.orderId(),
                "OrderTowerOrderKey", e.orderKey(), EventRoutes.TOPIC, of(e.type()));
    }
}

package org.ordertower.core.internal.camel;

import java.util.Map;

import org.ordertower.api.AlertEvent;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.core.internal.outbox.OutboxRelay.OutboxEvent;

/**
 * Which topic each outbox event goes to: alerts to the alerts topic, people's review decisions to the review topic,
 * stock changes to the stock topic, everything else (created, updated, status changed) to the order events topic; and the headers it carries.
 */
final class EventTopics {
    private final String orders;
    private final Map<String, String> byType;

    EventTopics(String orders, String review, String alerts, String stock) {
        this.orders = orders;
        this.byType = Map.of(AlertEvent.TYPE, alerts, OrderIntake.REVIEW_DECISION, review,
                org.ordertower.core.spi.EventOutbox.STOCK_CHANGED, stock);
    }

    String of(String type) {
        return byType.getOrDefault(type, orders);
    }

    /**
     * The headers of an event, with {@link EventRoutes#TOPIC} naming its topic and {@link EventRoutes#KEY} its Kafka
     * key: the order id, or for an event about no one order (a stock change) what it is about (the SKU).
     */
    Map<String, Object> headers(OutboxEvent e) {
        return Map.of("OrderTowerEventId", e.eventId(), "OrderTowerEventType", e.type(), "OrderTowerOrderId", e.orderId(),
                "OrderTowerOrderKey", e.orderKey(), EventRoutes.TOPIC, of(e.type()),
                EventRoutes.KEY, e.orderId() > 0 ? String.valueOf(e.orderId()) : e.orderKey());
    }
}

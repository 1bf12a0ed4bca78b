package org.ordertower.core.internal.outbox;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.ordertower.api.AlertEvent;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.jdbc.Tx;
import org.ordertower.core.spi.http.OrderJson;

/**
 * Raises an {@link AlertEvent} in the caller's transaction: an outbox row the relay publishes on the events topic
 * once the transaction commits, so an alert is sent exactly when the change that caused it is stored.
 */
public final class Alerts {
    private final OrderStore orders;
    private final OrderJson json;

    public Alerts(OrderStore orders, OrderJson json) {
        this.orders = orders;
        this.json = json;
    }

    public AlertEvent raise(Tx tx, long orderId, String kind, String subject, String message, Instant now)
            throws SQLException {
        Optional<Order> o = orders.load(tx, orderId, false);
        NormalizedOrder c = o.map(Order::content).orElse(null);
        AlertEvent e = new AlertEvent(UUID.randomUUID().toString(), kind, orderId, c == null ? null : c.channel(),
                c == null ? null : c.shop(), c == null ? null : c.platformOrderId(), subject, message, now);
        orders.outbox(tx, e.eventId(), AlertEvent.TYPE, orderId, c == null ? "order/" + orderId : c.key(), now, json.alert(e));
        return e;
    }
}

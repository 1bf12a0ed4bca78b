package org.ordertower.fulfilment.internal;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.ordertower.api.Actor;
import org.ordertower.api.AlertEvent;
import org.ordertower.api.Order;
import org.ordertower.api.Refund;
import org.ordertower.core.spi.OrderLedger;
import org.ordertower.jdbc.Tx;

/** The core's orders within fulfilment's own transactions ({@link OrderLedger} joined on the transaction's connection). */
final class Orders {
    private final OrderLedger ledger;

    Orders(OrderLedger ledger) {
        this.ledger = ledger;
    }

    Optional<Order> load(Tx tx, long orderId, boolean forUpdate) throws SQLException {
        return ledger.load(tx.connection(), orderId, forUpdate);
    }

    Optional<OrderLedger.OrderState> lockState(Tx tx, long orderId) throws SQLException {
        return ledger.lockState(tx.connection(), orderId);
    }

    void audit(Tx tx, long orderId, Instant at, Actor actor, String action, String field, String oldValue, String newValue,
            String note) throws SQLException {
        ledger.audit(tx.connection(), orderId, at, actor, action, field, oldValue, newValue, note);
    }

    boolean refundState(Tx tx, long orderId, String refundId, Refund.State state) throws SQLException {
        return ledger.refundState(tx.connection(), orderId, refundId, state);
    }

    void statusChanged(Tx tx, Order before, Order after, String holdReason, Actor actor, String reason, Instant now)
            throws SQLException {
        ledger.statusChanged(tx.connection(), before, after, holdReason, actor, reason, now);
    }

    AlertEvent raise(Tx tx, long orderId, String kind, String subject, String message, Instant now) throws SQLException {
        return ledger.raiseAlert(tx.connection(), orderId, kind, subject, message, now);
    }
}

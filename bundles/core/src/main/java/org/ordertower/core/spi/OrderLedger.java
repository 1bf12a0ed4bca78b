package org.ordertower.core.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.ordertower.api.Actor;
import org.ordertower.api.AlertEvent;
import org.ordertower.api.Order;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.Refund;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The order store for bundles that change orders inside their own transactions (fulfilment): each call joins the
 * caller's transaction on {@code tx} (a connection of the {@code ordertower} DataSource with auto-commit off), so the
 * caller's rows, the order's status, its audit rows and its outbox events commit together or not at all. The caller
 * commits, rolls back and closes. Offered by the core bundle; internal to OrderTower's own bundles, not a plugin API.
 */
@ProviderType
public interface OrderLedger {
    /** An order's status, hold reason and revision. */
    record OrderState(OrderStatus status, String holdReason, int revision) {
    }

    /** The reservation id the pipeline reserved an order's stock under. */
    static String reservationOf(long orderId) {
        return "order-" + orderId;
    }

    /** The order, locked for the rest of the transaction when {@code forUpdate}. */
    Optional<Order> load(Connection tx, long orderId, boolean forUpdate) throws SQLException;

    /** An order's state, locked for the rest of the transaction. */
    Optional<OrderState> lockState(Connection tx, long orderId) throws SQLException;

    /** Writes an audit row on the order's timeline. */
    void audit(Connection tx, long orderId, Instant at, Actor actor, String action, String field, String oldValue,
            String newValue, String note) throws SQLException;

    /** Sets the state of a platform refund kept with the order; false when the order has no such refund. */
    boolean refundState(Connection tx, long orderId, String refundId, Refund.State state) throws SQLException;

    /**
     * A status change whose transition the caller has checked: the new status and revision, the audit row and the
     * outbox event.
     *
     * @param holdReason why the order waits when {@code after} is ON_HOLD; else null
     */
    void statusChanged(Connection tx, Order before, Order after, String holdReason, Actor actor, String reason,
            Instant now) throws SQLException;

    /** Raises an alert on an order: an audit row and an ALERT outbox event (no buyer data). */
    AlertEvent raiseAlert(Connection tx, long orderId, String kind, String subject, String message, Instant now)
            throws SQLException;

    /** Called after every committed order change on this node (the caller's own commits included). */
    void onCommit(Runnable listener);

    void removeOnCommit(Runnable listener);

    /** Tells the node's commit listeners (the outbox relay, the pipeline) that the caller committed. */
    void fireCommit();

    /** Sets how the pipeline chooses the warehouses an order's stock is reserved in; null for any. */
    void warehousePreference(WarehousePreference preference);
}

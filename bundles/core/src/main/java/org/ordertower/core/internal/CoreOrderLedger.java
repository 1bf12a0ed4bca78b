package org.ordertower.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.ordertower.api.Actor;
import org.ordertower.api.AlertEvent;
import org.ordertower.api.Order;
import org.ordertower.api.Refund;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.core.internal.outbox.Alerts;
import org.ordertower.core.spi.OrderLedger;
import org.ordertower.core.spi.WarehousePreference;
import org.ordertower.jdbc.Dialect;
import org.ordertower.jdbc.Tx;

/** {@link OrderLedger} over the core's order store: every call joins the caller's transaction ({@link Tx#join}). */
public final class CoreOrderLedger implements OrderLedger, org.ordertower.core.spi.EventOutbox {
    private final Dialect dialect;
    private final OrderStore store;
    private final OrderIntake intake;
    private final Alerts alerts;
    private final List<Runnable> commitListeners;
    private final Runnable fireCommit;
    private final Consumer<WarehousePreference> preference;

    /**
     * @param commitListeners the node's commit listeners, which {@link #onCommit} adds to
     * @param fireCommit tells them
     * @param preference sets the pipeline's warehouse preference
     */
    public CoreOrderLedger(Dialect dialect, OrderStore store, OrderIntake intake, OrderJson json,
            List<Runnable> commitListeners, Runnable fireCommit, Consumer<WarehousePreference> preference) {
        this.dialect = dialect;
        this.store = store;
        this.intake = intake;
        this.alerts = new Alerts(store, json);
        this.commitListeners = commitListeners;
        this.fireCommit = fireCommit;
        this.preference = preference;
    }

    /** A ledger for tests: its own commit listeners, no pipeline to tell. */
    public static CoreOrderLedger standalone(Dialect dialect, OrderStore store, OrderIntake intake) {
        List<Runnable> listeners = new CopyOnWriteArrayList<>();
        return new CoreOrderLedger(dialect, store, intake, new OrderJson(), listeners, () -> listeners.forEach(Runnable::run),
                p -> { });
    }

    @FunctionalInterface
    private interface Joined<T> {
        T run(Tx tx) throws SQLException;
    }

    private <T> T joined(Connection c, Joined<T> work) throws SQLException {
        try (Tx tx = Tx.join(c, dialect)) {
            return work.run(tx);
        }
    }

    @Override
    public void add(Connection tx, String eventId, String type, String key, Instant at, String payload)
            throws SQLException {
        joined(tx, t -> {
            store.outbox(t, eventId, type, 0L, key, at, payload);
            return null;
        });
    }

    @Override
    public void committed() {
        fireCommit.run();
    }

    @Override
    public Optional<Order> load(Connection tx, long orderId, boolean forUpdate) throws SQLException {
        return joined(tx, t -> store.load(t, orderId, forUpdate));
    }

    @Override
    public Optional<OrderState> lockState(Connection tx, long orderId) throws SQLException {
        return joined(tx, t -> store.lockState(t, orderId)
                .map(s -> new OrderState(s.status(), s.holdReason(), s.revision())));
    }

    @Override
    public void audit(Connection tx, long orderId, Instant at, Actor actor, String action, String field, String oldValue,
            String newValue, String note) throws SQLException {
        joined(tx, t -> {
            store.audit(t, orderId, at, actor, action, field, oldValue, newValue, note);
            return null;
        });
    }

    @Override
    public boolean refundState(Connection tx, long orderId, String refundId, Refund.State state) throws SQLException {
        return joined(tx, t -> store.refundState(t, orderId, refundId, state));
    }

    @Override
    public void statusChanged(Connection tx, Order before, Order after, String holdReason, Actor actor, String reason,
            Instant now) throws SQLException {
        joined(tx, t -> {
            intake.statusChanged(t, before, after, holdReason, actor, reason, now);
            return null;
        });
    }

    @Override
    public AlertEvent raiseAlert(Connection tx, long orderId, String kind, String subject, String message, Instant now)
            throws SQLException {
        return joined(tx, t -> alerts.raise(t, orderId, kind, subject, message, now));
    }

    @Override
    public void onCommit(Runnable listener) {
        commitListeners.add(listener);
    }

    @Override
    public void removeOnCommit(Runnable listener) {
        commitListeners.remove(listener);
    }

    @Override
    public void fireCommit() {
        fireCommit.run();
    }

    @Override
    public void warehousePreference(WarehousePreference p) {
        preference.accept(p);
    }
}

package org.ordertower.core.internal;

import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.core.spi.WarehousePreference;
import org.ordertower.jdbc.Database;
import org.ordertower.core.spi.http.OrderJson;

/** What the core's own components share; a service private to this bundle. */
public interface CoreInternals {
    Database database();

    OrderJson json();

    CoreConfig config();

    /** Called after every committed order change. */
    void onCommit(Runnable listener);

    void removeOnCommit(Runnable listener);

    /** Tells every commit listener that something was committed (the outbox relay, the pipeline...). */
    void fireCommit();

    /** The order tables. */
    OrderStore orderStore();

    /** Writes status changes with their audit row and outbox event. */
    OrderIntake orderIntake();

    /** Sets how reservations choose warehouses (fulfilment); null for any. */
    void warehousePreference(WarehousePreference preference);
}

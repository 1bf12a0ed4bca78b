package org.ordertower.fulfilment.internal;

import java.sql.SQLException;
import java.time.Instant;

import org.ordertower.api.Order;
import org.ordertower.fulfilment.internal.FulfilmentContext.TxWork;
import org.ordertower.fulfilment.internal.ParcelStore.Parcel;
import org.ordertower.fulfilment.internal.TaskStore.Task;

/**
 * Runs one kind of task: makes its remote call (outside any transaction) and returns what to write when it
 * succeeded; that returns true when the task wants to run again later instead of being done.
 *
 * @param <P> the kind's payload
 */
@FunctionalInterface
interface TaskHandler<P extends TaskPayload> {

    TxWork<Boolean> call(P task, Call call) throws SQLException;

    /**
     * A claimed task with what it is about, read before its call.
     *
     * @param parcel the task's parcel, null when it has none or the parcel is gone
     */
    record Call(Task task, Order order, Parcel parcel, Instant now) {

        /** The task's parcel; IllegalArgumentException (the task is dead) when it has none. */
        Parcel requireParcel() {
            if (parcel == null) {
                throw new IllegalArgumentException("parcel " + task.parcelId() + " of task " + task.id() + " is gone");
            }
            return parcel;
        }
    }
}

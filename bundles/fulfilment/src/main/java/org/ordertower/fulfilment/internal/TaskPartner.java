package org.ordertower.fulfilment.internal;

import java.sql.SQLException;
import java.util.Optional;

import org.ordertower.api.fulfilment.WarehouseConnector;
import org.ordertower.jdbc.Tx;
import org.ordertower.lanes.Lanes;

/**
 * Who a durable task calls, as kept in {@code fulfil_task.partner} when the task is written: {@code partner:<id>} for a
 * warehouse system or carrier service ({@code partner:qimen}, {@code partner:cainiao}), {@code channel:<id>} for a
 * marketplace ({@code channel:pdd}), {@code stock} for the node's own inventory, and nothing when it is not known then
 * (a warehouse whose WMS is not installed, a task an earlier version wrote). Each value is one lane, one Camel route
 * ({@link #routeId}), so an admin pauses one partner's calls while the others go on.
 */
final class TaskPartner {
    static final String STOCK = "stock";
    /** The route of the tasks whose partner was not known when they were written. */
    static final String UNASSIGNED_ROUTE = "fulfilment-unassigned-calls";

    private final FulfilmentContext ctx;

    TaskPartner(FulfilmentContext ctx) {
        this.ctx = ctx;
    }

    static String partner(String id) {
        return id == null || id.isBlank() ? null : "partner:" + id.strip();
    }

    static String channel(String id) {
        return id == null || id.isBlank() ? null : "channel:" + id.strip();
    }

    /**
     * The route of a partner's lane: {@code partner-qimen-calls}, {@code channel-pdd-calls},
     * {@code fulfilment-stock-calls}, or {@link #UNASSIGNED_ROUTE} for null.
     */
    static String routeId(String partner) {
        if (partner == null) {
            return UNASSIGNED_ROUTE;
        }
        if (partner.equals(STOCK)) {
            return "fulfilment-stock-calls";
        }
        int colon = partner.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("'" + partner + "' is not a task partner");
        }
        return Lanes.routeId(partner.substring(0, colon), partner.substring(colon + 1), "calls");
    }

    /** The partner a task calls, read in the transaction that writes it; null when not known now. */
    String of(Tx tx, TaskPayload task, long orderId, Long parcelId) throws SQLException {
        return switch (task.kind()) {
            case WAYBILL, WAYBILL_CANCEL -> partner(ctx.options.waybillService());
            case SUBSCRIBE -> partner(ctx.options.trackingService());
            case WMS_CREATE, WMS_CANCEL -> parcelId == null ? null
                    : wms(ctx.parcels.parcel(tx, parcelId, false).map(ParcelStore.Parcel::warehouse));
            case RETURN_CREATE -> wms(Optional.of(((ReturnCreateTask) task).centre()));
            case TRANSFER_OUT -> wms(ctx.transfers.transferByCode(tx, ((TransferOutTask) task).transferCode(), false)
                    .map(TransferStore.Transfer::from));
            case TRANSFER_CANCEL -> wms(ctx.transfers.transferByCode(tx, ((TransferCancelTask) task).transferCode(),
                    false).map(TransferStore.Transfer::from));
            case TRANSFER_IN -> wms(ctx.transfers.transferByCode(tx, ((TransferInTask) task).transferCode(), false)
                    .map(TransferStore.Transfer::to));
            case REFUND -> channel(((RefundTask) task).channel());
            case WRITE_BACK -> channel(ctx.orders.load(tx, orderId, false).map(o -> o.content().channel())
                    .orElse(null));
            case STOCK_SHIP, RESTOCK, TRANSFER_STOCK -> STOCK;
        };
    }

    private String wms(Optional<String> warehouse) {
        return warehouse.flatMap(ctx.partners::wmsFor).map(WarehouseConnector::wmsId).map(TaskPartner::partner)
                .orElse(null);
    }
}

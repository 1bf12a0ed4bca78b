package org.ordertower.flows;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.ordertower.api.channel.PushRequest;
import org.ordertower.api.fulfilment.CallbackReply;
import org.ordertower.api.fulfilment.CancelResult;
import org.ordertower.api.fulfilment.DeliveryAck;
import org.ordertower.api.fulfilment.DeliveryOrder;
import org.ordertower.api.fulfilment.EntryOrder;
import org.ordertower.api.fulfilment.ParcelView;
import org.ordertower.api.fulfilment.ReturnOrder;
import org.ordertower.api.fulfilment.ShippedPackage;
import org.ordertower.api.fulfilment.WarehouseConnector;
import org.ordertower.api.fulfilment.WmsEvent;
import org.ordertower.api.fulfilment.WmsStock;

/** A recording stand-in for a warehouse system running HZ, BJ and NB (fulfilment flow tests). */
final class TestWms implements WarehouseConnector {
    final List<DeliveryOrder> created = new CopyOnWriteArrayList<>();
    final List<String> cancelled = new CopyOnWriteArrayList<>();
    final List<ReturnOrder> returns = new CopyOnWriteArrayList<>();
    final List<EntryOrder> entries = new CopyOnWriteArrayList<>();

    /** The WMS's report that a parcel left whole, in one package with this tracking number. */
    static WmsEvent shipped(ParcelView p, String trackingNo, Instant at) {
        return new WmsEvent("ship-" + p.code(), WmsEvent.Kind.SHIPPED, p.code(), p.warehouse(), at,
                List.of(new ShippedPackage(p.carrier(), trackingNo, 500, p.lines())), List.of(), "DELIVERED", null);
    }

    /** What a cancel answers (the warehouse may have shipped already). */
    volatile CancelResult cancelAnswer = CancelResult.CANCELLED;

    @Override
    public String wmsId() {
        return "qimen";
    }

    @Override
    public Set<String> warehouses() {
        return Set.of("HZ", "BJ", "NB");
    }

    @Override
    public DeliveryAck createDelivery(DeliveryOrder order) {
        boolean repeat = created.stream().anyMatch(d -> d.code().equals(order.code()));
        if (!repeat) {
            created.add(order);
        }
        return new DeliveryAck(order.code(), "W" + order.code(), repeat);
    }

    @Override
    public CancelResult cancelDelivery(String code, String warehouse) {
        cancelled.add(code);
        return cancelAnswer;
    }

    @Override
    public DeliveryAck createReturn(ReturnOrder order) {
        returns.add(order);
        return new DeliveryAck(order.code(), "WR" + order.code(), false);
    }

    @Override
    public DeliveryAck createEntry(EntryOrder order) {
        boolean repeat = entries.stream().anyMatch(e -> e.code().equals(order.code()));
        if (!repeat) {
            entries.add(order);
        }
        return new DeliveryAck(order.code(), "WE" + order.code(), repeat);
    }

    @Override
    public List<WmsStock> stock(String warehouse, List<String> skus) {
        return List.of();
    }

    @Override
    public List<WmsEvent> verifyCallback(PushRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CallbackReply reply(boolean accepted, String message) {
        return new CallbackReply(200, "text/plain", accepted ? "ok" : message);
    }
}

package org.ordertower.flows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.ordertower.api.fulfilment.CarrierConnector;
import org.ordertower.api.fulfilment.TrackingSubscription;
import org.ordertower.api.fulfilment.Waybill;
import org.ordertower.api.fulfilment.WaybillRequest;

/** A recording stand-in for the waybill and tracking service (fulfilment flow tests); one waybill per parcel. */
final class TestCarrier implements CarrierConnector {
    final List<Waybill> waybills = new CopyOnWriteArrayList<>();
    final List<WaybillRequest> requests = new CopyOnWriteArrayList<>();
    final List<String> cancelledWaybills = new CopyOnWriteArrayList<>();
    final List<String> subscribed = Collections.synchronizedList(new ArrayList<>());
    /** Run at the start of each waybill call, when set (a test changes the node's state there). */
    volatile Runnable onApply;

    @Override
    public String carrierId() {
        return "cainiao";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.WAYBILL, Capability.TRACKING_PUSH);
    }

    @Override
    public synchronized Waybill applyWaybill(WaybillRequest r) {
        Runnable hook = onApply;
        if (hook != null) {
            hook.run();
        }
        for (Waybill w : waybills) {
            if (w.parcelId().equals(r.parcelId())) {
                return w;
            }
        }
        Waybill w = new Waybill(r.parcelId(), r.carrierCode(), r.carrierCode() + (100000 + waybills.size()), "print");
        waybills.add(w);
        requests.add(r);
        return w;
    }

    @Override
    public void cancelWaybill(String carrierCode, String waybillNo) {
        cancelledWaybills.add(waybillNo);
    }

    @Override
    public void subscribe(TrackingSubscription s) {
        subscribed.add(s.trackingNo());
    }
}

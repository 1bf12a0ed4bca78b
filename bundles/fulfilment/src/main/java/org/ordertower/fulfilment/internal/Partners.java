package org.ordertower.fulfilment.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.ordertower.api.fulfilment.CarrierConnector;
import org.ordertower.api.fulfilment.PartnerPlatform;
import org.ordertower.api.fulfilment.WarehouseConnector;

/** The warehouse systems, carriers and partner platforms installed now; they come and go at any time. */
public final class Partners {
    private final List<WarehouseConnector> warehouses = new CopyOnWriteArrayList<>();
    private final List<CarrierConnector> carriers = new CopyOnWriteArrayList<>();
    private final Map<String, PartnerPlatform> platforms = new ConcurrentHashMap<>();

    public void add(WarehouseConnector c) {
        warehouses.add(c);
    }

    public void remove(WarehouseConnector c) {
        warehouses.remove(c);
    }

    public void add(CarrierConnector c) {
        carriers.add(c);
    }

    public void remove(CarrierConnector c) {
        carriers.remove(c);
    }

    public void add(PartnerPlatform p) {
        platforms.put(p.partnerId(), p);
    }

    public void remove(PartnerPlatform p) {
        platforms.remove(p.partnerId(), p);
    }

    /** The WMS account that runs a warehouse. */
    Optional<WarehouseConnector> wmsFor(String warehouse) {
        for (WarehouseConnector c : warehouses) {
            if (c.warehouses().contains(warehouse)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The warehouse systems installed, sorted. */
    List<String> wmsIds() {
        return warehouses.stream().map(WarehouseConnector::wmsId).distinct().sorted().toList();
    }

    /** The accounts of one WMS. */
    List<WarehouseConnector> wms(String wmsId) {
        List<WarehouseConnector> out = new ArrayList<>();
        for (WarehouseConnector c : warehouses) {
            if (c.wmsId().equals(wmsId)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The accounts of one carrier service. */
    List<CarrierConnector> carrier(String carrierId) {
        List<CarrierConnector> out = new ArrayList<>();
        for (CarrierConnector c : carriers) {
            if (c.carrierId().equals(carrierId)) {
                out.add(c);
            }
        }
        return out;
    }

    /** An account of a carrier service that offers a capability for a carrier company. */
    Optional<CarrierConnector> carrier(String carrierId, CarrierConnector.Capability capability, String company) {
        for (CarrierConnector c : carrier(carrierId)) {
            if (c.capabilities().contains(capability) && (c.carriers().isEmpty() || c.carriers().contains(company))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    Optional<PartnerPlatform> platform(String id) {
        return Optional.ofNullable(platforms.get(id));
    }

    List<String> platformIds() {
        return platforms.keySet().stream().sorted().toList();
    }
}

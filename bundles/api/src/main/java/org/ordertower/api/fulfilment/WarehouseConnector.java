package org.ordertower.api.fulfilment;

/** A warehouse system (WMS). Delivery-order calls are added with the fulfilment work. */
public interface WarehouseConnector {
    /** The WMS id, lower case, for example {@code qimen}. */
    String wmsId();
}

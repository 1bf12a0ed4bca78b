package org.ordertower.api.fulfilment;

/** A carrier or e-waybill provider. Waybill and tracking calls are added with the fulfilment work. */
public interface CarrierConnector {
    /** The carrier id, lower case, for example {@code kuaidi100}. */
    String carrierId();
}

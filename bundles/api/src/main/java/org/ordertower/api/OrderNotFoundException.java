package org.ordertower.api;

/** No order has the given id. */
public class OrderNotFoundException extends OrderTowerException {
    private static final long serialVersionUID = 1L;

    public OrderNotFoundException(long id) {
        super("no order with id " + id);
    }
}

package org.ordertower.api;

/** Base of the errors OrderTower's services report. Messages are written for the operator. */
public class OrderTowerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OrderTowerException(String message) {
        super(message);
    }

    public OrderTowerException(String message, Throwable cause) {
        super(message, cause);
    }
}

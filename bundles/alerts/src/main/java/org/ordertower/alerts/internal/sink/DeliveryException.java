package org.ordertower.alerts.internal.sink;

/** A message was not delivered. The message says why (a status, the robot's errcode and errmsg) and holds no secret. */
public final class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    public DeliveryException(String message) {
        super(message);
    }
}

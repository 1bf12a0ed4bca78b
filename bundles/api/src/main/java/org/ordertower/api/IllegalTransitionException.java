package org.ordertower.api;

/** A lifecycle transition the state machine does not allow; the order was left as it was. */
public class IllegalTransitionException extends OrderTowerException {
    private static final long serialVersionUID = 1L;
    private final OrderStatus from;
    private final OrderStatus to;

    public IllegalTransitionException(long orderId, OrderStatus from, OrderStatus to) {
        super("order " + orderId + " cannot move from " + from + " to " + to + "; allowed from " + from + ": "
                + (from.isFinal() ? "none (final status)" : from.next().toString()));
        this.from = from;
        this.to = to;
    }

    public OrderStatus from() {
        return from;
    }

    public OrderStatus to() {
        return to;
    }
}

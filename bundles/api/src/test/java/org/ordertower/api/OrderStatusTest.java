package org.ordertower.api;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class OrderStatusTest {
    @Test
    void happyPathIsLegal() {
        OrderStatus[] path = { OrderStatus.RECEIVED, OrderStatus.SCREENED, OrderStatus.READY, OrderStatus.RESERVED,
                OrderStatus.ROUTED, OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.RETURNED };
        for (int i = 1; i < path.length; i++) {
            assertTrue(path[i - 1].canMoveTo(path[i]), path[i - 1] + " -> " + path[i]);
        }
    }

    @Test
    void shortcutsAndFinalStatusesAreRefused() {
        assertFalse(OrderStatus.RECEIVED.canMoveTo(OrderStatus.SHIPPED));
        assertFalse(OrderStatus.FROZEN.canMoveTo(OrderStatus.RESERVED), "a frozen order is released first");
        assertFalse(OrderStatus.SHIPPED.canMoveTo(OrderStatus.CANCELLED), "shipped orders are returned, not cancelled");
        assertFalse(OrderStatus.RECEIVED.canMoveTo(OrderStatus.RECEIVED));
        assertFalse(OrderStatus.RECEIVED.canMoveTo(null));
        for (OrderStatus to : OrderStatus.values()) {
            assertFalse(OrderStatus.CANCELLED.canMoveTo(to));
            assertFalse(OrderStatus.RETURNED.canMoveTo(to));
        }
        assertTrue(OrderStatus.CANCELLED.isFinal());
    }

    @Test
    void everyNonFinalStatusCanBeLeftAndEveryStatusIsReachable() {
        java.util.Set<OrderStatus> reached = java.util.EnumSet.of(OrderStatus.RECEIVED);
        for (OrderStatus s : OrderStatus.values()) {
            reached.addAll(s.next());
        }
        assertEquals(java.util.EnumSet.allOf(OrderStatus.class), reached);
    }

    @Test
    void parseNamesTheBadValue() {
        assertEquals(OrderStatus.IN_REVIEW, OrderStatus.parse(" in_review "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OrderStatus.parse("LOST"));
        assertTrue(e.getMessage().contains("'LOST'"), e.getMessage());
    }

    @Test
    void illegalTransitionMessageListsTheWayOut() {
        IllegalTransitionException e = new IllegalTransitionException(7, OrderStatus.FROZEN, OrderStatus.SHIPPED);
        assertTrue(e.getMessage().startsWith("order 7 cannot move from FROZEN to SHIPPED"), e.getMessage());
        assertTrue(e.getMessage().contains("IN_REVIEW"), e.getMessage());
    }
}

package org.ordertower.api;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The order lifecycle as an explicit state machine. {@link #canMoveTo} is the single source of
 * truth for which transitions are legal; core refuses every other one and leaves the order as it
 * was.
 *
 * <pre>
 * RECEIVED -> SCREENED | IN_REVIEW | FROZEN | ON_HOLD | CANCELLED
 * SCREENED -> READY | IN_REVIEW | FROZEN | ON_HOLD | CANCELLED
 * ON_HOLD  -> READY | IN_REVIEW | CANCELLED          (unpaid, presale: waiting for the platform)
 * IN_REVIEW-> READY | FROZEN | CANCELLED
 * FROZEN   -> IN_REVIEW | READY | CANCELLED          (released by a supervisor)
 * READY    -> RESERVED | IN_REVIEW | ON_HOLD | CANCELLED
 * RESERVED -> ROUTED | READY | CANCELLED             (READY: reservation released)
 * ROUTED   -> SHIPPED | RESERVED | CANCELLED         (RESERVED: delivery order cancelled)
 * SHIPPED  -> DELIVERED | RETURNED
 * DELIVERED-> RETURNED
 * CANCELLED, RETURNED: final
 * </pre>
 */
public enum OrderStatus {
    RECEIVED,
    SCREENED,
    ON_HOLD,
    IN_REVIEW,
    FROZEN,
    READY,
    RESERVED,
    ROUTED,
    SHIPPED,
    DELIVERED,
    CANCELLED,
    RETURNED;

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = new EnumMap<>(OrderStatus.class);

    static {
        NEXT.put(RECEIVED, EnumSet.of(SCREENED, IN_REVIEW, FROZEN, ON_HOLD, CANCELLED));
        NEXT.put(SCREENED, EnumSet.of(READY, IN_REVIEW, FROZEN, ON_HOLD, CANCELLED));
        NEXT.put(ON_HOLD, EnumSet.of(READY, IN_REVIEW, CANCELLED));
        NEXT.put(IN_REVIEW, EnumSet.of(READY, FROZEN, CANCELLED));
        NEXT.put(FROZEN, EnumSet.of(IN_REVIEW, READY, CANCELLED));
        NEXT.put(READY, EnumSet.of(RESERVED, IN_REVIEW, ON_HOLD, CANCELLED));
        NEXT.put(RESERVED, EnumSet.of(ROUTED, READY, CANCELLED));
        NEXT.put(ROUTED, EnumSet.of(SHIPPED, RESERVED, CANCELLED));
        NEXT.put(SHIPPED, EnumSet.of(DELIVERED, RETURNED));
        NEXT.put(DELIVERED, EnumSet.of(RETURNED));
        NEXT.put(CANCELLED, EnumSet.noneOf(OrderStatus.class));
        NEXT.put(RETURNED, EnumSet.noneOf(OrderStatus.class));
    }

    /** True when an order in this status may move to {@code next}. Staying put is not a transition. */
    public boolean canMoveTo(OrderStatus next) {
        return next != null && NEXT.get(this).contains(next);
    }

    /** The statuses reachable in one step, unmodifiable. */
    public Set<OrderStatus> next() {
        return Collections.unmodifiableSet(NEXT.get(this));
    }

    /** True for statuses no transition leaves. */
    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }

    /**
     * Parses a status name case-insensitively.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static OrderStatus parse(String value) {
        for (OrderStatus s : values()) {
            if (s.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown order status '" + value + "'; one of " + java.util.Arrays.toString(values()));
    }
}

package org.ordertower.inventory.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "OrderTower inventory", description = "Reservations, stock pushes and low-stock forecasts")
public @interface InventoryConfig {
    @AttributeDefinition(description = "Reservation threads (lock stripes) on this node; a request goes to the stripe of its first SKU")
    int reserve_stripes() default 4;

    @AttributeDefinition(description = "Most reservations decided in one transaction")
    int reserve_max_batch() default 512;

    @AttributeDefinition(description = "Reservations waiting per stripe before new ones are refused as unavailable")
    int reserve_queue_capacity() default 100000;

    @AttributeDefinition(description = "How long a caller waits for its reservation to commit, ms")
    long reserve_wait_ms() default 30000;

    @AttributeDefinition(description = "After the first change, wait this long for more before computing pushes, ms")
    long push_coalesce_ms() default 50;

    @AttributeDefinition(description = "Attempts per push for TRANSIENT and RATE_LIMITED failures")
    int push_max_attempts() default 8;

    @AttributeDefinition(description = "First retry delay of a failed push, doubled per attempt (at most 60 s), ms")
    long push_backoff_ms() default 1000;

    @AttributeDefinition(description = "Push attempts kept for stock:pushes")
    int push_history() default 1000;

    @AttributeDefinition(description = "Channels whose stock is not pushed (no connector: an own site that takes orders"
            + " through the generic intake and reads the stock change events), comma-separated")
    String push_skip_channels() default "own";

    @AttributeDefinition(description = "Hours of reservations the 24-hour low-stock forecast is scaled from")
    int forecast_window_hours() default 6;
}

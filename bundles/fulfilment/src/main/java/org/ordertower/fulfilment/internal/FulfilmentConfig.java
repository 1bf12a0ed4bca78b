package org.ordertower.fulfilment.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "OrderTower fulfilment", description = "Routing, waybills, warehouse systems, "
        + "tracking write-back and the parcel watch (etc/org.ordertower.fulfilment.cfg)")
public @interface FulfilmentConfig {
    @AttributeDefinition(description = "Route reserved orders and run the calls to partners")
    boolean enabled() default true;

    @AttributeDefinition(description = "How warehouses are ordered for a reservation, in this order: nearest "
            + "(distance to the delivery province), priority (the warehouse's priority), transfer (goods the shipping "
            + "warehouse lacks are fetched from a warehouse within transfer.max.km instead of splitting the parcel). "
            + "Cross-border orders use bonded warehouses only. When no warehouse holds every line the order is split "
            + "over them in this order")
    String routing_strategies() default "nearest,priority";

    @AttributeDefinition(description = "Orders of one buyer and delivery address in one shop, routed within "
            + "merge.window.minutes and leaving the same warehouse with the same carrier, ship as one parcel")
    boolean merge_enabled() default true;

    @AttributeDefinition(description = "A parcel may join the box of one made at most this many minutes before")
    int merge_window_minutes() default 30;

    @AttributeDefinition(description = "How long a parcel that may still be joined waits before its waybill and "
            + "delivery order, seconds; longer merges more, but every parcel leaves that much later")
    int merge_hold_seconds() default 60;

    @AttributeDefinition(description = "With the transfer strategy: the farthest a warehouse may be from the shipping "
            + "warehouse to send it goods, km (straight line between the warehouses' coordinates)")
    double transfer_max_km() default 200;

    @AttributeDefinition(description = "Days a transfer takes (for its expected date), when transfer.km.per.day is 0")
    int transfer_days() default 2;

    @AttributeDefinition(description = "When above 0, a transfer takes one day per this many km (at least one day) "
            + "instead of transfer.days")
    double transfer_km_per_day() default 0;

    @AttributeDefinition(description = "A transfer not received this many hours after its expected day is flagged "
            + "like a stuck parcel")
    double transfer_late_hours() default 24;

    @AttributeDefinition(description = "Carrier when nothing else decides (standard code: SF, ZTO, YTO, STO, YUNDA, EMS, JD...)")
    String carrier_default() default "ZTO";

    @AttributeDefinition(description = "Carriers by delivery province: <province>|<province>=<carrier>;...")
    String carrier_regions() default "江苏|浙江|上海=SF";

    @AttributeDefinition(description = "Cost table: <carrier>=<first kg>+<each further kg>;... (yuan); the cheapest "
            + "for a parcel's weight wins where no rule tag, cold chain or region decides. Empty: the default carrier")
    String carrier_costs() default "ZTO=5+1.5;YTO=5.5+1.5;STO=5+2;SF=12+3";

    @AttributeDefinition(description = "Carrier for cold-chain parcels; empty: as any parcel")
    String carrier_cold_chain() default "SF";

    @AttributeDefinition(description = "Carrier service that issues e-waybills (cainiao); empty: the warehouse gets them")
    String waybill_service() default "cainiao";

    @AttributeDefinition(description = "Tracking service parcels are subscribed to (kuaidi100); empty: none")
    String tracking_service() default "kuaidi100";

    @AttributeDefinition(description = "This node's base URL as partners reach it (tracking pushes are sent to "
            + "<url>/api/v1/carriers/<service>/callback)")
    String callback_base_url() default "http://127.0.0.1:8182";

    @AttributeDefinition(description = "Sender name on waybills and delivery orders")
    String sender_name() default "OrderTower";

    @AttributeDefinition(description = "Sender phone on waybills and delivery orders")
    String sender_phone() default "4000000000";

    @AttributeDefinition(description = "Return centres by the original parcel's carrier network: <carrier>=<warehouse>;...; "
            + "*=<warehouse> for the others; a carrier not listed (and no *) returns to the warehouse it left")
    String returns_centres() default "";

    @AttributeDefinition(description = "When returned goods are fewer than the parcel held, refuse the buyer's refund "
            + "on the platform (with the missing lines as the reason); false: agree it anyway")
    boolean refund_refuse_short() default true;

    @AttributeDefinition(description = "When returned goods come back damaged, refuse the buyer's refund on the platform; "
            + "false: agree it (the goods go to quarantine either way)")
    boolean refund_refuse_damaged() default false;

    @AttributeDefinition(description = "Attempts of a call to a partner (waybill, WMS, tracking write-back...) before it is dead")
    int call_attempts() default 10;

    @AttributeDefinition(description = "Delay after a call's first failure, ms (doubles each time)")
    long call_retry_first_ms() default 2000;

    @AttributeDefinition(description = "Longest delay between attempts, ms")
    long call_retry_max_ms() default 600000;

    @AttributeDefinition(description = "A parcel that leaves its warehouse within this many hours of being routed left on "
            + "time (the console's warehouse health)")
    double ship_on_time_hours() default 24;

    @AttributeDefinition(description = "A shipped parcel without a tracking event for this long is flagged, hours")
    double parcel_stuck_hours() default 72;

    @AttributeDefinition(description = "How often the parcel watch looks, ms")
    long parcel_watch_ms() default 60000;

    @AttributeDefinition(description = "How often the worker looks for work when no commit wakes it, ms")
    long sweep_ms() default 1000;

    @AttributeDefinition(description = "Most orders or calls per step")
    int batch() default 100;
}

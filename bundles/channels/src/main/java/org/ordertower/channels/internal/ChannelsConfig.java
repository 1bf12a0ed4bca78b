package org.ordertower.channels.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The channel runtime's keys. They live in the core's configuration ({@code etc/org.ordertower.core.cfg}), as they
 * always have: one file for a node's order flow.
 */
@ObjectClassDefinition(name = "OrderTower channels", description = "Pulls, platform messages, listings and carrier codes")
public @interface ChannelsConfig {
    @AttributeDefinition(description = "Run the channel timers (pulls, message queues) on this node")
    boolean channel_enabled() default true;

    @AttributeDefinition(description = "This node's name in leases; empty: host name and process id")
    String node_id() default "";

    @AttributeDefinition(description = "How far back a shop's first pull reaches, hours")
    int channel_initial_lookback_hours() default 24;

    @AttributeDefinition(description = "How often platform message queues are consumed, ms")
    long channel_message_interval_ms() default 2000;

    @AttributeDefinition(description = "Threads storing a pulled page's orders at once (intake groups their commits)")
    int channel_intake_threads() default 8;

    @AttributeDefinition(description = "Attempts at a pushed event before it is dead-lettered")
    int channel_event_attempts() default 10;

    @AttributeDefinition(description = "How long processed pushed events are kept (their message ids drop repeats), days")
    int channel_events_keep_days() default 7;

    @AttributeDefinition(description = "Carrier codes per platform that override what is matched on the platform's "
            + "logistics company list: channel:CARRIER=platform code, comma separated (pdd:ZTO=115, douyin:SF=shunfeng)")
    String channel_carrier_overrides() default "";

    @AttributeDefinition(description = "How often each shop's listings are downloaded again, minutes (0: only at start, "
            + "on the platform's item messages and on channel:listings --refresh)")
    int channel_listings_interval_minutes() default 10;

    @AttributeDefinition(description = "How often each shop's platform logistics company list is read again, hours")
    int channel_carriers_interval_hours() default 12;
}

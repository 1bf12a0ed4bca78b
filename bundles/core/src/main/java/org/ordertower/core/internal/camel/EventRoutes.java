package org.ordertower.core.internal.camel;

import org.apache.camel.builder.RouteBuilder;

/** Order events from the outbox relay to the broker. Failures go back to the relay, which retries. */
final class EventRoutes extends RouteBuilder {
    private final String from;
    private final String to;

    EventRoutes(String from, String to) {
        this.from = from;
        this.to = to;
    }

    @Override
    public void configure() {
        from(from).routeId("ordertower-events").to(to + "?deliveryMode=2");
    }
}

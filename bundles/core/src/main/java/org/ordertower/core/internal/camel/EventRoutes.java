package org.ordertower.core.internal.camel;

import org.apache.camel.builder.RouteBuilder;

/**
 * Events from the outbox relay to the broker, each on the topic its type goes to (the relay names it in the header
 * {@value #TOPIC}: order events, review decisions, alerts). Failures go back to the relay, which retries.
 */
final class EventRoutes extends RouteBuilder {
    /** The header naming the topic, removed before the message leaves. */
    static final String TOPIC = "OrderTowerTopic";
    private final String from;

    EventRoutes(String from) {
        this.from = from;
    }

    @Override
    public void configure() {
        from(from).routeId("ordertower-events")
                .setProperty(TOPIC, header(TOPIC))
                .removeHeader(TOPIC)
                .toD("jms:topic:${exchangeProperty." + TOPIC + "}?deliveryMode=2", 16);
    }
}

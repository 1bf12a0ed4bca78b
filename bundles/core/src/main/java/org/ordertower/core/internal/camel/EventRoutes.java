package org.ordertower.core.internal.camel;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/**
 * Events from the outbox relay to the broker, each on the topic its type goes to (the relay names it in the header
 * {@value #TOPIC}: order events, review decisions, stock changes, alerts); and, when Kafka is configured, to the Kafka
 * topic of the same name, keyed by {@value #KEY} (the order id, so one order's events stay in one partition in order).
 * The JMS send comes first, then Kafka; a failure of either goes back to the relay, which keeps the event and sends
 * it again (at least once: consumers drop a repeat by its event id, in the payload and the header
 * {@code OrderTowerEventId}).
 */
final class EventRoutes extends RouteBuilder {
    /** The header naming the topic, removed before the message leaves. */
    static final String TOPIC = "OrderTowerTopic";
    /** The header with the Kafka key, removed before the message leaves. */
    static final String KEY = "OrderTowerKey";
    /** Camel's Kafka component's header for the record key ({@code KafkaConstants.KEY}). */
    static final String KAFKA_KEY = "kafka.KEY";
    private final String from;
    private final String kafka;

    EventRoutes(String from) {
        this(from, null);
    }

    /**
     * @param kafka the endpoint parameters of Camel's Kafka component ({@link #kafkaParameters}); null: no Kafka
     */
    EventRoutes(String from, String kafka) {
        this.from = from;
        this.kafka = kafka;
    }

    /**
     * The Kafka producer's parameters for at-least-once in order: every in-sync replica acknowledges, idempotent
     * (no duplicates from the producer's own retries, order kept per partition), plus the operator's options.
     */
    static String kafkaParameters(String brokers, String options) {
        String extra = options == null ? "" : options.strip();
        while (extra.startsWith("&") || extra.startsWith("?")) {
            extra = extra.substring(1);
        }
        return "brokers=" + brokers.strip() + "&requestRequiredAcks=all&enableIdempotence=true&maxInFlightRequest=5"
                + (extra.isEmpty() ? "" : "&" + extra);
    }

    @Override
    public void configure() {
        errorHandler(noErrorHandler()); // the relay logs a refusal once, keeps the event and tries again
        RouteDefinition route = from(from).routeId("ordertower-events")
                .setProperty(TOPIC, header(TOPIC))
                .setProperty(KEY, header(KEY))
                .removeHeaders("OrderTower(Topic|Key)")
                .toD("jms:topic:${exchangeProperty." + TOPIC + "}?deliveryMode=2", 16);
        if (kafka != null) {
            route.setHeader(KAFKA_KEY, exchangeProperty(KEY))
                    .setHeader("OrderTowerOrderId", header("OrderTowerOrderId").convertToString())
                    .toD("kafka:${exchangeProperty." + TOPIC + "}?" + kafka, 16);
        }
    }
}

package org.ordertower.core.internal.camel;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.ordertower.api.Actor;
import org.ordertower.api.IntakeResult;
import org.ordertower.api.InvalidOrderException;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderService;
import org.ordertower.api.RawPayload;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.core.spi.http.OrderJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders over JMS: a message on the intake queue (default {@code ordertower.orders.in}) is taken in exactly like
 * {@code POST /api/v1/orders}: its body is the same normalized order as JSON (a text or bytes message), stored durably
 * before the message is acknowledged. The consumer is transacted, so a message is either stored as an order or moved to
 * the dead-letter queue ({@code <queue>.dead}) in the same JMS transaction, never lost:
 * <ul>
 * <li>a body that is not an order (malformed JSON, unknown fields, missing or wrong values, an unknown channel) goes to
 * the dead-letter queue as it came, with its headers and {@value #REASON} (every problem, joined),
 * {@value #PROBLEMS} (a JSON array of them) and {@value #DEAD_AT};</li>
 * <li>while the database cannot take it, the message is held and tried again (1 s, doubling up to 30 s) until it can
 * or the route stops, when it goes back to the queue;</li>
 * <li>a sender that sets {@code JMSReplyTo} gets the intake's answer ({@code {"id","outcome","revision"}}) or, for a
 * refused message, {@code {"error","problems"}}; the headers {@code OrderTowerOrderId}, {@code OrderTowerIntakeOutcome}
 * and {@code OrderTowerRevision} carry the answer too.</li>
 * </ul>
 */
final class JmsIntakeRoutes extends RouteBuilder {
    static final String ROUTE = "ordertower-jms-intake";
    static final String REASON = "OrderTowerDeadReason";
    static final String PROBLEMS = "OrderTowerDeadProblems";
    static final String DEAD_AT = "OrderTowerDeadAt";
    /** The answer to a refused message's sender, kept while the message itself goes to the dead letters. */
    private static final String REPLY = "OrderTowerReply";
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private final Logger logger = LoggerFactory.getLogger(JmsIntakeRoutes.class);
    private final String queue;
    private final OrderService orders;
    private final OrderJson json;
    private final Clock clock;

    JmsIntakeRoutes(String queue, OrderService orders, OrderJson json, Clock clock) {
        this.queue = queue;
        this.orders = orders;
        this.json = json;
        this.clock = clock;
    }

    static String deadLetters(String queue) {
        return queue + ".dead";
    }

    @Override
    public void configure() {
        from("jms:queue:" + queue + "?transacted=true&concurrentConsumers=2&cacheLevelName=CACHE_CONSUMER")
                .routeId(ROUTE)
                .errorHandler(noErrorHandler())
                .process(this::intake)
                .choice()
                    .when(header(REASON).isNotNull())
                        // never waits for a reply, whatever JMSReplyTo the message came with
                        .to("jms:queue:" + deadLetters(queue) + "?preserveMessageQos=true&disableReplyTo=true")
                        .setBody(exchangeProperty(REPLY))
                .end();
    }

    private void intake(Exchange exchange) throws InterruptedException {
        Message in = exchange.getIn();
        String text = IntakeRoutes.text(in);
        List<String> problems;
        try {
            if (text == null || text.isBlank()) {
                throw new InvalidOrderException(List.of("the message is empty; send a normalized order as JSON"));
            }
            NormalizedOrder order = json.parse(text);
            IntakeRoutes.answer(in, store(order, text));
            return;
        } catch (InvalidOrderException e) {
            problems = e.problems();
        }
        String reason = "invalid order: " + String.join("; ", problems);
        logger.warn("JMS intake: message {} refused and moved to {}: {}", in.getHeader("JMSMessageID"), deadLetters(queue),
                reason);
        in.setHeader(REASON, reason);
        com.fasterxml.jackson.databind.node.ObjectNode reply = json.object().put("error", reason);
        com.fasterxml.jackson.databind.node.ArrayNode list = reply.putArray("problems");
        problems.forEach(list::add);
        in.setHeader(PROBLEMS, list.toString());
        in.setHeader(DEAD_AT, clock.instant().toString());
        exchange.setProperty(REPLY, reply.toString());
        in.setBody(text == null ? "" : text);
    }

    /** Stores the order, waiting out a database that cannot take it; gives up only when the route stops. */
    private IntakeResult store(NormalizedOrder order, String text) throws InterruptedException {
        long waitMs = 1000;
        while (true) {
            try {
                return orders.intake(order, new RawPayload("jms", "application/json", text), Actor.channel(order.channel()));
            } catch (StoreUnavailableException e) {
                if (getContext() != null && !getContext().getRouteController().getRouteStatus(ROUTE).isStarted()) {
                    throw e; // stopping: back to the queue
                }
                logger.warn("JMS intake: the order store is not available ({}); order {} waits {} ms", e.getMessage(),
                        order.platformOrderId(), waitMs);
                Thread.sleep(waitMs);
                waitMs = Math.min(MAX_WAIT.toMillis(), waitMs * 2);
            }
        }
    }
}

package org.ordertower.core.internal.camel;

import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.ordertower.api.Actor;
import org.ordertower.api.IntakeResult;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderService;
import org.ordertower.api.RawPayload;
import org.ordertower.core.spi.http.OrderJson;

/**
 * Order intake for any Camel route in the container, through one endpoint, {@link #ENDPOINT}: a partner's XML route in
 * {@code deploy/}, a bundle's own route or a JMS bridge sends a normalized order (the JSON body
 * {@code POST /api/v1/orders} takes, as text or UTF-8 bytes) and gets back the intake's answer
 * as the body ({@code {"id":..,"outcome":"CREATED|UPDATED|UNCHANGED..","revision":..}}) and as the headers
 * {@value #ORDER_ID}, {@value #OUTCOME} and {@value #REVISION}. The order is stored durably before the reply; an invalid
 * order fails the caller's exchange with {@code InvalidOrderException} listing every problem, and nothing is stored.
 */
final class IntakeRoutes extends RouteBuilder {
    /** The one intake endpoint; {@code direct-vm} reaches it from every CamelContext of the container. */
    static final String ENDPOINT = "direct-vm:ordertower-intake";
    static final String ORDER_ID = "OrderTowerOrderId";
    static final String OUTCOME = "OrderTowerIntakeOutcome";
    static final String REVISION = "OrderTowerRevision";
    private final OrderService orders;
    private final OrderJson json;

    IntakeRoutes(OrderService orders, OrderJson json) {
        this.orders = orders;
        this.json = json;
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId("ordertower-intake").errorHandler(noErrorHandler()).process(this::intake);
    }

    private void intake(Exchange exchange) {
        Message in = exchange.getIn();
        String text = text(in);
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(ENDPOINT + " takes a normalized order as JSON; the body is empty");
        }
        NormalizedOrder order = json.parse(text);
        answer(in, orders.intake(order, new RawPayload("route", "application/json", text), Actor.channel(order.channel())));
    }

    /** A message's body as text: UTF-8 bytes or anything Camel turns into a string. */
    static String text(Message in) {
        Object body = in.getBody();
        return body instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : in.getBody(String.class);
    }

    /** The intake's answer as the message's headers and body. */
    static void answer(Message in, IntakeResult r) {
        in.setHeader(ORDER_ID, r.orderId());
        in.setHeader(OUTCOME, r.outcome().name());
        in.setHeader(REVISION, r.revision());
        in.setBody("{\"id\":" + r.orderId() + ",\"outcome\":\"" + r.outcome().name() + "\",\"revision\":" + r.revision() + "}");
    }
}

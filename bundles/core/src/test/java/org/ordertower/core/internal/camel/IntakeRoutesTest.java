package org.ordertower.core.internal.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;

import javax.sql.DataSource;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.InvalidOrderException;
import org.ordertower.api.Order;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.http.OrderHttpApiTest;
import org.ordertower.core.internal.intake.DefaultOrderService;
import org.ordertower.core.internal.intake.GroupCommitWriter;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.TestDatabases;

/**
 * The one intake endpoint, reached from another CamelContext as a partner's route in deploy/ reaches it: the order is
 * stored once, the answer comes back as body and headers, and an invalid order fails the caller's exchange.
 */
class IntakeRoutesTest {
    static final String ORDER = OrderHttpApiTest.ORDER.replace("\"W-1\"", "\"R-1\"");
    private GroupCommitWriter writer;
    private DefaultOrderService orders;
    private DefaultCamelContext core;
    private DefaultCamelContext partner;

    @BeforeEach
    void setUp() throws Exception {
        DataSource ds = TestDatabases.h2();
        OrderStore.migrator(ds).migrate();
        Database db = new Database(ds);
        OrderStore store = new OrderStore();
        OrderJson json = new OrderJson();
        OrderIntake intake = new OrderIntake(store, json);
        writer = new GroupCommitWriter(db, intake, Clock.systemUTC(), () -> { }, 16, 100, 10_000);
        orders = new DefaultOrderService(db, store, intake, writer, Clock.systemUTC(), () -> Set.of("own"), () -> { });
        core = new DefaultCamelContext();
        core.setName("ordertower-core");
        core.start();
        core.addRoutes(new IntakeRoutes(orders, json));
        partner = new DefaultCamelContext(); // a partner's context, as a Blueprint XML in deploy/ makes
        partner.setName("partner-erp");
        partner.start();
        partner.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:erp-orders").routeId("erp-orders").to(IntakeRoutes.ENDPOINT);
            }
        });
    }

    @AfterEach
    void tearDown() {
        partner.stop();
        core.stop();
        writer.close();
    }

    @Test
    void aPartnersRouteStoresAnOrderOnceAndGetsTheAnswer() {
        ProducerTemplate send = partner.createProducerTemplate();
        Exchange first = send.request("direct:erp-orders", e -> e.getIn().setBody(ORDER.getBytes(StandardCharsets.UTF_8)));
        assertEquals(null, first.getException());
        long id = first.getMessage().getHeader(IntakeRoutes.ORDER_ID, Long.class);
        assertEquals("CREATED", first.getMessage().getHeader(IntakeRoutes.OUTCOME));
        assertTrue(first.getMessage().getBody(String.class).startsWith("{\"id\":" + id + ",\"outcome\":\"CREATED\""));
        Order stored = orders.findByPlatformId("own", "web", "R-1").orElseThrow();
        assertEquals(id, stored.id());
        assertEquals(2, stored.content().lines().get(0).quantity());

        Exchange again = send.request("direct:erp-orders", e -> e.getIn().setBody(ORDER));
        assertEquals(id, again.getMessage().getHeader(IntakeRoutes.ORDER_ID, Long.class), "a repeat is the same order");
        assertTrue(!"CREATED".equals(again.getMessage().getHeader(IntakeRoutes.OUTCOME)));
    }

    @Test
    void anInvalidOrderFailsTheCallersExchangeAndStoresNothing() {
        ProducerTemplate send = partner.createProducerTemplate();
        CamelExecutionException bad = assertThrows(CamelExecutionException.class,
                () -> send.requestBody("direct:erp-orders", ORDER.replace("\"quantity\":2", "\"quantity\":0")));
        assertInstanceOf(InvalidOrderException.class, bad.getCause());
        CamelExecutionException malformed = assertThrows(CamelExecutionException.class,
                () -> send.requestBody("direct:erp-orders", "{not json"));
        assertInstanceOf(InvalidOrderException.class, malformed.getCause());
        CamelExecutionException empty = assertThrows(CamelExecutionException.class,
                () -> send.requestBody("direct:erp-orders", ""));
        assertTrue(empty.getCause().getMessage().contains("the body is empty"));
        assertTrue(orders.findByPlatformId("own", "web", "R-1").isEmpty());
    }
}

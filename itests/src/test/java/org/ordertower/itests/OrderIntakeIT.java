package org.ordertower.itests;

import static org.junit.Assert.*;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import javax.jms.TextMessage;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ordertower.api.OrderQuery;
import org.ordertower.api.OrderService;

/** An order posted over HTTP is stored, shows in order:show with its timeline, and its event reaches JMS. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class OrderIntakeIT extends OrderTowerTestSupport {
    OrderService orders;

    static String order(String shop, String id, int version) {
        return "{\"channel\":\"own\",\"shop\":\"" + shop + "\",\"platformOrderId\":\"" + id + "\",\"platformVersion\":" + version
                + ",\"paymentStatus\":\"PAID\",\"buyer\":{\"name\":\"王小明\",\"phone\":\"13712345678\",\"platformBuyerId\":\"b-7\"},"
                + "\"address\":{\"country\":\"CN\",\"province\":\"广东省\",\"city\":\"深圳市\",\"district\":\"南山区\","
                + "\"street\":\"科技园路\",\"detail\":\"88号\",\"postcode\":\"518000\"},"
                + "\"lines\":[{\"lineNo\":\"1\",\"channelSku\":\"SKU-RED-M\",\"quantity\":3,\"unitPrice\":\"59.00\",\"paidAmount\":\"177.00\"},"
                + "{\"lineNo\":\"2\",\"channelSku\":\"GIFT-1\",\"quantity\":1,\"unitPrice\":\"0\",\"paidAmount\":\"0\",\"gift\":true}],"
                + "\"amounts\":{\"currency\":\"CNY\",\"goods\":\"177.00\",\"discount\":\"0\",\"shipping\":\"0\",\"paid\":\"177.00\"},"
                + "\"createdAt\":\"2026-11-11T00:00:05+08:00\",\"buyerNote\":\"请尽快发货\"}";
    }

    @Test
    public void postedOrderIsStoredShownWithItsTimelinePublishedAndNotDoubled() throws Exception {
        String shop = "it-intake";
        awaitReady();
        orders = service(OrderService.class, null);
        List<String> events = new CopyOnWriteArrayList<>();
        Connection connection = service(ConnectionFactory.class, "(name=ordertower)").createConnection();
        try {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createTopic("ordertower.order.events"));
            consumer.setMessageListener(m -> {
                try {
                    events.add(((TextMessage) m).getText());
                } catch (Exception e) {
                    events.add("unreadable: " + e);
                }
            });

            HttpResponse<String>[] created = new HttpResponse[1];
            // the core may still be (re)starting right after boot
            await(Duration.ofSeconds(90), () -> {
                created[0] = post("/api/v1/orders", order(shop, "IT-1", 1));
                return created[0].statusCode() == 201;
            });
            assertTrue(created[0].body(), created[0].body().contains("\"outcome\":\"CREATED\""));
            long id = Long.parseLong(created[0].body().replaceAll(".*\"id\":(\\d+).*", "$1"));

            HttpResponse<String> again = post("/api/v1/orders", order(shop, "IT-1", 1));
            assertEquals(again.body(), 200, again.statusCode());
            assertTrue(again.body(), again.body().contains("\"outcome\":\"DUPLICATE\""));
            assertTrue(again.body(), again.body().contains("\"id\":" + id));
            assertEquals("the same order twice is one order", 1,
                    orders.search(new OrderQuery(null, "own", shop, 1, 10)).total());

            HttpResponse<String> got = get("/api/v1/orders/" + id);
            assertEquals(200, got.statusCode());
            assertTrue(got.body(), got.body().contains("\"platformOrderId\":\"IT-1\""));
            assertFalse("phone masked over HTTP: " + got.body(), got.body().contains("13712345678"));

            String shown = shell("order:show " + id);
            assertTrue(shown, shown.contains("own/" + shop + "/IT-1"));
            assertTrue(shown, shown.contains("SKU-RED-M"));
            assertTrue(shown, shown.contains("Timeline"));
            assertTrue(shown, shown.contains("received"));
            assertTrue(shown, shown.contains("channel:own"));
            assertTrue("masked in the console: " + shown, shown.contains("137****5678"));
            assertFalse(shown, shown.contains("88号"));

            String listed = shell("order:list --shop " + shop);
            assertTrue(listed, listed.contains("IT-1"));
            assertTrue(listed, listed.contains("1 orders"));

            await(Duration.ofSeconds(30), () -> events.stream().anyMatch(e -> e.contains("\"orderId\":" + id)
                    && e.contains("\"type\":\"CREATED\"")));
            Thread.sleep(1000); // a duplicate would publish right behind the first event
            // the pipeline's own status changes (here: to review, SKU-RED-M has no mapping) are other events
            long forThisOrder = events.stream().filter(e -> e.contains("\"orderId\":" + id)
                    && (e.contains("\"type\":\"CREATED\"") || e.contains("\"type\":\"UPDATED\""))).count();
            assertEquals("one event: the duplicate changed nothing " + events, 1, forThisOrder);
            await(Duration.ofSeconds(30), () -> events.stream().anyMatch(e -> e.contains("\"orderId\":" + id)
                    && e.contains("\"type\":\"STATUS_CHANGED\"") && e.contains("\"status\":\"IN_REVIEW\"")));
            assertTrue(shell("order:show " + id).contains("unmapped SKU SKU-RED-M"));

            // a newer version updates it, with the change in the timeline and an UPDATED event
            HttpResponse<String> newer = post("/api/v1/orders", order(shop, "IT-1", 2).replace("请尽快发货", "改地址了"));
            assertEquals(newer.body(), 200, newer.statusCode());
            assertTrue(newer.body(), newer.body().contains("\"outcome\":\"UPDATED\""));
            await(Duration.ofSeconds(30), () -> events.stream().anyMatch(e -> e.contains("\"orderId\":" + id)
                    && e.contains("\"type\":\"UPDATED\"")));
            String timeline = shell("order:show " + id);
            assertTrue(timeline, timeline.contains("buyerNote"));
        } finally {
            connection.close();
        }
    }

    @Test
    public void badInputIsRefusedWithAClearMessage() throws Exception {
        awaitReady();
        orders = service(OrderService.class, null);
        HttpResponse<String> r = post("/api/v1/orders", order("it-bad", "B-1", 1).replace("\"quantity\":3", "\"quantity\":-3"));
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("lines[0].quantity must be at least 1"));
        assertEquals(0, orders.search(new OrderQuery(null, "own", "it-bad", 1, 10)).total());
        try {
            shell("order:show 987654321");
            fail("order:show of an unknown id must fail");
        } catch (Exception e) {
            assertTrue(e.getMessage(), e.getMessage().contains("no order with id 987654321"));
        }
    }
}

package org.ordertower.drill;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.JMSException;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TopicSubscriber;

import org.apache.activemq.ActiveMQConnectionFactory;

/**
 * The drill's system on the shared broker ({@code --broker-restart}): it sends orders of the own site over JMS to the
 * node's intake queue, as a system that integrates over JMS does, and reads the node's order events on a durable
 * subscription. A send the broker did not take (down, restarting) is tried again, the same order, until it does: the
 * orders it sent are those the broker acknowledged. Both reconnect by themselves ({@code failover:}).
 */
final class MessagePath implements AutoCloseable {
    /** The intake queue and the order events topic, the node's defaults. */
    static final String QUEUE = "ordertower.orders.in";
    static final String EVENTS = "ordertower.order.events";
    /** The own site's orders take the demo catalog's SKU codes as they are ({@link #mappings()}). */
    private static final List<String> SKUS = List.of("CUP-WHITE", "CUP-BLUE", "TEA-LJ-250", "TOWEL-3");
    /** The own site's shop. */
    static final String SHOP = "drill";

    /** The mappings of the own site's SKU codes onto the master SKUs, as {@code POST /api/v1/catalog/mappings} takes them. */
    static String mappings() {
        StringBuilder csv = new StringBuilder("channel,shop,channel_sku,item_id,outer_code,master_sku,factor\n");
        for (String sku : SKUS) {
            csv.append("own,").append(SHOP).append(',').append(sku).append(",,,").append(sku).append(",1\n");
        }
        return csv.toString();
    }
    private final Connection receiving;
    private final Connection sending;
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final Set<Long> ordersWithEvents = ConcurrentHashMap.newKeySet();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();
    private final AtomicLong slowestSend = new AtomicLong();
    private final Thread sender;
    private volatile double perSecond;
    private volatile boolean closed;

    /** The base price of each of {@link #SKUS}, as the catalog has it: the own site sells at its list price. */
    private final java.util.Map<String, java.math.BigDecimal> prices;

    /**
     * @param prices the catalog's base price of each SKU the own site sells ({@link #SKUS})
     */
    MessagePath(String brokerUrl, java.util.Map<String, java.math.BigDecimal> prices) throws JMSException {
        for (String sku : SKUS) {
            if (!prices.containsKey(sku)) {
                throw new IllegalArgumentException("the catalog has no base price for " + sku);
            }
        }
        this.prices = java.util.Map.copyOf(prices);
        // timeout: a send while the broker is away fails after 3 s (and is tried again) rather than waiting unseen
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("failover:(" + brokerUrl
                + ")?initialReconnectDelay=100&maxReconnectDelay=1000&timeout=3000");
        receiving = factory.createConnection();
        receiving.setClientID("ordertower-drill");
        Session s = receiving.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TopicSubscriber events = s.createDurableSubscriber(s.createTopic(EVENTS), "drill-order-events");
        events.setMessageListener(m -> {
            this.events.incrementAndGet();
            try {
                String id = m.getStringProperty("OrderTowerOrderId");
                if (id != null) {
                    ordersWithEvents.add(Long.parseLong(id));
                }
            } catch (JMSException | NumberFormatException e) {
                // an event without the header is counted and not attributed
            }
        });
        receiving.start();
        sending = factory.createConnection();
        sending.start();
        sender = new Thread(this::send, "drill-jms-sender");
        sender.setDaemon(true);
        sender.start();
    }

    /** Orders a second from now on; 0 stops. */
    void rate(double ordersPerSecond) {
        perSecond = ordersPerSecond;
    }

    private void send() {
        long n = 0;
        Session session = null;
        MessageProducer producer = null;
        long next = System.nanoTime();
        while (!closed) {
            double rate = perSecond;
            if (rate <= 0) {
                sleep(200);
                next = System.nanoTime();
                continue;
            }
            String id = "JMS" + String.format(Locale.ROOT, "%08d", ++n);
            String body = order(id, n);
            while (!closed) {
                try {
                    if (producer == null) {
                        session = sending.createSession(false, Session.AUTO_ACKNOWLEDGE);
                        producer = session.createProducer(session.createQueue(QUEUE));
                        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    }
                    long start = System.nanoTime();
                    producer.send(session.createTextMessage(body));
                    slowestSend.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                    sent.add(id);
                    break;
                } catch (JMSException e) {
                    failedSends.incrementAndGet();
                    closeQuietly(session);
                    session = null;
                    producer = null;
                    sleep(500); // the same order again, until the broker takes it
                }
            }
            next += (long) (1e9 / rate);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                sleep(wait / 1_000_000);
            } else if (wait < -1e9) {
                next = System.nanoTime(); // fell behind (the broker was away): no burst to catch up
            }
        }
    }

    /** A paid order of the own site at its list prices, as {@code POST /api/v1/orders} takes it. */
    private String order(String id, long n) {
        String sku = SKUS.get((int) (n % SKUS.size()));
        int quantity = 1 + (int) (n % 2);
        java.math.BigDecimal unit = prices.get(sku);
        String price = unit.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
        String paid = unit.multiply(java.math.BigDecimal.valueOf(quantity)).setScale(2, java.math.RoundingMode.HALF_UP)
                .toPlainString();
        return "{\"channel\":\"own\",\"shop\":\"" + SHOP + "\",\"platformOrderId\":\"" + id + "\",\"platformVersion\":1,"
                + "\"paymentStatus\":\"PAID\",\"buyer\":{\"name\":\"JMS buyer " + n + "\",\"phone\":\"139" + String.format(
                        Locale.ROOT, "%08d", n) + "\"},"
                + "\"address\":{\"country\":\"CN\",\"province\":\"浙江省\",\"city\":\"杭州市\",\"district\":\"西湖区\","
                + "\"detail\":\"文三路 " + n + " 号\"},"
                + "\"lines\":[{\"lineNo\":\"1\",\"channelSku\":\"" + sku + "\",\"quantity\":" + quantity
                + ",\"unitPrice\":\"" + price + "\",\"paidAmount\":\"" + paid + "\"}],"
                + "\"amounts\":{\"currency\":\"CNY\",\"goods\":\"" + paid + "\",\"paid\":\"" + paid + "\"},"
                + "\"createdAt\":\"" + OffsetDateTime.now(ZoneOffset.ofHours(8)) + "\"}";
    }

    /** The own site's order ids the broker took. */
    Set<String> sent() {
        return Set.copyOf(sent);
    }

    /** Node order ids seen on the events topic. */
    Set<Long> ordersWithEvents() {
        return Set.copyOf(ordersWithEvents);
    }

    long events() {
        return events.get();
    }

    long failedSends() {
        return failedSends.get();
    }

    /** The longest a send waited for the broker to take it. */
    long slowestSendMillis() {
        return slowestSend.get();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(Math.max(1, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Session s) {
        if (s != null) {
            try {
                s.close();
            } catch (JMSException e) {
                // gone with the broker
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            sending.close();
        } catch (JMSException e) {
            // the broker may be gone
        }
        try {
            receiving.close();
        } catch (JMSException e) {
            // likewise
        }
    }
}

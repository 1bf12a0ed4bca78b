package org.ordertower.core.internal.camel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.ordertower.api.Address;
import org.ordertower.api.Amounts;
import org.ordertower.api.Buyer;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderLine;
import org.ordertower.api.PaymentStatus;

/** What the event tests share (also tests/kafka, through the core's test-jar): an order, an embedded broker. */
public final class EventsKit {
    private EventsKit() {
    }

    /** A paid order of the own channel, one line. */
    public static NormalizedOrder order(String id) {
        return new NormalizedOrder("own", "main", id, 1, "PAID", PaymentStatus.PAID, new Buyer("张三", "13812345678", "b1"),
                new Address("CN", "浙江省", "杭州市", "西湖区", "文三路", "1号", "310012"),
                List.of(new OrderLine("1", "SKU-1", null, "tee", 1, BigDecimal.TEN, BigDecimal.TEN, false, null)),
                new Amounts("CNY", BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.TEN),
                Instant.parse("2026-11-11T00:00:01Z"), null, Instant.ofEpochMilli(1), null, null, List.of());
    }

    /** A real ActiveMQ broker in this JVM, not persistent, started. */
    public static BrokerService broker(String name) throws Exception {
        BrokerService broker = new BrokerService();
        broker.setBrokerName(name);
        broker.setPersistent(false);
        broker.setUseJmx(false);
        broker.start();
        return broker;
    }

    /** A connection factory to {@link #broker}, without topic advisories. */
    public static ActiveMQConnectionFactory connectionFactory(String name) {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("vm://" + name + "?create=false");
        cf.setWatchTopicAdvisories(false);
        return cf;
    }
}

package org.ordertower.sim.taobao;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimOrderBook;
import org.ordertower.sim.kit.SimServer;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The app's TMC queue: one message per book change (a payment at creation adds TradeBuyerPay after TradeCreate),
 * delivered by consume, hidden for {@code redeliver} and delivered again unless confirmed (TOP's at-least-once
 * delivery). {@code duplicates} queues every message twice under one id; {@code shuffle} returns each batch in
 * random order. Thread-safe.
 */
final class SimMessages {
    private static final class Message {
        final long id;
        final String topic;
        final String content;
        final Instant pubTime;
        Instant visibleAt;

        Message(long id, String topic, String content, Instant pubTime) {
            this.id = id;
            this.topic = topic;
            this.content = content;
            this.pubTime = pubTime;
            this.visibleAt = pubTime;
        }
    }

    private final List<Message> queue = new LinkedList<>();
    private final AtomicLong ids = new AtomicLong(8_100_000_000L);
    private final Random random = new Random(7);
    private final Clock clock;
    private final SimServer server;
    private final String shop;
    private final Duration redeliver;
    private final boolean duplicates;
    private final boolean shuffle;

    SimMessages(Clock clock, SimServer server, String shop, Duration redeliver, boolean duplicates, boolean shuffle) {
        this.clock = clock;
        this.server = server;
        this.shop = shop;
        this.redeliver = redeliver;
        this.duplicates = duplicates;
        this.shuffle = shuffle;
    }

    void listen(SimOrderBook book) {
        book.listen(e -> {
            for (String topic : topics(e.change(), e.order())) {
                publish(topic, e.order());
            }
        });
    }

    /** TMC topics (消息服务 topic list: taobao_trade_*, taobao_refund_*). */
    static List<String> topics(SimOrderBook.Change change, SimOrder o) {
        return switch (change) {
            case CREATED -> o.paidAt != null ? List.of("taobao_trade_TradeCreate", "taobao_trade_TradeBuyerPay")
                    : List.of("taobao_trade_TradeCreate");
            case PAID -> List.of("taobao_trade_TradeBuyerPay");
            case ADDRESS_CHANGED -> List.of("taobao_trade_TradeLogisticsAddressChanged");
            case MEMO_CHANGED -> List.of("taobao_trade_TradeMemoModified");
            case REFUND_REQUESTED -> List.of("taobao_refund_RefundCreated");
            case REFUNDED -> List.of("taobao_refund_RefundSuccess");
            case REFUND_REFUSED -> List.of("taobao_refund_RefundSellerRefuseAgreement");
            case CANCELLED -> List.of("taobao_trade_TradeClose");
            case SHIPPED -> List.of("taobao_trade_TradeSellerShip");
            case PARTLY_SHIPPED -> List.of("taobao_trade_TradePartlySellerShip");
            case DELIVERED -> List.of("taobao_trade_TradeSuccess");
        };
    }

    /** Queues an item message ({@code taobao_item_*}) with its content (num_iid, nick...). */
    void publishItem(String topic, ObjectNode content) {
        enqueue(new Message(ids.incrementAndGet(), topic, content.toString(), clock.instant()));
    }

    private void publish(String topic, SimOrder o) {
        ObjectNode content = SimRenderer.JSON.createObjectNode();
        content.put("tid", Long.parseLong(o.orderId));
        content.put("seller_nick", shop);
        content.put("buyer_nick", o.buyerNick.charAt(0) + "**");
        content.put("status", SimRenderer.status(o));
        content.put("payment", SimRenderer.yuan(o.payment()));
        if (topic.startsWith("taobao_refund_")) {
            content.put("oid", Long.parseLong(o.lines.get(0).lineId));
            content.put("refund_fee", SimRenderer.yuan(o.lines.get(0).paid));
        }
        enqueue(new Message(ids.incrementAndGet(), topic, content.toString(), clock.instant()));
    }

    private void enqueue(Message m) {
        synchronized (queue) {
            queue.add(m);
            if (duplicates) {
                queue.add(new Message(m.id, m.topic, m.content, m.pubTime));
            }
        }
        server.count("tmc.queued", duplicates ? 2 : 1);
    }

    /** Up to {@code quantity} visible messages, as TmcMessage objects. */
    List<ObjectNode> consume(int quantity) {
        Instant now = clock.instant();
        List<Message> batch = new ArrayList<>();
        synchronized (queue) {
            for (Message m : queue) {
                if (batch.size() == quantity) {
                    break;
                }
                if (!m.visibleAt.isAfter(now)) {
                    m.visibleAt = now.plus(redeliver);
                    batch.add(m);
                }
            }
        }
        if (shuffle) {
            Collections.shuffle(batch, random);
        }
        server.count("tmc.delivered", batch.size());
        List<ObjectNode> out = new ArrayList<>();
        for (Message m : batch) {
            ObjectNode n = SimRenderer.JSON.createObjectNode();
            n.put("id", m.id).put("topic", m.topic).put("pub_time", SimRenderer.time(m.pubTime)).put("pub_app_key", "12497914")
                    .put("user_id", 2_200_000_000L + Math.abs(shop.hashCode() % 1000)).put("user_nick", shop)
                    .put("content", m.content);
            out.add(n);
        }
        return out;
    }

    /** Removes the confirmed messages (every copy), answering how many were removed. */
    int confirm(Set<Long> ids) {
        int removed = 0;
        synchronized (queue) {
            for (Iterator<Message> it = queue.iterator(); it.hasNext();) {
                if (ids.contains(it.next().id)) {
                    it.remove();
                    removed++;
                }
            }
        }
        server.count("tmc.confirmed", removed);
        return removed;
    }

    int pending() {
        synchronized (queue) {
            return queue.size();
        }
    }
}

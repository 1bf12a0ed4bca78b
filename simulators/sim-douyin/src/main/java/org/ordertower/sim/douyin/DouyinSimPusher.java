package org.ordertower.sim.douyin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.ordertower.connector.kit.Digests;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimOrder.Line;
import org.ordertower.sim.kit.SimOrderBook;
import org.ordertower.sim.kit.SimPusher;
import org.ordertower.sim.kit.SimPusher.Push;
import org.ordertower.sim.kit.SimServer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Message pushes (消息推送, op.jinritemai.com/docs/guide-docs/153/99) for every change of the book: a POST of
 * {@code [{"tag","msg_id","data"}]} ({@code data} a JSON string) with {@code app-id} and
 * {@code event-sign} = MD5(app_key + body + app_secret), or HMAC-SHA256 with a {@code sign-method} header.
 * Tags as the public event samples of the open-platform SDKs carry them: 100 created, 101 paid, 102 seller shipped
 * (all), 108 partly shipped, 103 completed (complete_time), 105 address changed, 106 cancelled, 113 memo changed,
 * 200 refund requested, 204 refund refused (refuse_time), 206 refund succeeded (success_time); and 400 product
 * changed (doudian_product_change: event, product_id, shop_id, update_time) on {@link #productChanged}. Sending is
 * the kit's {@link SimPusher}: a message is retried (pause doubling) until the receiver answers
 * {@code {"code":0,...}}; switches send each order message twice or out of order.
 */
final class DouyinSimPusher implements AutoCloseable {
    /** One message, its body ready. */
    record Message(String tag, String msgId, String body) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final DouyinSimSettings settings;
    private final SimPusher pusher;
    private final AtomicLong msgIds = new AtomicLong(7_300_000_000_000_000_000L);

    DouyinSimPusher(DouyinSimSettings settings, SimServer counters) {
        this.settings = settings;
        this.pusher = new SimPusher("sim-douyin-push", counters, DouyinSimPusher::accepted, settings.pushAttempts(),
                settings.pushRetryMillis(), settings.duplicatePushes(), settings.shufflePushes(), settings.seed(),
                Duration.ofSeconds(5));
    }

    /** Book listener: turns a change into messages and sends them. */
    void onChange(SimOrderBook.Event e) {
        if (settings.pushUrl() == null) {
            return;
        }
        messages(e).forEach(m -> pusher.submit(push(m)));
    }

    List<Message> messages(SimOrderBook.Event e) {
        SimOrder o = e.order();
        List<Message> out = new ArrayList<>();
        switch (e.change()) {
            case CREATED -> {
                out.add(trade("100", o, "create_time", o.created));
                if (o.paidAt != null) {
                    out.add(trade("101", o, "pay_time", o.paidAt));
                }
            }
            case PAID -> out.add(trade("101", o, "pay_time", o.paidAt));
            case SHIPPED -> out.add(trade("102", o, "update_time", o.modified));
            case PARTLY_SHIPPED -> out.add(trade("108", o, "update_time", o.modified));
            case DELIVERED -> out.add(trade("103", o, "complete_time", o.modified));
            case ADDRESS_CHANGED -> out.add(trade("105", o, "update_time", o.modified));
            case CANCELLED -> out.add(trade("106", o, "cancel_time", o.modified));
            case MEMO_CHANGED -> out.add(trade("113", o, "update_time", o.modified));
            case REFUND_REQUESTED -> out.add(refund("200", o, "apply_time"));
            case REFUND_REFUSED -> out.add(refund("204", o, "refuse_time"));
            case REFUNDED -> out.add(refund("206", o, "success_time"));
        }
        return out;
    }

    private Message trade(String tag, SimOrder o, String timeField, java.time.Instant at) {
        ObjectNode d = MAPPER.createObjectNode();
        d.put("p_id", Long.parseLong(o.orderId));
        ArrayNode s = d.putArray("s_ids");
        o.lines.forEach(l -> s.add(Long.parseLong(l.lineId)));
        d.put("shop_id", Long.parseLong(settings.shop()));
        d.put("order_status", DouyinSimRenderer.status(o));
        d.put("order_type", 0);
        d.put("biz", 2);
        d.put(timeField, DouyinSimRenderer.seconds(at));
        if (tag.equals("101")) {
            d.put("pay_amount", DouyinSimRenderer.fen(o.payment())).put("pay_type", 1);
        }
        return message(tag, d);
    }

    private Message refund(String tag, SimOrder o, String timeField) {
        Line l = o.lines.stream().filter(x -> x.refund != SimOrder.Refund.NONE).reduce((a, b) -> b).orElse(o.lines.get(0));
        ObjectNode d = MAPPER.createObjectNode();
        d.put("aftersale_id", Long.parseLong(l.lineId) + 1_000_000_000_000_000L);
        d.put("aftersale_status", switch (tag) {
            case "206" -> 12; // 退款成功
            case "204" -> 29; // 退货后拒绝退款
            default -> 6; // 待商家同意
        });
        d.put("aftersale_type", 2);
        d.put("p_id", Long.parseLong(o.orderId));
        d.put("s_id", Long.parseLong(l.lineId));
        d.put("shop_id", Long.parseLong(settings.shop()));
        d.put("refund_amount", DouyinSimRenderer.fen(l.paid));
        d.put(timeField, DouyinSimRenderer.seconds(o.modified));
        return message(tag, d);
    }

    /** Pushes a product message (tag 400) for one of the shop's products; {@code event} as the platform numbers it. */
    void productChanged(String productId, int event, java.time.Instant at) {
        if (settings.pushUrl() == null) {
            return;
        }
        ObjectNode d = MAPPER.createObjectNode();
        d.put("event", event).put("product_id", Long.parseLong(productId)).put("out_product_id", 0)
                .put("shop_id", Long.parseLong(settings.shop())).put("update_time", DouyinSimRenderer.seconds(at));
        pusher.submitOnce(push(message("400", d)));
    }

    private Message message(String tag, ObjectNode data) {
        ObjectNode m = MAPPER.createObjectNode();
        String id = String.valueOf(msgIds.incrementAndGet());
        m.put("tag", tag).put("msg_id", id).put("data", data.toString());
        return new Message(tag, id, MAPPER.createArrayNode().add(m).toString());
    }

    /** The POST of a message, signed as the platform signs its pushes. */
    private Push push(Message m) {
        String text = settings.appKey() + m.body() + settings.appSecret();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("app-id", settings.appKey());
        if (settings.pushSignMethod().equals("hmac-sha256")) {
            headers.put("event-sign", Digests.hmacHex("HmacSHA256", settings.appSecret(), text));
            headers.put("sign-method", "hmac-sha256");
        } else {
            headers.put("event-sign", Digests.md5Hex(text));
        }
        return new Push(m.tag() + ":" + m.msgId(), settings.pushUrl(), "application/json", m.body(), headers);
    }

    /** The platform counts a push delivered only on HTTP 200 with {@code {"code":0,...}}. */
    private static boolean accepted(int status, String body) {
        try {
            return status == 200 && MAPPER.readTree(body).path("code").asInt(-1) == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        pusher.close();
    }
}

package org.ordertower.channel.douyin.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.PushEvent;
import org.ordertower.api.channel.PushRequest;
import org.ordertower.connector.kit.Digests;
import org.ordertower.connector.kit.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks and parses a message push (消息推送, op.jinritemai.com/docs/guide-docs/153/99): the platform POSTs
 * a JSON array of {@code {tag, msg_id, data}} ({@code data} is itself a JSON string) with the headers
 * {@code app-id} and {@code event-sign} = hex MD5(app_key + raw body + app_secret), or HMAC-SHA256
 * keyed by the secret over the same text when the {@code sign-method} header says {@code hmac-sha256}. The hex
 * case is not fixed: the sign is compared ignoring case, as the SDKs do (SKIT.FlurlHttpClient.ByteDance
 * TikTokShopClientEventExtensions.VerifyEventSignature: {@code StringComparison.OrdinalIgnoreCase}).
 *
 * <p>One push mixes order and product messages. A message with {@code p_id} is an order event (trade tags
 * 1xx, after-sale tags 2xx: {@link DouyinConstants#TAG_TRADE_PARTLY_SELLER_SHIP} 108 partly shipped,
 * {@link DouyinConstants#TAG_REFUND_SUCCESS} 206 refund succeeded, {@link DouyinConstants#TAG_REFUND_CLOSED} 207
 * closed...). A product message (tag 4xx, or any message with {@code product_id} and no {@code p_id}) becomes
 * {@link PushEvent#listingChanged}; one without a product id, and a message of any other kind without
 * {@code p_id}, is skipped with a debug log so the rest of the batch still counts. Only an order or after-sale tag
 * without {@code p_id} is malformed. Tag "0" is the platform's address check and yields no event. An order event
 * whose own time (update_time, pay_time, ship_time, complete_time, cancel_time, create_time, apply_time,
 * success_time, close_time or refuse_time in data) is older than the replay window is refused. Pure apart from
 * the clock in the request; thread-safe.
 */
public final class DouyinPushVerifier {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The event's own time, by the first of these present (103 complete_time, 204 refuse_time, 206 success_time, 207 close_time). */
    private static final String[] TIME_FIELDS = { "update_time", "pay_time", "ship_time", "complete_time", "cancel_time",
            "create_time", "apply_time", "success_time", "close_time", "refuse_time" };
    private static final Duration FUTURE_SKEW = Duration.ofMinutes(10);

    private final Logger logger = LoggerFactory.getLogger(DouyinPushVerifier.class);
    private final String appKey;
    private final String appSecret;
    private final Duration maxAge;

    public DouyinPushVerifier(String appKey, String appSecret, Duration maxAge) {
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.maxAge = maxAge;
    }

    /** The signature the platform puts in {@code event-sign} for {@code body}. */
    public static String eventSign(String signMethod, String appKey, String appSecret, String body) {
        String text = appKey + body + appSecret;
        return "hmac-sha256".equalsIgnoreCase(signMethod) ? Digests.hmacHex("HmacSHA256", appSecret, text)
                : Digests.md5Hex(text);
    }

    public List<PushEvent> verify(PushRequest request) {
        String appId = request.header("app-id");
        if (!appKey.equals(appId)) {
            throw new ChannelException(Kind.AUTH, "douyin push: app-id header '" + appId + "' is not this app");
        }
        String given = request.header("event-sign");
        String method = request.header("sign-method");
        String expected = eventSign(method == null ? null : method.toLowerCase(Locale.ROOT), appKey, appSecret,
                request.body());
        if (given == null || !Digests.sameSignature(expected, given.strip().toLowerCase(Locale.ROOT))) {
            throw new ChannelException(Kind.AUTH, "douyin push: event-sign does not verify");
        }
        JsonNode messages = parse(request.body(), "body");
        if (!messages.isArray()) {
            throw permanent("body must be a JSON array of messages");
        }
        List<PushEvent> events = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            PushEvent e = event(messages.get(i), "messages[" + i + "]", request.receivedAt());
            if (e != null) {
                events.add(e);
            }
        }
        return events;
    }

    private PushEvent event(JsonNode m, String at, Instant receivedAt) {
        if (m == null || !m.isObject()) {
            throw permanent(at + " must be an object");
        }
        String tag = scalar(m, "tag", at);
        if (DouyinConstants.TAG_CHECK.equals(tag)) {
            return null;
        }
        String msgId = scalar(m, "msg_id", at);
        JsonNode dataText = m.get("data");
        if (dataText == null || !dataText.isTextual()) {
            throw permanent(at + ".data must be a JSON string");
        }
        JsonNode data = parse(dataText.asText(), at + ".data");
        if (!data.isObject()) {
            throw permanent(at + ".data must hold a JSON object");
        }
        if (!present(data, "p_id")) {
            if (isProductTag(tag) || present(data, "product_id")) {
                return productEvent(tag, msgId, data, at, receivedAt);
            }
            if (isOrderTag(tag)) {
                throw permanent(at + ".data.p_id is missing or not a string/integer (tag " + tag + ")");
            }
            logger.debug("douyin push: message {} (tag {}) carries no order id; skipped", msgId, tag);
            return null;
        }
        String orderId = scalar(data, "p_id", at + ".data");
        String shopId = scalar(data, "shop_id", at + ".data");
        Instant occurred = occurred(data, at);
        if (occurred != null && occurred.isBefore(receivedAt.minus(maxAge))) {
            throw new ChannelException(Kind.AUTH, "douyin push: message " + msgId + " happened at " + occurred
                    + ", outside the replay window of " + maxAge);
        }
        if (occurred != null && occurred.isAfter(receivedAt.plus(FUTURE_SKEW))) {
            throw new ChannelException(Kind.AUTH, "douyin push: message " + msgId + " is dated in the future (" + occurred + ")");
        }
        return new PushEvent(msgId, tag, shopId, orderId, occurred, null);
    }

    /**
     * A product message (doudian_product_change: event, product_id, shop_id, update_time): the shop's listings are
     * downloaded again, so a replayed one does no harm and no window applies; an implausible time is dropped.
     */
    private PushEvent productEvent(String tag, String msgId, JsonNode data, String at, Instant receivedAt) {
        if (!present(data, "product_id") || !present(data, "shop_id")) {
            logger.debug("douyin push: product message {} (tag {}) lacks product_id or shop_id; skipped", msgId, tag);
            return null;
        }
        String productId = scalar(data, "product_id", at + ".data");
        String shopId = scalar(data, "shop_id", at + ".data");
        Instant occurred;
        try {
            occurred = occurred(data, at);
        } catch (ChannelException e) {
            occurred = null;
        }
        if (occurred != null && occurred.isAfter(receivedAt.plus(FUTURE_SKEW))) {
            occurred = null;
        }
        return PushEvent.listingChanged(msgId, tag, shopId, productId, occurred);
    }

    /** Trade (1xx) and after-sale (2xx) tags: their messages always carry the order id. */
    static boolean isOrderTag(String tag) {
        return tag.length() == 3 && (tag.charAt(0) == '1' || tag.charAt(0) == '2') && Ids.digits(tag, 3);
    }

    /** Product tags (4xx), {@link DouyinConstants#TAG_PRODUCT_CHANGE} among them. */
    static boolean isProductTag(String tag) {
        return tag.length() == 3 && tag.charAt(0) == '4' && Ids.digits(tag, 3);
    }

    private static boolean present(JsonNode parent, String name) {
        JsonNode n = parent.get(name);
        return n != null && !n.isNull() && (n.isTextual() || n.isIntegralNumber()) && !n.asText().isBlank()
                && !"0".equals(n.asText());
    }

    private static Instant occurred(JsonNode data, String at) {
        for (String f : TIME_FIELDS) {
            JsonNode n = data.get(f);
            if (n != null && !n.isNull()) {
                boolean number = n.isIntegralNumber() && n.canConvertToLong();
                if (!number && !(n.isTextual() && Ids.digits(n.asText(), 12))) {
                    throw permanent(at + ".data." + f + " must be unix seconds");
                }
                long s = number ? n.longValue() : Long.parseLong(n.asText());
                if (s > 0) {
                    return Instant.ofEpochSecond(s);
                }
            }
        }
        return null;
    }

    /** A field that may come as a JSON string or number (ids are int64 in data), as text. */
    private static String scalar(JsonNode parent, String name, String at) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull() || !(n.isTextual() || n.isIntegralNumber()) || n.asText().isBlank()) {
            throw permanent(at + "." + name + " is missing or not a string/integer");
        }
        return n.asText();
    }

    private static JsonNode parse(String text, String what) {
        try {
            JsonNode n = MAPPER.readTree(text);
            if (n == null) {
                throw permanent(what + " is empty");
            }
            return n;
        } catch (ChannelException e) {
            throw e;
        } catch (Exception e) {
            throw permanent(what + " is not JSON: " + e.getMessage());
        }
    }

    private static ChannelException permanent(String message) {
        return new ChannelException(Kind.PERMANENT, "douyin push: " + message);
    }
}

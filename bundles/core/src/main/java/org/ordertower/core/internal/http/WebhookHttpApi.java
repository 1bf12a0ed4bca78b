package org.ordertower.core.internal.http;

import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.JsonReplies;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.PushReceipt;
import org.ordertower.api.channel.PushRequest;
import org.ordertower.core.spi.http.OrderJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Platform webhooks: {@code POST /api/v1/channels/{channel}/push}. No user login here: the channel's
 * connectors check the platform's signature. The events are stored before the answer, so a 200 means
 * nothing is lost; any other answer makes the platform push again. The success body is the one the
 * platforms that push over HTTP expect ({@code {"code":0,"msg":"success"}}).
 */
public final class WebhookHttpApi {
    public static final String BASE = "/api/v1/channels";
    /** Largest push body read (platforms batch events; 2 MiB is far above what they send). */
    public static final int MAX_BODY = 2 << 20;
    private static final String SUCCESS = "{\"code\":0,\"msg\":\"success\"}";

    private final Logger logger = LoggerFactory.getLogger(WebhookHttpApi.class);
    private final Supplier<Optional<ChannelService>> channels;
    private final Clock clock;
    private final JsonReplies replies;

    public WebhookHttpApi(Supplier<Optional<ChannelService>> channels, Clock clock, OrderJson json) {
        this.channels = channels;
        this.clock = clock;
        this.replies = new JsonReplies(json);
    }

    /**
     * @param path the request path as sent
     * @param headers request headers (any case)
     * @param body the body, or null when it was over {@link #MAX_BODY}
     */
    public HttpReply handle(String method, String path, Map<String, String> headers, Map<String, String> query, String body) {
        String rest = path.startsWith(BASE + "/") ? path.substring(BASE.length() + 1) : "";
        String[] parts = rest.split("/");
        if (parts.length != 2 || !parts[1].equals("push") || !parts[0].matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            return error(404, "no such resource: " + path + " (webhooks are POST " + BASE + "/{channel}/push)");
        }
        if (!"POST".equals(method)) {
            return replies.notAllowed(method, path, "POST");
        }
        if (body == null) {
            return error(413, "the push is larger than " + MAX_BODY + " bytes");
        }
        Optional<ChannelService> service = channels.get();
        if (service.isEmpty()) {
            return error(503, "the channel runtime is not running");
        }
        String channel = parts[0];
        try {
            PushReceipt r = service.get().receivePush(channel, new PushRequest(headers, query, body, clock.instant()));
            logger.debug("Push for {} shop {}: {} events stored, {} repeats dropped", channel, r.shop(), r.events(),
                    r.duplicates());
            return new HttpReply(200, SUCCESS);
        } catch (IllegalArgumentException e) {
            return error(404, e.getMessage());
        } catch (ChannelException e) {
            if (e.kind() == ChannelException.Kind.AUTH) {
                logger.warn("Refused a push for {}: {}", channel, e.getMessage());
                return error(401, e.getMessage());
            }
            return error(400, e.getMessage());
        } catch (StoreUnavailableException e) {
            return error(503, "the push could not be stored; push again: " + e.getMessage());
        }
    }

    private HttpReply error(int status, String message) {
        return status == 503 ? replies.error(503, message, Map.of("Retry-After", JsonReplies.RETRY_AFTER))
                : replies.error(status, message);
    }
}

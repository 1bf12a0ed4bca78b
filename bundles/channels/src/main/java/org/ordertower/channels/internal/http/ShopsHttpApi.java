package org.ordertower.channels.internal.http;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.ordertower.api.Caller;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.DeadLetter;
import org.ordertower.api.channel.ShopStatus;
import org.ordertower.core.spi.http.JsonHttpHandler;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.KeysetPage;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.core.spi.http.QueryParams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The shops' REST interface (the {@code channel:*} commands over HTTP), free of any HTTP server:
 * <pre>
 * GET  /api/v1/shops                                  every configured shop: its pull, its lag, its errors
 * GET  /api/v1/shops/dead-letters?channel=&amp;limit=&amp;after=   platform orders that could not be taken in, newest
 *                                                    first; {@code next} is the id to pass as {@code after}
 * GET  /api/v1/shops/{channel}/{shop}/reconcile?hours= orders the platform has that no pull or push brought
 * POST /api/v1/shops/{channel}/{shop}/pull            pulls the shop now (the core's guard: admin or operator)
 * </pre>
 */
public final class ShopsHttpApi extends JsonHttpHandler {
    public static final String BASE = "/api/v1/shops";
    public static final int MAX_BODY = 1024;
    /** As every list over HTTP. */
    static final int MAX_LIMIT = 500;
    private final ChannelService channels;

    public ShopsHttpApi(ChannelService channels, OrderJson json) {
        super(BASE, json);
        this.channels = channels;
    }

    @Override
    protected HttpReply serve(Caller caller, String method, String path, String[] parts, Map<String, String> query,
            String contentType, String body) {
        if (parts.length == 0) {
            return method.equals("GET") ? shops() : replies.notAllowed(method, path, "GET");
        }
        if (parts.length == 1 && parts[0].equals("dead-letters")) {
            return method.equals("GET") ? deadLetters(query) : replies.notAllowed(method, path, "GET");
        }
        if (parts.length == 3 && parts[2].equals("reconcile")) {
            if (!method.equals("GET")) {
                return replies.notAllowed(method, path, "GET");
            }
            int hours = QueryParams.integer(query, "hours", 24);
            if (hours < 1 || hours > 24 * 30) {
                throw new IllegalArgumentException("hours must be from 1 to 720, was " + hours);
            }
            return replies.ok(json.tree(channels.reconcile(parts[0], parts[1], Instant.now().minus(Duration.ofHours(hours)))));
        }
        if (parts.length == 3 && parts[2].equals("pull")) {
            return method.equals("POST") ? replies.ok(json.tree(channels.pull(parts[0], parts[1])))
                    : replies.notAllowed(method, path, "POST");
        }
        return replies.error(404, "no such resource " + path);
    }

    @Override
    protected HttpReply refusal(RuntimeException e) {
        if (e instanceof ChannelException) {
            return replies.error(400, e.getMessage());
        }
        if (e instanceof IllegalStateException) {
            return replies.error(409, e.getMessage()); // another node holds the shop's lease, or it is not configured
        }
        return null;
    }

    private HttpReply shops() {
        Instant now = Instant.now();
        ObjectNode n = json.object();
        ArrayNode items = n.putArray("items");
        List<ShopStatus> shops = channels.shops();
        for (ShopStatus s : shops) {
            ObjectNode i = (ObjectNode) json.tree(s);
            i.remove("page"); // the platform's paging token: nothing a person reads
            if (s.caughtUpTo() == null) {
                i.putNull("pullLagSeconds");
            } else {
                i.put("pullLagSeconds", Math.max(0, Duration.between(s.caughtUpTo(), now).toSeconds()));
            }
            items.add(i);
        }
        return replies.ok(n);
    }

    /** One page, newest first; one dead letter more than the limit tells that another page follows. */
    private HttpReply deadLetters(Map<String, String> query) {
        String channel = query.get("channel");
        int limit = QueryParams.limit(query, 50, MAX_LIMIT);
        Long after = QueryParams.afterId(query);
        KeysetPage<DeadLetter> page = KeysetPage.of(channels.deadLetters(channel == null || channel.isBlank() ? null
                : channel.strip(), after, limit + 1), limit, d -> String.valueOf(d.id()));
        return replies.ok(page.write(json.object(), json::tree));
    }
}

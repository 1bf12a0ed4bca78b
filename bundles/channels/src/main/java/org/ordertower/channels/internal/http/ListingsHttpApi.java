package org.ordertower.channels.internal.http;

import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.HttpHandler;
import org.ordertower.core.spi.http.JsonReplies;
import org.ordertower.core.spi.http.KeysetPage;
import org.ordertower.core.spi.http.QueryParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.ordertower.api.Caller;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelListing;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.core.spi.http.OrderJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The platform vocabularies' REST interface: what {@code channel:listings} and {@code channel:carriers} show. Read
 * only; guarded like every path outside the platforms' webhooks.
 *
 * <pre>
 * GET /api/v1/listings?channel=&amp;shop=&amp;unmatched=&amp;limit=&amp;after=   each shop's listings with their master
 *                                                   SKU, or why none, by channel, shop and SKU id; {@code next} is
 *                                                   the cursor to pass as {@code after}; {@code total} and
 *                                                   {@code unmatched} count every page
 * GET /api/v1/listings/carriers?channel=&amp;missing=     OrderTower's carrier codes as each platform names them
 * </pre>
 */
public final class ListingsHttpApi implements HttpHandler {
    public static final String BASE = "/api/v1/listings";
    public static final int MAX_BODY = 1024;
    /** As every list over HTTP; also the default, the most the console shows at once. */
    static final int MAX_LIMIT = 500;
    private final Logger logger = LoggerFactory.getLogger(ListingsHttpApi.class);
    private final Supplier<Optional<ChannelService>> channels;
    private final OrderJson json;
    private final JsonReplies replies;

    public ListingsHttpApi(Supplier<Optional<ChannelService>> channels, OrderJson json) {
        this.channels = channels;
        this.json = json;
        this.replies = new JsonReplies(json);
    }

    @Override
    public HttpReply handle(Caller caller, String method, String path, Map<String, String> query, String contentType,
            String body) {
        try {
            if (!method.equals("GET")) {
                return replies.notAllowed(method, path, "GET");
            }
            Optional<ChannelService> service = channels.get();
            if (service.isEmpty()) {
                return replies.unavailable("the channel runtime is not installed; retry later");
            }
            ChannelService ch = service.get();
            String channel = blankToNull(query.get("channel"));
            if (path.equals(BASE) || path.equals(BASE + "/")) {
                int limit = QueryParams.limit(query, MAX_LIMIT, MAX_LIMIT);
                List<String> after = QueryParams.afterKey(query, 3); // channel, shop, SKU id
                // the listings are kept in memory: read all (the counts are of all), then the page in key order
                List<ChannelListing> list = new ArrayList<>(ch.listings(channel, blankToNull(query.get("shop")),
                        QueryParams.bool(query, "unmatched")));
                list.sort(ChannelListing.KEY_ORDER);
                ChannelListing from = after == null ? null
                        : new ChannelListing(after.get(0), after.get(1), null, after.get(2), null, null, null, null, null, null);
                List<ChannelListing> fetched = list.stream().filter(l -> from == null || ChannelListing.KEY_ORDER.compare(l, from) > 0)
                        .limit(limit + 1L).toList();
                KeysetPage<ChannelListing> page = KeysetPage.of(fetched, limit,
                        l -> QueryParams.cursor(l.channel(), l.shop(), l.skuId()));
                ObjectNode n = json.object();
                n.put("total", list.size());
                n.put("unmatched", list.stream().filter(l -> !l.matched()).count());
                return replies.ok(page.write(n, json::tree));
            }
            if (path.equals(BASE + "/carriers")) {
                boolean missing = QueryParams.bool(query, "missing");
                ObjectNode n = json.object();
                n.set("items", json.tree(ch.carrierCodes(channel).stream().filter(c -> !missing || !c.mapped()).toList()));
                return replies.ok(n);
            }
            return replies.error(404, "no such resource " + path + "; listings are at " + BASE + " and carrier codes at "
                    + BASE + "/carriers");
        } catch (StoreUnavailableException e) {
            return replies.unavailable("the database is not available; retry later");
        } catch (ChannelException | IllegalArgumentException e) {
            return replies.error(400, e.getMessage());
        } catch (RuntimeException e) {
            return replies.internalError(logger, method, path, e, "internal error");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

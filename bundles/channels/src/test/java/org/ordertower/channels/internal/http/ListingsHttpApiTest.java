package org.ordertower.channels.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ordertower.api.Caller;
import org.ordertower.api.channel.ChannelListing;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.OrderJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The listings' REST interface: the listings the runtime keeps in memory, paged by their key. */
class ListingsHttpApiTest {
    private static final Caller VIEWER = new Caller("viewer", Set.of("viewer"));
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ChannelListing listing(String channel, String shop, String skuId, boolean matched) {
        return new ChannelListing(channel, shop, "item-" + skuId, skuId, matched ? "M-" + skuId : null, "title " + skuId, 3,
                matched ? "M-" + skuId : null, matched ? null : "no outer code", Instant.parse("2026-11-11T00:00:00Z"));
    }

    /** In no particular order, as the shops' maps give them; shop names and SKU ids with characters a query escapes. */
    private static final List<ChannelListing> LISTINGS = List.of(listing("taobao", "tea shop", "9", true),
            listing("jd", "s&1", "b/2", false), listing("taobao", "tea shop", "10", false), listing("jd", "s&1", "a 1", true),
            listing("douyin", "店铺", "杯子", true), listing("taobao", "other", "1", false), listing("jd", "s", "z", true));

    private final ListingsHttpApi api = new ListingsHttpApi(() -> Optional.of(service()), new OrderJson());

    /** A channel service that keeps {@link #LISTINGS}, filtered as the runtime filters them. */
    private static ChannelService service() {
        return (ChannelService) Proxy.newProxyInstance(ChannelService.class.getClassLoader(),
                new Class<?>[] { ChannelService.class }, (proxy, method, args) -> {
                    if (method.getName().equals("listings") && args.length == 3) {
                        return LISTINGS.stream().filter(l -> args[0] == null || l.channel().equals(args[0]))
                                .filter(l -> args[1] == null || l.shop().equals(args[1]))
                                .filter(l -> !(Boolean) args[2] || !l.matched()).toList();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private JsonNode answer(Map<String, String> query, int status) throws Exception {
        HttpReply r = api.handle(VIEWER, "GET", "/api/v1/listings", query, null, null);
        assertEquals(status, r.status(), r.body());
        return MAPPER.readTree(r.body());
    }

    private static String key(JsonNode l) {
        return l.get("channel").asText() + "|" + l.get("shop").asText() + "|" + l.get("skuId").asText();
    }

    private List<String> walk(Map<String, String> filter, int limit) throws Exception {
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, String> q = new HashMap<>(filter);
            q.put("limit", String.valueOf(limit));
            if (after != null) {
                q.put("after", after);
            }
            JsonNode page = answer(q, 200);
            assertTrue(page.get("items").size() <= limit, page.toString());
            page.get("items").forEach(l -> seen.add(key(l)));
            after = page.get("next").isNull() ? null : page.get("next").asText();
            if (after != null) {
                assertEquals(limit, page.get("items").size(), "only the last page is short");
                assertTrue(after.matches("[A-Za-z0-9_-]+"), "a cursor safe in a query as it is: " + after);
            }
            long total = LISTINGS.stream().filter(l -> !filter.containsKey("channel") || l.channel().equals(filter.get("channel")))
                    .filter(l -> !filter.containsKey("unmatched") || !l.matched()).count();
            assertEquals(total, page.get("total").asLong(), "the counts are of every page");
        } while (after != null && ++pages < 50);
        return seen;
    }

    @Test
    void listingsPageByChannelShopAndSkuIdEveryOneOnceAndBadPagingIsA400() throws Exception {
        List<String> all = List.of("douyin|店铺|杯子", "jd|s|z", "jd|s&1|a 1", "jd|s&1|b/2", "taobao|other|1",
                "taobao|tea shop|10", "taobao|tea shop|9");
        assertEquals(all, walk(Map.of(), 2));
        assertEquals(all, walk(Map.of(), 1));
        assertEquals(all, walk(Map.of(), 7), "exactly one full page: next null");
        assertEquals(all, walk(Map.of(), 500));
        assertEquals(List.of("jd|s&1|b/2", "taobao|other|1", "taobao|tea shop|10"), walk(Map.of("unmatched", "true"), 2));
        assertEquals(List.of("jd|s|z", "jd|s&1|a 1", "jd|s&1|b/2"), walk(Map.of("channel", "jd"), 2));

        JsonNode whole = answer(Map.of(), 200);
        assertEquals(7, whole.get("items").size(), "up to 500 by default, as the console reads them");
        assertTrue(whole.get("next").isNull());
        assertEquals(7, whole.get("total").asInt());
        assertEquals(3, whole.get("unmatched").asInt());
        JsonNode first = answer(Map.of("limit", "3"), 200);
        JsonNode rest = answer(Map.of("after", first.get("next").asText()), 200);
        assertEquals("jd|s&1|b/2", key(rest.get("items").get(0)));
        assertEquals(4, rest.get("items").size());

        assertTrue(answer(Map.of("limit", "0"), 400).get("error").asText().contains("limit must be 1..500, was 0"));
        assertTrue(answer(Map.of("limit", "501"), 400).get("error").asText().contains("limit must be 1..500, was 501"));
        assertTrue(answer(Map.of("after", "jd|s|z"), 400).get("error").asText().contains("after must be the next cursor"));
        assertTrue(answer(Map.of("after", "YQ"), 400).get("error").asText().contains("after must be the next cursor"),
                "a cursor of one part, not three");
    }
}

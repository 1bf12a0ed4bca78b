package org.ordertower.channel.taobao.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.Listing;
import org.ordertower.api.channel.ListingPage;
import org.ordertower.channel.taobao.internal.api.TaobaoClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The shop's listings in two TOP calls per page:
 * <ol>
 * <li>{@code taobao.items.onsale.get} (获取当前会话用户出售中的商品列表): {@code fields=num_iid,title,outer_id,num},
 * {@code page_no} from 1, {@code page_size} 1..200, {@code order_by=list_time:asc} so that an item listed while the
 * download runs lands on a page still to come rather than shifting the pages; answers {@code items.item[]} and
 * {@code total_results}. TOP refuses a page whose {@code page_no * page_size} exceeds 20,000, and this call returns
 * no SKUs ("只能获得商品的部分信息");</li>
 * <li>{@code taobao.items.seller.list.get} (批量获取商品详细信息) for the page's items, at most 20 {@code num_iids} a call,
 * {@code fields=num_iid,title,outer_id,num,sku} ("返回所有sku信息的字段名称是sku而不是skus"), answering
 * {@code items.item[].skus.sku[{sku_id, outer_id, properties_name, quantity}]}; an id TOP no longer has is left out of
 * the answer without an error, and so out of the page.</li>
 * </ol>
 * One listing per SKU; an item without SKUs is one listing whose SKU id is the item id. The outer code is the SKU's
 * {@code outer_id}, else the item's. Parameter names and limits: the TOP API metadata as generated in
 * github.com/bububa/opentaobao {@code model/product/TaobaoItemsOnsaleGetAPIRequest.go},
 * {@code TaobaoItemsSellerListGetAPIRequest.go} and {@code Sku.go}.
 *
 * <p>Stateless: the page token {@code tbl1.<page_no>.<page_size>} names the next page.
 */
final class TaobaoListings {
    static final String ONSALE_FIELDS = "num_iid,title,outer_id,num";
    static final String DETAIL_FIELDS = "num_iid,title,outer_id,num,sku";
    static final String ORDER_BY = "list_time:asc";
    private static final String PREFIX = "tbl1.";

    private final Logger logger = LoggerFactory.getLogger(TaobaoListings.class);
    private final TaobaoClient client;
    private final int pageSize;

    /** @param pageSize items per onsale.get page, 1..200 */
    TaobaoListings(TaobaoClient client, int pageSize) {
        if (pageSize < 1 || pageSize > TaobaoConstants.LISTING_MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("a Taobao listing page holds 1.." + TaobaoConstants.LISTING_MAX_PAGE_SIZE
                    + " items, was " + pageSize);
        }
        this.client = client;
        this.pageSize = pageSize;
    }

    /** Where a download stands: the page to read next and the page size it started with. */
    record Token(int pageNo, int pageSize) {
        String text() {
            return PREFIX + pageNo + "." + pageSize;
        }

        static Token parse(String text) {
            String[] parts = text.startsWith(PREFIX) ? text.substring(PREFIX.length()).split("\\.", -1) : new String[0];
            if (parts.length == 2 && parts[0].matches("\\d{1,6}") && parts[1].matches("\\d{1,3}")) {
                Token t = new Token(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                if (t.pageNo >= 1 && t.pageSize >= 1 && t.pageSize <= TaobaoConstants.LISTING_MAX_PAGE_SIZE
                        && (long) t.pageNo * t.pageSize <= TaobaoConstants.ONSALE_MAX_ROWS) {
                    return t;
                }
            }
            throw new ChannelException(Kind.PERMANENT, "'" + text + "' is not a Taobao listing page token");
        }
    }

    ListingPage page(String page) {
        Token t = page == null ? new Token(1, pageSize) : Token.parse(page);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("fields", ONSALE_FIELDS);
        p.put("page_no", String.valueOf(t.pageNo()));
        p.put("page_size", String.valueOf(t.pageSize()));
        p.put("order_by", ORDER_BY);
        JsonNode answer = client.call(TaobaoConstants.ITEMS_ONSALE, p);
        int total = answer.path("total_results").asInt(0);
        if (total > TaobaoConstants.ONSALE_MAX_ROWS) {
            throw new ChannelException(Kind.PERMANENT, "shop " + client.settings().shop() + " has " + total
                    + " items on sale; " + TaobaoConstants.ITEMS_ONSALE + " pages through the first "
                    + TaobaoConstants.ONSALE_MAX_ROWS + " only");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode item : answer.path("items").path("item")) {
            String id = item.path("num_iid").asText("");
            if (!id.isBlank()) {
                ids.add(id);
            }
        }
        Map<String, JsonNode> details = details(ids);
        List<Listing> listings = new ArrayList<>();
        for (String id : ids) {
            JsonNode item = details.get(id);
            if (item == null) {
                logger.debug("item {} of shop {} left the shop between the two calls; not listed", id, client.settings().shop());
                continue;
            }
            listings.addAll(listings(item));
        }
        boolean more = (long) t.pageNo() * t.pageSize() < total && !ids.isEmpty();
        if (more && (long) (t.pageNo() + 1) * t.pageSize() > TaobaoConstants.ONSALE_MAX_ROWS) {
            // only with a page size that does not divide 20,000: TOP would refuse the next page
            throw new ChannelException(Kind.PERMANENT, "the next listing page of shop " + client.settings().shop()
                    + " would pass TOP's " + TaobaoConstants.ONSALE_MAX_ROWS + " rows (page_no * page_size)");
        }
        return new ListingPage(listings, more ? new Token(t.pageNo() + 1, t.pageSize()).text() : null);
    }

    /** items.seller.list.get for {@code ids}, 20 at a time, by num_iid. */
    private Map<String, JsonNode> details(List<String> ids) {
        Map<String, JsonNode> out = new HashMap<>();
        for (int i = 0; i < ids.size(); i += TaobaoConstants.SELLER_LIST_MAX_IIDS) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("fields", DETAIL_FIELDS);
            p.put("num_iids", String.join(",", ids.subList(i, Math.min(ids.size(), i + TaobaoConstants.SELLER_LIST_MAX_IIDS))));
            for (JsonNode item : client.call(TaobaoConstants.ITEMS_SELLER_LIST, p).path("items").path("item")) {
                out.put(item.path("num_iid").asText(""), item);
            }
        }
        return out;
    }

    /** Pure: one TOP {@code Item} (with {@code skus}) as listings, one per SKU, or one for an item without SKUs. */
    static List<Listing> listings(JsonNode item) {
        String itemId = item.path("num_iid").asText("");
        if (itemId.isBlank()) {
            throw new ChannelException(Kind.PERMANENT, "a TOP item without num_iid");
        }
        String title = item.path("title").asText("");
        String itemOuter = text(item.path("outer_id"));
        JsonNode skus = item.path("skus").path("sku");
        List<Listing> out = new ArrayList<>();
        if (!skus.isArray() || skus.isEmpty()) {
            out.add(new Listing(itemId, itemId, itemOuter, title, quantity(item.path("num"))));
            return out;
        }
        for (JsonNode sku : skus) {
            String skuId = sku.path("sku_id").asText("");
            if (skuId.isBlank()) {
                throw new ChannelException(Kind.PERMANENT, "TOP item " + itemId + " has a SKU without sku_id");
            }
            String outer = text(sku.path("outer_id"));
            String props = properties(sku.path("properties_name").asText(""));
            out.add(new Listing(itemId, skuId, outer != null ? outer : itemOuter, props.isEmpty() ? title : title + " " + props,
                    quantity(sku.path("quantity"))));
        }
        return out;
    }

    /** {@code pid:vid:颜色分类:白色;pid:vid:尺码:S} as {@code 颜色分类:白色;尺码:S}. */
    static String properties(String propertiesName) {
        List<String> parts = new ArrayList<>();
        for (String p : propertiesName.split(";")) {
            String[] f = p.split(":", 4);
            if (f.length == 4) {
                parts.add(f[2] + ":" + f[3]);
            } else if (!p.isBlank()) {
                parts.add(p.strip());
            }
        }
        return String.join(";", parts);
    }

    private static String text(JsonNode n) {
        String s = n.isMissingNode() || n.isNull() ? "" : n.asText("").strip();
        return s.isEmpty() ? null : s;
    }

    private static Integer quantity(JsonNode n) {
        return n.isNumber() || n.isTextual() && n.asText().matches("-?\\d{1,9}") ? Integer.valueOf(n.asInt()) : null;
    }
}

package org.ordertower.sim.taobao;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ordertower.sim.kit.FakeData;
import org.ordertower.sim.kit.SimOrderBook;
import org.ordertower.sim.kit.SimServer;
import org.ordertower.sim.kit.SimTopError;
import org.ordertower.sim.kit.SimTopGateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The shop's items as TOP's item API shows them, built from the order book's listings (the same item ids, SKU ids
 * and outer codes the simulated trades carry: an item per distinct item id, a SKU per listing; the item's
 * {@code outer_id} is what the trades send as {@code outer_iid}). Serves {@code taobao.items.onsale.get},
 * {@code taobao.items.seller.list.get} and {@code taobao.item.quantity.update} with the limits their TOP API metadata
 * states (see the module README). Every SKU starts with 100 units. Thread-safe.
 */
final class SimCatalog {
    /** items.onsale.get's fields ("不支持其他字段，如果需要获取其他字段数据，调用taobao.item.seller.get 获取"). */
    static final Set<String> ONSALE_FIELDS = Set.of("approve_status", "num_iid", "title", "nick", "type", "cid", "pic_url",
            "num", "props", "valid_thru", "list_time", "price", "has_discount", "has_invoice", "has_warranty", "has_showcase",
            "modified", "delist_time", "postage_id", "seller_cids", "outer_id", "sold_quantity");
    private static final Set<String> ORDER_COLUMNS = Set.of("list_time", "delist_time", "num", "modified", "sold_quantity");
    private static final Instant LISTED = Instant.parse("2024-03-01T02:00:00Z");
    private static final int INITIAL_QUANTITY = 100;

    /** One SKU of an item. */
    private record Sku(String skuId, String outerId, String variant, BigDecimal price) {
    }

    /** One item on sale, its position giving its list time. */
    private record Item(String numIid, String title, String outerId, List<Sku> skus, Instant listTime) {
    }

    private final Map<String, Item> items = new LinkedHashMap<>();
    private final Map<String, Integer> quantities = new HashMap<>();
    private final Map<String, Instant> modified = new HashMap<>();
    private final Map<String, Integer> set = new LinkedHashMap<>();
    private final Clock clock;
    private final SimOrderBook book;
    private final SimServer server;
    private final String shop;

    SimCatalog(SimOrderBook book, SimServer server, Clock clock, String shop) {
        this.book = book;
        this.server = server;
        this.clock = clock;
        this.shop = shop;
        Map<String, List<FakeData.Listing>> byItem = new LinkedHashMap<>();
        for (FakeData.Listing l : book.listings()) {
            byItem.computeIfAbsent(l.itemId(), k -> new ArrayList<>()).add(l);
        }
        int n = 0;
        for (Map.Entry<String, List<FakeData.Listing>> e : byItem.entrySet()) {
            List<FakeData.Listing> ls = e.getValue();
            String first = ls.get(0).title();
            boolean several = ls.size() > 1;
            String title = several ? first.split(" ")[0] : first;
            List<Sku> skus = new ArrayList<>();
            for (FakeData.Listing l : ls) {
                String variant = several && l.title().startsWith(title + " ") ? l.title().substring(title.length() + 1) : "标准";
                skus.add(new Sku(l.skuId(), l.outerId(), variant, l.price()));
                quantities.put(l.skuId(), INITIAL_QUANTITY);
            }
            Instant listed = LISTED.plusSeconds(86_400L * n++);
            // the trades' outer_iid: the outer code up to its first '-' (SimRenderer)
            items.put(e.getKey(), new Item(e.getKey(), title, ls.get(0).outerId().split("-")[0], List.copyOf(skus), listed));
            modified.put(e.getKey(), listed);
        }
    }

    /**
     * items.onsale.get: fields from {@link #ONSALE_FIELDS} only; page_no from 1, page_size 1..200 (40 when left out),
     * page_no * page_size at most 20,000; order_by {@code column:asc|desc} (list_time when left out, newest first); q
     * filters titles. Answers total_results and items.item (left out when the page is empty).
     */
    synchronized ObjectNode onsale(Map<String, String> p) throws SimTopError {
        Set<String> fields = fields(p, ONSALE_FIELDS);
        int pageNo = SimApis.integer(p, "page_no", 1, 1, Integer.MAX_VALUE);
        int pageSize = SimApis.integer(p, "page_size", 40, 1, 200);
        if ((long) pageNo * pageSize > 20_000) {
            throw SimTopError.invalid("page_no", "翻页获取的条数（page_no*page_size）超过2万,为了保护后台搜索引擎，接口将报错");
        }
        List<Item> all = new ArrayList<>(items.values());
        String q = p.get("q");
        if (q != null && !q.isBlank()) {
            all.removeIf(i -> !i.title().contains(q.strip()));
        }
        all.sort(order(p.getOrDefault("order_by", "list_time:desc")));
        int from = (int) Math.min((long) (pageNo - 1) * pageSize, all.size());
        int to = Math.min(from + pageSize, all.size());
        ObjectNode r = SimRenderer.JSON.createObjectNode();
        r.put("total_results", all.size());
        if (to > from) {
            ArrayNode list = r.putObject("items").putArray("item");
            for (Item i : all.subList(from, to)) {
                list.add(render(i, fields));
            }
        }
        server.count("listing.pages", 1);
        return r;
    }

    /**
     * items.seller.list.get: fields required ({@code sku} for the SKUs, answered as {@code skus.sku}); num_iids required,
     * numeric, at most 20; an id the shop does not have is left out without an error, as TOP does.
     */
    synchronized ObjectNode sellerList(Map<String, String> p) throws SimTopError {
        Set<String> fields = fields(p, null);
        String[] ids = SimTopGateway.required(p, "num_iids").split(",");
        if (ids.length > 20) {
            throw SimTopError.invalid("num_iids", "商品ID列表，一次最多不超过20个");
        }
        ObjectNode r = SimRenderer.JSON.createObjectNode();
        ArrayNode list = SimRenderer.JSON.createArrayNode();
        for (String raw : ids) {
            String id = raw.strip();
            if (!id.matches("\\d{1,19}")) {
                throw SimTopError.invalid("num_iids", "'" + raw + "' is not an item id");
            }
            Item i = items.get(id);
            if (i != null) {
                list.add(render(i, fields));
            }
        }
        if (!list.isEmpty()) {
            r.putObject("items").set("item", list);
        }
        server.count("listing.details", 1);
        return r;
    }

    /**
     * item.quantity.update (宝贝/SKU库存修改): num_iid of an item of the shop; sku_id (wins when both are given) or outer_id
     * naming one of its SKUs; an item with SKUs takes no item-level quantity; quantity, type 1 (full) or 2 (delta).
     */
    synchronized ObjectNode quantity(Map<String, String> p) throws SimTopError {
        String numIid = SimTopGateway.required(p, "num_iid");
        if (!numIid.matches("\\d{1,19}")) {
            throw SimTopError.invalid("num_iid", "num_iid must be a number");
        }
        SimTopGateway.required(p, "quantity");
        int type = SimApis.integer(p, "type", 1, 1, 2);
        int qty = SimApis.integer(p, "quantity", 0, type == 2 ? -1_000_000 : 0, 1_000_000);
        Item item = items.get(numIid);
        if (item == null) {
            throw new SimTopError(15, "Remote service error", "isv.item-not-exist", "商品不存在: " + numIid);
        }
        String skuId = p.get("sku_id");
        String outerId = p.get("outer_id");
        Optional<Sku> sku;
        if (skuId != null && !skuId.isBlank()) {
            sku = item.skus().stream().filter(s -> s.skuId().equals(skuId.strip())).findFirst();
        } else if (outerId != null && !outerId.isBlank()) {
            sku = item.skus().stream().filter(s -> s.outerId().equals(outerId.strip())).findFirst();
        } else {
            throw new SimTopError(15, "Remote service error", "isv.item-sku-required", "该商品有SKU，请指定sku_id或outer_id修改SKU库存");
        }
        if (sku.isEmpty()) {
            throw new SimTopError(15, "Remote service error", "isv.item-not-exist", "商品或SKU不存在");
        }
        String id = sku.get().skuId();
        int now = type == 2 ? quantities.get(id) + qty : qty;
        if (now < 0) {
            throw SimTopError.invalid("quantity", "库存不能小于0");
        }
        Instant at = clock.instant();
        quantities.put(id, now);
        modified.put(numIid, at);
        set.put(numIid + "/" + id, now);
        book.setStock(id, now);
        server.count("stock.recorded", 1);
        ObjectNode r = SimRenderer.JSON.createObjectNode();
        ObjectNode out = r.putObject("item").put("num_iid", Long.parseLong(numIid)).put("num", total(item))
                .put("modified", SimRenderer.time(at));
        out.putObject("skus").putArray("sku").addObject().put("sku_id", Long.parseLong(id)).put("quantity", now)
                .put("modified", SimRenderer.time(at));
        return r;
    }

    /** The quantity last set for one SKU by item.quantity.update, if any. */
    synchronized Optional<Integer> quantitySet(String numIid, String skuId) {
        return Optional.ofNullable(set.get(numIid + "/" + skuId));
    }

    /** Whether the shop has this item. */
    synchronized boolean has(String numIid) {
        return items.containsKey(numIid);
    }

    /** The content of a TMC item message ({@code taobao_item_*}): num_iid, nick, title, num, status. */
    synchronized ObjectNode messageContent(String numIid) {
        Item i = items.get(numIid);
        ObjectNode c = SimRenderer.JSON.createObjectNode();
        c.put("num_iid", Long.parseLong(numIid)).put("nick", shop).put("title", i.title()).put("num", total(i))
                .put("status", "onsale").put("changed_fields", "num");
        return c;
    }

    private ObjectNode render(Item i, Set<String> fields) {
        ObjectNode n = SimRenderer.JSON.createObjectNode();
        n.put("num_iid", Long.parseLong(i.numIid()));
        n.put("title", i.title());
        n.put("nick", shop);
        n.put("type", "fixed");
        n.put("approve_status", "onsale");
        n.put("outer_id", i.outerId());
        n.put("num", total(i));
        n.put("price", SimRenderer.yuan(i.skus().stream().map(Sku::price).min(Comparator.naturalOrder()).orElse(BigDecimal.ZERO)));
        n.put("list_time", SimRenderer.time(i.listTime()));
        n.put("delist_time", SimRenderer.time(i.listTime().plusSeconds(7 * 86_400L)));
        n.put("modified", SimRenderer.time(modified.get(i.numIid())));
        n.put("sold_quantity", 0);
        if (fields.contains("sku")) {
            ArrayNode skus = n.putObject("skus").putArray("sku");
            int v = 0;
            for (Sku s : i.skus()) {
                long vid = 3_232_480L + v++;
                skus.addObject().put("sku_id", Long.parseLong(s.skuId())).put("num_iid", Long.parseLong(i.numIid()))
                        .put("properties", "1627207:" + vid).put("properties_name", "1627207:" + vid + ":颜色分类:" + s.variant())
                        .put("quantity", quantities.get(s.skuId())).put("price", SimRenderer.yuan(s.price()))
                        .put("outer_id", s.outerId()).put("created", SimRenderer.time(i.listTime()))
                        .put("modified", SimRenderer.time(modified.get(i.numIid())));
            }
        }
        Set<String> keep = new LinkedHashSet<>(fields);
        if (keep.remove("sku")) {
            keep.add("skus");
        }
        n.retain(keep);
        return n;
    }

    private int total(Item i) {
        return i.skus().stream().mapToInt(s -> quantities.get(s.skuId())).sum();
    }

    private Comparator<Item> order(String orderBy) throws SimTopError {
        String[] f = orderBy.split(":", -1);
        if (f.length != 2 || !ORDER_COLUMNS.contains(f[0]) || !Set.of("asc", "desc").contains(f[1])) {
            throw SimTopError.invalid("order_by", "排序方式。格式为column:asc/desc，column可选值:list_time,delist_time,num,modified,sold_quantity");
        }
        Comparator<Item> c = switch (f[0]) {
            case "num" -> Comparator.comparingInt(this::total);
            case "modified" -> Comparator.comparing(i -> modified.get(i.numIid()));
            default -> Comparator.comparing(Item::listTime); // delist_time and sold_quantity follow list time here
        };
        c = c.thenComparing(Item::numIid);
        return "desc".equals(f[1]) ? c.reversed() : c;
    }

    /** The fields parameter, required; {@code allowed} null takes any field. */
    private static Set<String> fields(Map<String, String> p, Set<String> allowed) throws SimTopError {
        Set<String> fields = new LinkedHashSet<>(Arrays.asList(SimTopGateway.required(p, "fields").split("\\s*,\\s*")));
        fields.remove("");
        if (allowed != null) {
            for (String f : fields) {
                if (!allowed.contains(f)) {
                    throw SimTopError.invalid("fields", "不支持的字段 " + f + "，如果需要获取其他字段数据，调用taobao.item.seller.get 获取");
                }
            }
        }
        return fields;
    }
}

package org.ordertower.sim.douyin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.ordertower.sim.kit.FakeData;
import org.ordertower.sim.kit.SimOrderBook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The simulated shop's catalog side: order.logisticsCompanyList (a fixed company list), product.listV2 and
 * sku.list over the book's listings (the same product and SKU ids and outer codes its orders carry), and
 * sku.syncStock, which takes only SKUs (and products) of those listings. Shapes and paging after sdk_golang
 * api/order_logisticsCompanyList, api/product_listV2, api/sku_list and api/sku_syncStock. Thread-safe.
 */
final class DouyinSimCatalog {
    /** One logistics company as order.logisticsCompanyList returns it. */
    record Company(long id, String code, String name) {
    }

    /**
     * The company list. The codes are the platform's company codes in the kuaidi100-style set its list uses
     * ({@code zhongtong}, {@code shunfeng}...; order.logisticsAdd takes them as {@code company_code}); the names are
     * as commonly listed. The numeric ids are the simulator's own: the platform's ids were not found in public
     * material, and order.logisticsAdd no longer takes them ({@code logistics_id} 已废弃).
     */
    static final List<Company> COMPANIES = List.of(new Company(1, "shunfeng", "顺丰速运"), new Company(2, "zhongtong", "中通快递"),
            new Company(3, "yuantong", "圆通速递"), new Company(4, "shentong", "申通快递"), new Company(5, "yunda", "韵达快递"),
            new Company(6, "ems", "EMS"), new Company(7, "jd", "京东物流"), new Company(8, "jtexpress", "极兔速递"),
            new Company(9, "debangkuaidi", "德邦快递"), new Company(10, "youzhengguonei", "邮政快递包裹"),
            new Company(11, "huitongkuaidi", "百世快递"), new Company(12, "zhongtongkuaiyun", "中通快运"),
            new Company(13, "shunfengkuaiyun", "顺丰快运"), new Company(14, "danniao", "丹鸟"));

    /** The stock a SKU shows before any sku.syncStock. */
    static final int INITIAL_STOCK = 100;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<Long> PRODUCT_STATUSES = Set.of(0L, 1L, 2L);

    private final SimOrderBook book;
    private final Instant created;
    /** product id -> its SKUs, in the book's order. */
    private final Map<String, List<FakeData.Listing>> products = new LinkedHashMap<>();
    /** SKU id -> quantity set by sku.syncStock. */
    private final Map<String, Integer> quantities = new ConcurrentHashMap<>();

    DouyinSimCatalog(SimOrderBook book, Instant created) {
        this.book = book;
        this.created = created;
        for (FakeData.Listing l : book.listings()) {
            products.computeIfAbsent(l.itemId(), k -> new ArrayList<>()).add(l);
        }
    }

    /** The company with this code, or null. */
    static Company company(String code) {
        return COMPANIES.stream().filter(c -> c.code().equals(code)).findFirst().orElse(null);
    }

    /** The quantity last set for a SKU of a product, or null when none was set (or the SKU is not the product's). */
    Integer quantityOf(String productId, String skuId) {
        List<FakeData.Listing> skus = products.get(productId);
        boolean ours = skus != null && skus.stream().anyMatch(l -> l.skuId().equals(skuId));
        return ours ? quantities.get(skuId) : null;
    }

    /** True when the product exists. */
    boolean hasProduct(String productId) {
        return products.containsKey(productId);
    }

    JsonNode logisticsCompanyList() {
        ArrayNode out = MAPPER.createArrayNode();
        COMPANIES.forEach(c -> out.addObject().put("id", c.id()).put("name", c.name()).put("code", c.code()));
        return out;
    }

    /** product.listV2: page from 1, size 1..100, page × size at most 10,000; status filters (all are online, 0). */
    JsonNode productList(JsonNode p) {
        long page = p.has("page") ? DouyinSimMethods.integer(p, "page") : 1;
        long size = p.has("size") ? DouyinSimMethods.integer(p, "size") : 10;
        if (page < 1) {
            throw DouyinSimError.invalid("isv.parameter-invalid", "page从1开始");
        }
        if (size < 1 || size > 100) {
            throw DouyinSimError.invalid("isv.parameter-invalid", "size填写范围1~100");
        }
        if (page * size > 10_000) {
            throw DouyinSimError.invalid("isv.parameter-invalid", "page*size最大不能超过1万条");
        }
        List<String> ids = new ArrayList<>(products.keySet());
        if (p.has("status")) {
            long status = DouyinSimMethods.integer(p, "status");
            if (!PRODUCT_STATUSES.contains(status)) {
                throw DouyinSimError.invalid("isv.parameter-invalid", "status取值为0、1、2");
            }
            if (status != 0) {
                ids.clear();
            }
        }
        JsonNode only = p.get("product_id");
        if (only != null && !only.isNull()) {
            if (!only.isArray() || only.size() > 100) {
                throw DouyinSimError.invalid("isv.parameter-invalid", "product_id最多100个");
            }
            List<String> wanted = new ArrayList<>();
            only.forEach(n -> wanted.add(n.asText()));
            ids.retainAll(wanted);
        }
        ObjectNode d = MAPPER.createObjectNode();
        ArrayNode list = d.putArray("data");
        for (long i = (page - 1) * size; i < Math.min(ids.size(), page * size); i++) {
            list.add(product(ids.get((int) i)));
        }
        d.put("total", ids.size()).put("page", page).put("size", size);
        return d;
    }

    /** sku.list by product_id (out_product_id: no product here has one). */
    JsonNode skuList(JsonNode p) {
        if (!p.hasNonNull("product_id") && !p.hasNonNull("out_product_id")) {
            throw DouyinSimError.missing("isv.parameter-missing", "product_id和out_product_id不能同时为空");
        }
        String id = p.hasNonNull("product_id") ? String.valueOf(DouyinSimMethods.integer(p, "product_id")) : null;
        List<FakeData.Listing> skus = id == null ? null : products.get(id);
        if (skus == null) {
            throw DouyinSimError.badBusinessParam("商品不存在");
        }
        ArrayNode out = MAPPER.createArrayNode();
        for (FakeData.Listing l : skus) {
            String spec = spec(l, skus);
            ObjectNode s = out.addObject();
            s.put("id", Long.parseLong(l.skuId())).put("product_id", Long.parseLong(l.itemId())).put("product_id_str", l.itemId())
                    .put("out_sku_id", 0).put("code", l.outerId()).put("sku_type", 0)
                    .put("stock_num", quantities.getOrDefault(l.skuId(), INITIAL_STOCK)).put("prehold_stock_num", 0)
                    .put("prom_stock_num", 0).put("price", DouyinSimRenderer.fen(l.price()))
                    .put("spec_id", Long.parseLong(l.itemId()) + 7_000).put("spec_detail_name1", spec)
                    .put("spec_detail_name2", "").put("spec_detail_name3", "").put("create_time", created.getEpochSecond());
            ArrayNode props = s.putArray("sell_properties");
            if (!spec.isEmpty()) {
                props.addObject().put("value_spec_detail_id", Long.parseLong(l.skuId()) + 9_000).put("value_name", spec);
            }
        }
        return out;
    }

    /**
     * sku.syncStock: the SKU by {@code sku_id} (and, when given, its {@code product_id}) or by {@code code}; absolute
     * or incremental ({@code idempotent_id} required then). Records the quantity by SKU id, and in the book by the
     * key the caller used (SKU id or code).
     */
    JsonNode syncStock(JsonNode p) {
        if (!p.has("sku_id") && !p.has("code")) {
            throw DouyinSimError.missing("isv.parameter-missing", "sku_id和code不能同时为空");
        }
        FakeData.Listing sku = null;
        for (FakeData.Listing l : book.listings()) {
            if (p.has("sku_id") ? String.valueOf(DouyinSimMethods.integer(p, "sku_id")).equals(l.skuId())
                    : DouyinSimMethods.text(p, "code").equals(l.outerId())) {
                sku = l;
            }
        }
        if (sku == null) {
            throw DouyinSimError.business("sku不存在");
        }
        if (p.hasNonNull("product_id") && !String.valueOf(DouyinSimMethods.integer(p, "product_id")).equals(sku.itemId())) {
            throw DouyinSimError.business("sku不属于该商品");
        }
        long stock = DouyinSimMethods.integer(p, "stock_num");
        if (stock < 0) {
            throw DouyinSimError.invalid("isv.parameter-invalid", "stock_num不能小于0");
        }
        boolean incremental = p.path("incremental").asBoolean(false);
        if (incremental && p.path("idempotent_id").asText("").isEmpty()) {
            throw DouyinSimError.invalid("isv.parameter-invalid", "增量更新时idempotent_id必填");
        }
        String key = p.has("sku_id") ? sku.skuId() : sku.outerId();
        int now = incremental ? quantities.getOrDefault(sku.skuId(), INITIAL_STOCK) + (int) stock : (int) stock;
        quantities.put(sku.skuId(), now);
        book.setStock(key, now);
        return MAPPER.createObjectNode();
    }

    private ObjectNode product(String id) {
        List<FakeData.Listing> skus = products.get(id);
        ObjectNode n = MAPPER.createObjectNode();
        n.put("product_id", Long.parseLong(id)).put("name", name(skus)).put("status", 0).put("check_status", 3)
                .put("product_type", 0).put("outer_product_id", "").put("out_product_id", 0)
                .put("create_time", created.getEpochSecond()).put("update_time", created.getEpochSecond())
                .put("img", "https://p3-aio.ecombdimg.com/obj/sim/" + id + ".jpg").put("spec_id", Long.parseLong(id) + 7_000)
                .put("is_package_product", false).putArray("package_product_list").add(Long.parseLong(id));
        n.putObject("category_detail").put("first_cid", 20_000).put("first_cname", "日用百货");
        return n;
    }

    /** A product's name: its one SKU's title, or the first word the titles of its SKUs share. */
    private static String name(List<FakeData.Listing> skus) {
        String title = skus.get(0).title();
        return skus.size() == 1 ? title : title.split(" ", 2)[0];
    }

    /** A SKU's spec value: what its title adds to the product's name, empty for a product with one SKU. */
    private static String spec(FakeData.Listing sku, List<FakeData.Listing> skus) {
        if (skus.size() == 1) {
            return "";
        }
        String name = name(skus);
        return sku.title().startsWith(name) ? sku.title().substring(name.length()).strip() : sku.title();
    }
}

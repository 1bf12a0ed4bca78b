package org.ordertower.sim.pdd;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.ordertower.connector.kit.RateLimiter;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimOrderBook;
import org.ordertower.sim.kit.SimRequest;
import org.ordertower.sim.kit.SimResponse;
import org.ordertower.sim.kit.SimServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The router gateway ({@code POST /api/router}), strict as PDD is: form or JSON body, system parameters, a
 * signature checked with the simulator's own code, ±10-minute timestamps, the app's rate, tokens it issued, and
 * each API's required parameters and limits. Every refusal is PDD's {@code error_response} with HTTP 200. The ship
 * call takes only an available id of PDD's logistics company list ({@link PddSimLogistics}); the stock call only
 * goods and SKUs of the shop's goods list ({@link PddSimGoods}).
 */
final class PddSimGateway implements SimServer.Handler {
    static final int ERR_PARAM = 10000;
    static final int ERR_TOKEN = 10019;
    static final int ERR_SIGN = 20004;
    static final int ERR_TOO_FREQUENT = 70031;

    private final PddSimulator sim;
    private final SimOrderBook book;
    private final PddSimRenderer renderer;
    private final PddSimGoods goods;
    private final ObjectMapper json;
    private final Clock clock;
    private final RateLimiter rate;
    private final AtomicLong requestIds = new AtomicLong(17_000_000_000_000_000L);

    PddSimGateway(PddSimulator sim, SimOrderBook book, PddSimRenderer renderer, PddSimGoods goods, ObjectMapper json,
            Clock clock, double ratePerSecond) {
        this.sim = sim;
        this.book = book;
        this.renderer = renderer;
        this.goods = goods;
        this.json = json;
        this.clock = clock;
        this.rate = new RateLimiter(ratePerSecond, Math.max(1, ratePerSecond));
    }

    /** A refusal: PDD answers HTTP 200 with an error_response. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;
        final String msg;

        Refusal(int code, String msg) {
            super(msg, null, false, false);
            this.code = code;
            this.msg = msg;
        }
    }

    @Override
    public SimResponse handle(SimRequest request) throws Exception {
        try {
            if (!"POST".equals(request.method())) {
                throw new Refusal(ERR_PARAM, "参数错误:请使用POST");
            }
            Map<String, String> p = params(request);
            String type = require(p, "type");
            checkSystem(p);
            if (!rate.tryAcquire()) {
                sim.count("rateLimited");
                throw new Refusal(ERR_TOO_FREQUENT, "调用过于频繁，请稍后再试");
            }
            ObjectNode body = dispatch(type, p);
            body.put("request_id", String.valueOf(requestIds.incrementAndGet()));
            ObjectNode root = json.createObjectNode();
            root.set(responseKey(type), body);
            return SimResponse.json(json.writeValueAsString(root));
        } catch (Refusal r) {
            sim.count("errors");
            ObjectNode e = json.createObjectNode();
            ObjectNode err = e.putObject("error_response");
            err.put("error_msg", r.msg);
            err.put("sub_msg", r.msg);
            err.put("sub_code", String.valueOf(r.code));
            err.put("error_code", r.code);
            err.put("request_id", String.valueOf(requestIds.incrementAndGet()));
            return SimResponse.json(json.writeValueAsString(e));
        }
    }

    /** Form fields, or a JSON object's members as the text that is signed (arrays and objects as compact JSON). */
    private Map<String, String> params(SimRequest request) throws Refusal {
        Map<String, String> p = new TreeMap<>(request.params());
        String type = request.headers().getOrDefault("content-type", "");
        if (type.startsWith("application/json")) {
            JsonNode root;
            try {
                root = json.readTree(request.body());
            } catch (Exception e) {
                throw new Refusal(ERR_PARAM, "参数错误:请求体不是JSON");
            }
            if (root == null || !root.isObject()) {
                throw new Refusal(ERR_PARAM, "参数错误:请求体不是JSON对象");
            }
            Iterator<Map.Entry<String, JsonNode>> it = root.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = f.getValue();
                if (!v.isNull()) {
                    p.put(f.getKey(), v.isValueNode() ? v.asText() : v.toString());
                }
            }
        }
        return p;
    }

    private void checkSystem(Map<String, String> p) throws Refusal {
        String clientId = require(p, "client_id");
        String timestamp = require(p, "timestamp");
        String sign = require(p, "sign");
        if (!clientId.equals(sim.clientId())) {
            throw new Refusal(ERR_SIGN, "签名验证失败"); // the secret of an unknown client_id cannot match
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new Refusal(ERR_PARAM, "参数错误:timestamp");
        }
        if (Math.abs(clock.instant().getEpochSecond() - ts) > 600) {
            throw new Refusal(ERR_PARAM, "参数错误:timestamp与服务器时间相差超过10分钟");
        }
        String dataType = p.get("data_type");
        if (dataType != null && !"JSON".equals(dataType)) {
            throw new Refusal(ERR_PARAM, "参数错误:data_type");
        }
        if (!expectedSign(p).equals(sign)) {
            sim.count("badSignatures");
            throw new Refusal(ERR_SIGN, "签名验证失败");
        }
    }

    /** The simulator's own reading of 签名算法: secret + sorted name/value pairs + secret, MD5, upper-case hex. */
    private String expectedSign(Map<String, String> p) {
        StringBuilder sb = new StringBuilder(sim.clientSecret());
        new TreeMap<>(p).forEach((k, v) -> {
            if (!k.equals("sign")) {
                sb.append(k).append(v);
            }
        });
        sb.append(sim.clientSecret());
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return String.format("%032X", new BigInteger(1, d));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode dispatch(String type, Map<String, String> p) throws Refusal {
        switch (type) {
            case "pdd.time.get":
                return json.createObjectNode().put("time", PddSimRenderer.time(clock.instant()));
            case "pdd.pop.auth.token.refresh":
                return refresh(require(p, "refresh_token"));
            default:
                break;
        }
        if (!sim.tokenValid(p.get("access_token"))) {
            sim.count("tokensRefused");
            throw new Refusal(ERR_TOKEN, "access_token已过期");
        }
        switch (type) {
            case "pdd.order.number.list.increment.get":
                return increment(p);
            case "pdd.order.information.get":
                return json.createObjectNode().set("order_info", renderer.render(order(require(p, "order_sn"))));
            case "pdd.logistics.online.send":
                return ship(p);
            case "pdd.goods.quantity.update":
                return stock(p);
            case "pdd.logistics.companies.get":
                sim.count("logisticsReads");
                return (ObjectNode) json.createObjectNode().set("logistics_companies", PddSimLogistics.render(json));
            case "pdd.goods.list.get":
                return goodsList(p);
            default:
                throw new Refusal(ERR_PARAM, "参数错误:type " + type + " 不存在或无权限");
        }
    }

    private ObjectNode refresh(String refreshToken) throws Refusal {
        org.ordertower.sim.kit.SimTokenBook.Issued t = sim.refresh(refreshToken);
        if (t == null) {
            throw new Refusal(ERR_TOKEN, "refresh_token已过期或无效");
        }
        ObjectNode n = json.createObjectNode();
        n.put("access_token", t.accessToken());
        n.put("expires_at", t.expiresAt().getEpochSecond());
        n.put("expires_in", t.expiresAt().getEpochSecond() - clock.instant().getEpochSecond());
        n.put("refresh_token", t.refreshToken());
        n.put("refresh_token_expires_at", t.expiresAt().getEpochSecond() + 86400 * 30L);
        n.put("refresh_token_expires_in", t.expiresAt().getEpochSecond() + 86400 * 30L - clock.instant().getEpochSecond());
        n.put("owner_id", book.shopId());
        n.put("owner_name", book.shopId());
        n.putArray("scope");
        return n;
    }

    private ObjectNode increment(Map<String, String> p) throws Refusal {
        long start = number(p, "start_updated_at");
        long end = number(p, "end_updated_at");
        int orderStatus = (int) number(p, "order_status");
        int refundStatus = (int) number(p, "refund_status");
        // is_lucky_flag 0 all, 1 not lottery orders, 2 lottery orders; the SDKs always send it (simulated orders are
        // never lottery orders: is_lucky_flag 1 on the order)
        long lucky = number(p, "is_lucky_flag");
        long page = p.containsKey("page") ? number(p, "page") : 1;
        long size = p.containsKey("page_size") ? number(p, "page_size") : 100;
        if (end < start || end - start > 1800) {
            throw new Refusal(ERR_PARAM, "参数错误:开始时间结束时间间距不超过30分钟");
        }
        if (!List.of(1, 2, 3, 5).contains(orderStatus)) {
            throw new Refusal(ERR_PARAM, "参数错误:order_status");
        }
        if (refundStatus < 1 || refundStatus > 5) {
            throw new Refusal(ERR_PARAM, "参数错误:refund_status");
        }
        if (lucky < 0 || lucky > 2) {
            throw new Refusal(ERR_PARAM, "参数错误:is_lucky_flag");
        }
        if (page < 1 || size < 1 || size > 100) {
            throw new Refusal(ERR_PARAM, "参数错误:page/page_size");
        }
        sim.count("pulls");
        List<SimOrder> changed = book.changed(Instant.ofEpochSecond(start), Instant.ofEpochSecond(end + 1)).stream()
                .filter(o -> orderStatus == 5 || PddSimRenderer.orderStatus(o) == orderStatus)
                .filter(o -> refundStatus == 5 || PddSimRenderer.refundStatus(o) == refundStatus)
                .filter(o -> lucky != 2).toList();
        int from = (int) Math.min(changed.size(), (page - 1) * size);
        int to = (int) Math.min(changed.size(), from + size);
        ObjectNode n = json.createObjectNode();
        if ("true".equalsIgnoreCase(p.get("use_has_next"))) {
            n.put("has_next", to < changed.size());
        } else {
            n.put("total_count", changed.size());
        }
        ArrayNode list = n.putArray("order_sn_list");
        for (SimOrder o : changed.subList(from, to)) {
            list.add(renderer.render(o));
        }
        return n;
    }

    private ObjectNode ship(Map<String, String> p) throws Refusal {
        SimOrder o = order(require(p, "order_sn"));
        String logisticsId = require(p, "logistics_id");
        String tracking = require(p, "tracking_number");
        if (!logisticsId.matches("\\d{1,18}")) {
            sim.count("badLogisticsId");
            throw new Refusal(ERR_PARAM, "参数错误:logistics_id");
        }
        PddSimLogistics.Company company = PddSimLogistics.shippable(logisticsId);
        if (company == null) {
            // an id PDD does not have, or one marked available 0 (发货时必须入参支持的快递公司id，否则会报错)
            sim.count("badLogisticsId");
            throw new Refusal(ERR_PARAM, "参数错误:logistics_id 快递公司不存在或不可用");
        }
        switch (book.ship(o.orderId, List.of(), String.valueOf(company.id()), tracking)) {
            case SHIPPED:
                sim.count("shipped");
                sim.recordShipment(new PddSimulator.Shipped(PddSimRenderer.orderSn(o), company.id(), company.name(),
                        tracking));
                return json.createObjectNode().put("is_success", true);
            case NOT_FOUND:
                throw new Refusal(ERR_PARAM, "参数错误:order_sn 订单不存在");
            default:
                // a first delivery is accepted only for 待发货 orders (redelivery_type 1)
                sim.count("shipRefused");
                throw new Refusal(ERR_PARAM, "订单状态不是待发货，不能首次发货");
        }
    }

    /**
     * {@code pdd.goods.quantity.update}: goods_id of the shop's goods list, then sku_id of that goods or outer_id of one
     * of its SKUs (sku_id wins when both come); update_type 1 sets, 2 adds. Recorded in the book by sku_id.
     */
    private ObjectNode stock(Map<String, String> p) throws Refusal {
        String goodsId = String.valueOf(number(p, "goods_id"));
        long quantity = number(p, "quantity");
        String updateType = p.getOrDefault("update_type", "1");
        if (!"1".equals(updateType) && !"2".equals(updateType)) {
            throw new Refusal(ERR_PARAM, "参数错误:update_type");
        }
        if ("1".equals(updateType) && quantity < 0) {
            throw new Refusal(ERR_PARAM, "参数错误:quantity 全量更新时必须大于等于0");
        }
        PddSimGoods.Goods g = goods.get(goodsId);
        if (g == null) {
            throw new Refusal(ERR_PARAM, "参数错误:goods_id 商品不存在");
        }
        PddSimGoods.Sku sku;
        if (p.containsKey("sku_id")) {
            String skuId = String.valueOf(number(p, "sku_id"));
            sku = g.skus().stream().filter(s -> s.skuId().equals(skuId)).findFirst()
                    .orElseThrow(() -> new Refusal(ERR_PARAM, "参数错误:sku_id 不属于该商品"));
        } else {
            String outerId = p.get("outer_id");
            if (outerId == null || outerId.isBlank()) {
                throw new Refusal(ERR_PARAM, "参数错误:sku_id和outer_id必填一个");
            }
            sku = g.skus().stream().filter(s -> outerId.equals(s.outerId())).findFirst()
                    .orElseThrow(() -> new Refusal(ERR_PARAM, "参数错误:outer_id 该商品没有此商家编码的sku"));
        }
        long result = "1".equals(updateType) ? quantity : goods.quantity(sku.skuId()) + quantity;
        if (result < 0 || result > Integer.MAX_VALUE) {
            throw new Refusal(ERR_PARAM, "参数错误:quantity");
        }
        book.setStock(sku.skuId(), (int) result);
        sim.count("stockUpdates");
        return json.createObjectNode().put("is_success", true);
    }

    /**
     * {@code pdd.goods.list.get}: page from 1 (default 1), page_size 1..100 (default 100); the filters is_onsale,
     * outer_id and goods_name apply one at a time in that order of priority (三选一，优先级is_onsale&gt;outer_id&gt;goods_name).
     * Every simulated goods is on sale. A page past the end is empty (total_count still says how many).
     */
    private ObjectNode goodsList(Map<String, String> p) throws Refusal {
        long page = p.containsKey("page") ? number(p, "page") : 1;
        long size = p.containsKey("page_size") ? number(p, "page_size") : 100;
        if (page < 1) {
            throw new Refusal(ERR_PARAM, "参数错误:page");
        }
        if (size < 1 || size > 100) {
            throw new Refusal(ERR_PARAM, "参数错误:page_size");
        }
        List<PddSimGoods.Goods> all = goods.all();
        if (p.containsKey("is_onsale")) {
            long onsale = number(p, "is_onsale");
            if (onsale != 0 && onsale != 1) {
                throw new Refusal(ERR_PARAM, "参数错误:is_onsale");
            }
            all = onsale == 1 ? all : List.of();
        } else if (p.get("outer_id") != null && !p.get("outer_id").isBlank()) {
            String outer = p.get("outer_id").strip();
            all = all.stream().filter(g -> g.skus().stream().anyMatch(s -> outer.equals(s.outerId()))).toList();
        } else if (p.get("goods_name") != null && !p.get("goods_name").isBlank()) {
            String name = p.get("goods_name").strip();
            all = all.stream().filter(g -> g.name().contains(name)).toList();
        }
        sim.count("goodsPages");
        int from = (int) Math.min(all.size(), (page - 1) * size);
        int to = (int) Math.min(all.size(), from + size);
        ObjectNode n = json.createObjectNode();
        n.put("total_count", all.size());
        ArrayNode list = n.putArray("goods_list");
        for (PddSimGoods.Goods g : all.subList(from, to)) {
            list.add(goods.render(json, g));
        }
        return n;
    }

    private SimOrder order(String orderSn) throws Refusal {
        String id = PddSimRenderer.orderId(orderSn);
        SimOrder o = id == null ? null : book.get(id).orElse(null);
        if (o == null || !PddSimRenderer.orderSn(o).equals(orderSn)) {
            throw new Refusal(ERR_PARAM, "参数错误:order_sn 订单不存在");
        }
        return o;
    }

    private static String require(Map<String, String> p, String name) throws Refusal {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            throw new Refusal(ERR_PARAM, "参数错误:" + name);
        }
        return v;
    }

    private static long number(Map<String, String> p, String name) throws Refusal {
        String v = require(p, name);
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new Refusal(ERR_PARAM, "参数错误:" + name);
        }
    }

    /** {@code pdd.order.information.get} answers {@code order_info_get_response}, and so on (each API's page). */
    private static String responseKey(String type) {
        return switch (type) {
            case "pdd.time.get" -> "time_get_response";
            case "pdd.pop.auth.token.refresh" -> "pop_auth_token_refresh_response";
            case "pdd.order.number.list.increment.get" -> "order_sn_increment_get_response";
            case "pdd.order.information.get" -> "order_info_get_response";
            case "pdd.logistics.online.send" -> "logistics_online_send_response";
            case "pdd.goods.quantity.update" -> "goods_quantity_update_response";
            case "pdd.logistics.companies.get" -> "logistics_companies_get_response";
            case "pdd.goods.list.get" -> "goods_list_get_response";
            default -> type.replace("pdd.", "").replace('.', '_').toLowerCase(Locale.ROOT) + "_response";
        };
    }
}

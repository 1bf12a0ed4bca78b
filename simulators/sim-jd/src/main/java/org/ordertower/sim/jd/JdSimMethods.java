package org.ordertower.sim.jd;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.ordertower.sim.kit.FakeData;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimOrderBook;
import org.ordertower.sim.kit.SimOrderBook.ShipOutcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The six JOS methods the connector uses, with their limits: jingdong.pop.order.search (start_date/end_date
 * required and at most a month apart, by modified time only the last three months, optional_fields required,
 * page_size 1..50, known order_state values, dateType 0 modified / 1 created, sortType 1 newest first else oldest
 * first), jingdong.pop.order.get, jingdong.pop.order.shipment (logiCoprId only from the merchant's companies),
 * jingdong.stock.write.updateSkuStock (only SKUs of the shop), 360buy.delivery.logistics.get ({@link JdSimCarriers})
 * and jingdong.sku.read.searchSkuList (the book's listings; pageNo from 1, page_size 1..50, at most 10 wareId and 20
 * skuId filters, skuStatuValue of 1/2/4, only the asked {@code field}s). Business refusals come inside the method's
 * answer ({@code apiResult} / {@code sopjosshipment_result} with success false, a non-zero {@code code} with
 * {@code error_description} for the SKU search, {@code zh_desc}/{@code en_desc} for the companies); their numbers are
 * the simulator's own (JD does not publish them). Stricter than JOS on one point: the SKU search refuses a parameter
 * it does not know (JOS ignores it), so a misnamed paging parameter shows up in tests.
 */
final class JdSimMethods {
    static final String SEARCH = "jingdong.pop.order.search";
    static final String GET = "jingdong.pop.order.get";
    static final String SHIPMENT = "jingdong.pop.order.shipment";
    static final String STOCK = "jingdong.stock.write.updateSkuStock";
    static final String LOGISTICS = "360buy.delivery.logistics.get";
    static final String SKUS = "jingdong.sku.read.searchSkuList";
    private static final Set<String> METHODS = Set.of(SEARCH, GET, SHIPMENT, STOCK, LOGISTICS, SKUS);
    /** The fields of a logistics_list entry (LogisticsCompany in JD's SDK). */
    private static final Set<String> COMPANY_FIELDS = Set.of("logistics_id", "logistics_name", "logistics_remark",
            "sequence", "agree_flag", "is_cod");
    /** searchSkuList's parameters (JD SDK SkuReadSearchSkuListRequest). */
    private static final Set<String> SKU_PARAMS = Set.of("wareId", "skuId", "skuStatuValue", "maxStockNum",
            "minStockNum", "endCreatedTime", "endModifiedTime", "startCreatedTime", "startModifiedTime", "outId",
            "colType", "itemNum", "wareTitle", "orderFiled", "orderType", "pageNo", "page_size", "field");
    /** The Sku fields this simulator can render. */
    private static final Set<String> SKU_FIELDS = Set.of("wareId", "skuId", "status", "jdPrice", "outerId", "skuName",
            "wareTitle", "stockNum", "categoryId", "barCode", "logo", "created", "modified", "saleAttrs");
    /** What searchSkuList answers without {@code field} (as a real answer quoted in public code shows). */
    private static final List<String> SKU_DEFAULT_FIELDS = List.of("status", "jdPrice", "skuId", "wareId", "outerId");
    /** Shown for a SKU no stock call has set yet. */
    static final int DEFAULT_STOCK = 100;
    private static final Set<String> STATES = Set.of("WAIT_SELLER_STOCK_OUT", "WAIT_GOODS_RECEIVE_CONFIRM",
            "WAIT_SELLER_DELIVERY", "PAUSE", "FINISHED_L", "TRADE_CANCELED", "LOCKED", "POP_ORDER_PAUSE");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final JdSimulator sim;
    private final SimOrderBook book;
    private final JdSimRenderer renderer;

    JdSimMethods(JdSimulator sim, SimOrderBook book, JdSimRenderer renderer) {
        this.sim = sim;
        this.book = book;
        this.renderer = renderer;
    }

    boolean knows(String method) {
        return METHODS.contains(method);
    }

    /**
     * The key an answer is wrapped in: {@code <method>_responce}; the 360buy-era methods answer without the prefix and
     * with {@code _response}.
     */
    static String answerKey(String method) {
        return method.startsWith("360buy.") ? method.substring("360buy.".length()).replace('.', '_') + "_response"
                : method.replace('.', '_') + "_responce";
    }

    /** A business refusal: the method's own failure shape. */
    private static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        final String number;

        Invalid(String number, String message) {
            super(message, null, false, false);
            this.number = number;
        }
    }

    ObjectNode call(String method, JsonNode p) {
        ObjectNode body = JdSimRenderer.JSON.createObjectNode();
        body.put("code", "0");
        try {
            switch (method) {
                case SEARCH -> search(p, body);
                case GET -> get(p, body);
                case SHIPMENT -> ship(p, body);
                case LOGISTICS -> logistics(p, body);
                case SKUS -> skus(p, body);
                default -> stock(p, body);
            }
        } catch (Invalid e) {
            sim.count("businessErrors");
            if (SKUS.equals(method) || LOGISTICS.equals(method)) {
                body.removeAll();
                body.put("code", e.number);
                body.put(SKUS.equals(method) ? "error_description" : "zh_desc", e.getMessage());
                if (LOGISTICS.equals(method)) {
                    body.put("en_desc", "invalid request");
                }
                return body;
            }
            ObjectNode verdict = switch (method) {
                case SEARCH -> body.putObject("searchorderinfo_result").put("orderTotal", 0).putObject("apiResult");
                case GET -> body.putObject("orderDetailInfo").putObject("apiResult");
                case SHIPMENT -> body.putObject("sopjosshipment_result");
                default -> body;
            };
            verdict.put("success", false);
            verdict.put(SHIPMENT.equals(method) ? "errorCode" : "numberCode", e.number);
            verdict.put("chineseErrCode", e.getMessage());
            verdict.put("englishErrCode", "invalid request");
        }
        return body;
    }

    private void search(JsonNode p, ObjectNode body) throws Invalid {
        String fields = text(p, "optional_fields");
        Instant start = time(p, "start_date");
        Instant end = time(p, "end_date");
        if (end.isBefore(start) || Duration.between(start, end).compareTo(Duration.ofDays(31)) > 0) {
            throw new Invalid("10100030", "开始时间和结束时间不得相差超过1个月");
        }
        boolean byCreated = "1".equals(p.path("dateType").asText());
        if (!byCreated && start.isBefore(sim.clock().instant().minus(Duration.ofDays(92)))) {
            throw new Invalid("10100031", "按修改时间只能查询三个月内的订单");
        }
        int page = number(p, "page", 1, 10_000);
        int size = number(p, "page_size", 1, 50);
        Set<String> states = p.hasNonNull("order_state") ? states(p.get("order_state").asText()) : STATES;
        List<SimOrder> hits = new ArrayList<>();
        // JD compares whole seconds, end_date included: [start, end + 1 s)
        Instant until = end.plusSeconds(1);
        for (SimOrder o : byCreated ? book.changed(Instant.EPOCH, Instant.MAX) : book.changed(start, until)) {
            boolean inWindow = !byCreated || !o.created.isBefore(start) && o.created.isBefore(until);
            if (inWindow && JdSimRenderer.visible(o) && states.contains(JdSimRenderer.state(o))) {
                hits.add(o);
            }
        }
        // changed() is newest first
        Comparator<SimOrder> oldestFirst = Comparator.comparing((SimOrder o) -> byCreated ? o.created : o.modified)
                .thenComparing(o -> o.orderId);
        hits.sort("1".equals(p.path("sortType").asText()) ? oldestFirst.reversed() : oldestFirst);
        ObjectNode result = body.putObject("searchorderinfo_result");
        result.putObject("apiResult").put("success", true).put("numberCode", "").put("chineseErrCode", "")
                .put("englishErrCode", "");
        result.put("orderTotal", hits.size());
        var list = result.putArray("orderInfoList");
        int from = (int) Math.min((long) (page - 1) * size, hits.size());
        for (SimOrder o : hits.subList(from, Math.min(from + size, hits.size()))) {
            list.add(only(renderer.render(o), fields));
        }
        sim.count("searches");
    }

    private void get(JsonNode p, ObjectNode body) throws Invalid {
        String fields = text(p, "optional_fields");
        SimOrder o = book.get(digits(p, "order_id")).filter(JdSimRenderer::visible)
                .orElseThrow(() -> new Invalid("10100040", "订单不存在"));
        ObjectNode detail = body.putObject("orderDetailInfo");
        detail.set("orderInfo", only(renderer.render(o), fields));
        detail.putObject("apiResult").put("success", true);
    }

    private void ship(JsonNode p, ObjectNode body) throws Invalid {
        String orderId = digits(p, "orderId");
        String carrier = text(p, "logiCoprId");
        if (!carrier.matches("\\d+(\\|\\d+)*")) {
            throw new Invalid("10400002", "物流公司ID不正确");
        }
        for (String id : carrier.split("\\|")) {
            if (JdSimCarriers.shippable(id).isEmpty()) {
                throw new Invalid("10400002", "物流公司ID不正确：" + id + "不是商家的物流公司");
            }
        }
        String waybill = p.path("logiNo").asText("");
        if (waybill.isBlank() && !Long.toString(JdSimCarriers.SELF_DELIVERY).equals(carrier)) {
            throw new Invalid("10400003", "运单号不能为空");
        }
        SimOrder o = book.get(orderId).filter(JdSimRenderer::visible)
                .orElseThrow(() -> new Invalid("10400004", "订单不存在"));
        if ("LOCKED".equals(JdSimRenderer.state(o))) {
            throw new Invalid("10400005", "订单已锁定，不能出库");
        }
        ShipOutcome outcome = book.ship(orderId, List.of(), carrier, waybill.isBlank() ? "-" : waybill);
        switch (outcome) {
            case SHIPPED -> sim.recordShipment(orderId, carrier, waybill);
            case ALREADY_SHIPPED -> throw new Invalid("10400001", "订单已出库，不能重复出库");
            case NOT_FOUND -> throw new Invalid("10400004", "订单不存在");
            default -> throw new Invalid("10400006", "订单状态不正确，不能出库");
        }
        body.putObject("sopjosshipment_result").put("success", true).put("errorCode", "").put("chineseErrCode", "")
                .put("englishErrCode", "");
    }

    private void stock(JsonNode p, ObjectNode body) throws Invalid {
        String sku = digits(p, "skuId");
        int quantity = number(p, "stockNum", 0, 999_999_999);
        if (book.listings().stream().map(FakeData.Listing::skuId).noneMatch(sku::equals)) {
            throw new Invalid("10500001", "SKU不存在或不属于该商家");
        }
        book.setStock(sku, quantity);
        sim.count("stockUpdates");
        body.put("success", true);
    }

    /** The merchant's companies; {@code optional_fields} (optional) names the entry fields to answer. */
    private void logistics(JsonNode p, ObjectNode body) throws Invalid {
        Set<String> wanted = COMPANY_FIELDS;
        if (p.hasNonNull("optional_fields") && !p.get("optional_fields").asText().isBlank()) {
            wanted = names(p.get("optional_fields").asText());
            if (!COMPANY_FIELDS.containsAll(wanted)) {
                throw new Invalid("10100002", "参数optional_fields格式不正确");
            }
        }
        ObjectNode companies = body.putObject("logistics_companies");
        ArrayNode list = companies.putArray("logistics_list");
        for (JdSimCarriers.Company c : JdSimCarriers.COMPANIES) {
            ObjectNode n = list.addObject();
            n.put("sequence", Integer.toString(c.sequence()));
            n.put("logistics_id", c.id());
            n.put("logistics_name", c.name());
            n.put("logistics_remark", c.remark());
            n.put("agree_flag", "协议物流");
            n.put("is_cod", false);
            n.retain(wanted);
        }
        companies.put("vender_id", JdSimRenderer.venderId(book.shopId()));
        sim.count("logisticsQueries");
    }

    /** One page of the shop's SKUs (the book's listings, all on sale), by ascending skuId. */
    private void skus(JsonNode p, ObjectNode body) throws Invalid {
        for (var names = p.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!SKU_PARAMS.contains(name)) {
                throw new Invalid("10100004", "不支持的参数" + name);
            }
        }
        int pageNo = p.has("pageNo") ? number(p, "pageNo", 1, 100_000) : 1;
        int size = p.has("page_size") ? number(p, "page_size", 1, 50) : 20;
        Set<String> statuses = p.has("skuStatuValue") ? list(p, "skuStatuValue", 3) : Set.of("1", "2");
        if (!Set.of("1", "2", "4").containsAll(statuses)) {
            throw new Invalid("10100002", "参数skuStatuValue格式不正确");
        }
        Set<String> wares = p.has("wareId") ? list(p, "wareId", 10) : null;
        Set<String> skus = p.has("skuId") ? list(p, "skuId", 20) : null;
        List<String> fields = SKU_DEFAULT_FIELDS;
        if (p.hasNonNull("field") && !text(p, "field").isBlank()) {
            fields = new ArrayList<>(names(text(p, "field")));
            if (!SKU_FIELDS.containsAll(fields)) {
                throw new Invalid("10100002", "参数field格式不正确");
            }
        }
        // every simulated SKU is on sale (status 1)
        List<FakeData.Listing> hits = new ArrayList<>();
        if (statuses.contains("1")) {
            for (FakeData.Listing l : book.listings()) {
                if ((wares == null || wares.contains(l.itemId())) && (skus == null || skus.contains(l.skuId()))) {
                    hits.add(l);
                }
            }
        }
        hits.sort(Comparator.comparing((FakeData.Listing l) -> Long.parseLong(l.skuId())));
        Map<String, String> wareTitles = new LinkedHashMap<>();
        book.listings().forEach(l -> wareTitles.putIfAbsent(l.itemId(), l.title()));
        Map<String, Integer> stock = book.stock();
        ObjectNode page = body.putObject("page");
        page.put("pageNo", pageNo);
        page.put("pageSize", size);
        page.put("totalItem", hits.size());
        ArrayNode data = page.putArray("data");
        int from = (int) Math.min((long) (pageNo - 1) * size, hits.size());
        for (FakeData.Listing l : hits.subList(from, Math.min(from + size, hits.size()))) {
            ObjectNode n = data.addObject();
            for (String f : fields) {
                switch (f) {
                    case "wareId" -> n.put("wareId", Long.parseLong(l.itemId()));
                    case "skuId" -> n.put("skuId", Long.parseLong(l.skuId()));
                    case "status" -> n.put("status", 1);
                    case "jdPrice" -> n.put("jdPrice", l.price());
                    case "outerId" -> n.put("outerId", l.outerId() == null ? "" : l.outerId());
                    case "skuName" -> n.put("skuName", l.title());
                    case "wareTitle" -> n.put("wareTitle", wareTitles.get(l.itemId()));
                    case "stockNum" -> n.put("stockNum", stock.getOrDefault(l.skuId(), DEFAULT_STOCK));
                    case "saleAttrs" -> n.putArray("saleAttrs");
                    default -> n.putNull(f);
                }
            }
        }
        sim.count("skuSearches");
    }

    /** A list parameter: a JSON array or a comma list (JD's SDKs send both), at most {@code max} values. */
    private static Set<String> list(JsonNode p, String name, int max) throws Invalid {
        JsonNode v = p.get(name);
        Set<String> out = new LinkedHashSet<>();
        if (v.isArray()) {
            for (JsonNode e : v) {
                if (!e.isValueNode()) {
                    throw new Invalid("10100002", "参数" + name + "格式不正确");
                }
                out.add(e.asText().strip());
            }
        } else if (v.isValueNode()) {
            out.addAll(names(v.asText()));
        }
        if (out.isEmpty() || out.size() > max || out.stream().anyMatch(x -> !x.matches("\\d{1,20}"))) {
            throw new Invalid("10100002", "参数" + name + "格式不正确（最多" + max + "个数字）");
        }
        return out;
    }

    private static Set<String> names(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(x -> !x.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static ObjectNode only(ObjectNode order, String fields) {
        Set<String> wanted = Arrays.stream(fields.split(",")).map(String::strip).collect(Collectors.toSet());
        order.retain(wanted);
        return order;
    }

    private static Set<String> states(String list) throws Invalid {
        Set<String> out = Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        if (out.isEmpty() || !STATES.containsAll(out)) {
            throw new Invalid("10100021", "订单状态不正确");
        }
        return Collections.unmodifiableSet(out);
    }

    private static String text(JsonNode p, String name) throws Invalid {
        JsonNode v = p.get(name);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            throw new Invalid("10100001", "缺少必填参数" + name);
        }
        return v.asText();
    }

    private static String digits(JsonNode p, String name) throws Invalid {
        String v = text(p, name);
        if (!v.matches("\\d{1,20}")) {
            throw new Invalid("10100002", "参数" + name + "格式不正确");
        }
        return v;
    }

    private static int number(JsonNode p, String name, int min, int max) throws Invalid {
        String v = text(p, name);
        if (!v.matches("\\d{1,9}") || Integer.parseInt(v) < min || Integer.parseInt(v) > max) {
            throw new Invalid("10100003", "参数" + name + "必须在" + min + "到" + max + "之间");
        }
        return Integer.parseInt(v);
    }

    private static Instant time(JsonNode p, String name) throws Invalid {
        String v = text(p, name);
        try {
            return LocalDateTime.parse(v, TIME).atZone(CHINA).toInstant();
        } catch (DateTimeParseException e) {
            throw new Invalid("10100002", "参数" + name + "格式不正确");
        }
    }
}

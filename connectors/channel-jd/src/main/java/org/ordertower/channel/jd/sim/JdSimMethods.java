package org.ordertower.channel.jd.sim;

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
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.ordertower.connector.kit.sim.FakeData;
import org.ordertower.connector.kit.sim.SimOrder;
import org.ordertower.connector.kit.sim.SimOrderBook;
import org.ordertower.connector.kit.sim.SimOrderBook.ShipOutcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The four JOS methods the connector uses, with their limits: jingdong.pop.order.search (start_date/end_date
 * required and at most a month apart, by modified time only the last three months, optional_fields required,
 * page_size 1..50, known order_state values, dateType 0 modified / 1 created, sortType 1 newest first else oldest
 * first), jingdong.pop.order.get, jingdong.pop.order.shipment and jingdong.stock.write.updateSkuStock. Business
 * refusals come inside the method's answer ({@code apiResult} / {@code sopjosshipment_result} with success false);
 * their numbers are the simulator's own (JD does not publish them).
 */
final class JdSimMethods {
    static final String SEARCH = "jingdong.pop.order.search";
    static final String GET = "jingdong.pop.order.get";
    static final String SHIPMENT = "jingdong.pop.order.shipment";
    static final String STOCK = "jingdong.stock.write.updateSkuStock";
    private static final Set<String> METHODS = Set.of(SEARCH, GET, SHIPMENT, STOCK);
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
                default -> stock(p, body);
            }
        } catch (Invalid e) {
            sim.count("businessErrors");
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
        String waybill = p.path("logiNo").asText("");
        if (waybill.isBlank() && !"1274".equals(carrier)) {
            throw new Invalid("10400003", "运单号不能为空");
        }
        SimOrder o = book.get(orderId).filter(JdSimRenderer::visible)
                .orElseThrow(() -> new Invalid("10400004", "订单不存在"));
        if ("LOCKED".equals(JdSimRenderer.state(o))) {
            throw new Invalid("10400005", "订单已锁定，不能出库");
        }
        ShipOutcome outcome = book.ship(orderId, List.of(), carrier, waybill.isBlank() ? "-" : waybill);
        switch (outcome) {
            case SHIPPED -> sim.count("shipments");
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

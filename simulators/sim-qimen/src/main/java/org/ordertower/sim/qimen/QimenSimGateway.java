package org.ordertower.sim.qimen;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ordertower.connector.kit.RateLimiter;
import org.ordertower.connector.kit.Xml;
import org.ordertower.sim.kit.SimRequest;
import org.ordertower.sim.kit.SimResponse;
import org.ordertower.sim.kit.SimServer;
import org.w3c.dom.Element;

/**
 * The WMS's Qimen endpoint ({@code POST /router/qimen/service}), strict as the router and a careful WMS are:
 * every system parameter, the app key, a ±10-minute timestamp, the signature (its own code), the customerId, the
 * app's rate, a safe XML body, then each API's required fields, codes and limits. Every refusal is HTTP 200 with
 * {@code <response><flag>failure</flag><code/><message/></response>}; a message names the field, never a value
 * of the buyer.
 */
final class QimenSimGateway implements SimServer.Handler {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("GMT+8"));
    private static final Set<String> DELIVERY_TYPES = Set.of("JYCK", "HHCK", "BFCK", "QTCK");
    private static final Set<String> RETURN_TYPES = Set.of("THRK", "HHRK");
    private static final Set<String> ENTRY_TYPES = Set.of("CGRK", "DBRK", "QTRK", "B2BRK", "SCRK", "LYRK", "CCRK");
    private static final Set<String> INVENTORY_TYPES = Set.of("ZP", "CC", "JS", "XS", "ZT");
    private static final Set<String> PLATFORMS = Set.of("TB", "TM", "JD", "DD", "PP", "YX", "EBAY", "QQ", "AMAZON", "SN",
            "GM", "WPH", "JM", "LF", "MGJ", "JS", "PX", "YT", "YHD", "VANCL", "YL", "YG", "1688", "POS", "MIA", "GW", "CT",
            "YJWD", "PDD", "DY", "KS", "OTHER", "OTHERS");
    static final int MAX_CRITERIA = 100;

    private final QimenSimulator sim;
    private final QimenSimWarehouse warehouse;
    private final Clock clock;
    private final RateLimiter rate;

    QimenSimGateway(QimenSimulator sim, QimenSimWarehouse warehouse, Clock clock, double ratePerSecond) {
        this.sim = sim;
        this.warehouse = warehouse;
        this.clock = clock;
        this.rate = new RateLimiter(ratePerSecond, Math.max(1, ratePerSecond));
    }

    /** A refusal in Qimen's shape. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;

        Refusal(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private static Refusal missing(String field) {
        return new Refusal("missing-parameter", field + " is required");
    }

    private static Refusal invalid(String field, String why) {
        return new Refusal("invalid-parameter", field + " " + why);
    }

    @Override
    public SimResponse handle(SimRequest request) {
        try {
            if (!"POST".equals(request.method())) {
                throw new Refusal("invalid-method", "only POST is served");
            }
            Map<String, String> q = request.query();
            String method = system(q, "method");
            String timestamp = system(q, "timestamp");
            String format = system(q, "format");
            String appKey = system(q, "app_key");
            String version = system(q, "v");
            String signMethod = system(q, "sign_method");
            String customerId = system(q, "customerId");
            String sign = system(q, "sign");
            if (!appKey.equals(sim.appKey())) {
                throw new Refusal("invalid-appkey", "invalid appkey");
            }
            if (!"xml".equals(format)) {
                throw invalid("format", "must be xml");
            }
            if (!"2.0".equals(version)) {
                throw invalid("v", "must be 2.0");
            }
            if (!"md5".equals(signMethod) && !"hmac".equals(signMethod)) {
                throw invalid("sign_method", "must be md5 or hmac");
            }
            Instant at;
            try {
                at = LocalDateTime.parse(timestamp, TIME).atZone(ZoneId.of("GMT+8")).toInstant();
            } catch (DateTimeException e) {
                throw new Refusal("invalid-timestamp", "timestamp must be yyyy-MM-dd HH:mm:ss (GMT+8)");
            }
            if (Duration.between(at, clock.instant()).abs().compareTo(Duration.ofMinutes(10)) > 0) {
                throw new Refusal("invalid-timestamp", "timestamp is more than 10 minutes from the server's time");
            }
            if (!QimenSimSigner.sign(sim.appSecret(), signMethod, q, request.body()).equals(sign)) {
                sim.count("badSignatures");
                throw new Refusal("sign-check-failure", "Illegal request");
            }
            if (!customerId.equals(sim.customerId())) {
                throw new Refusal("invalid-customerId", "customerId " + customerId + " is not a customer of this WMS");
            }
            if (!rate.tryAcquire()) {
                sim.count("rateLimited");
                throw new Refusal("app-call-limited", "App Call Limited: this app may make " + sim.ratePerSecond()
                        + " calls a second");
            }
            String type = request.headers().getOrDefault("content-type", "");
            if (!type.contains("xml")) {
                throw invalid("Content-Type", "must be text/xml or application/xml, was '" + type + "'");
            }
            Element root;
            try {
                root = Xml.parse(request.body());
            } catch (Xml.XmlException e) {
                throw new Refusal("invalid-body", "the body is not acceptable XML: " + e.getMessage());
            }
            if (!"request".equals(root.getTagName())) {
                throw new Refusal("invalid-body", "the body's root must be <request>");
            }
            Xml.Writer out = new Xml.Writer().open("response").leaf("flag", "success");
            dispatch(method, root, out);
            return xml(out.close("response").toString());
        } catch (Refusal r) {
            sim.count("errors");
            return xml(new Xml.Writer().open("response").leaf("flag", "failure").leaf("code", r.code)
                    .leaf("message", r.getMessage()).close("response").toString());
        }
    }

    private static SimResponse xml(String body) {
        return new SimResponse(200, "text/xml;charset=utf-8", body);
    }

    private static String system(Map<String, String> q, String name) throws Refusal {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            throw new Refusal("missing-parameter", "missing required parameter: " + name);
        }
        return v;
    }

    private void dispatch(String method, Element root, Xml.Writer out) throws Refusal {
        switch (method) {
            case "taobao.qimen.deliveryorder.create" -> deliveryCreate(root, out);
            case "taobao.qimen.order.cancel" -> cancel(root, out);
            case "taobao.qimen.returnorder.create" -> returnCreate(root, out);
            case "taobao.qimen.entryorder.create" -> entryCreate(root, out);
            case "taobao.qimen.inventory.query" -> inventory(root, out);
            case "taobao.qimen.stock.query" -> stock(root, out);
            default -> throw new Refusal("invalid-method", "method " + method + " is not served by this WMS");
        }
    }

    private void deliveryCreate(Element root, Xml.Writer out) throws Refusal {
        Element o = element(root, "deliveryOrder", "deliveryOrder");
        String code = text(o, "deliveryOrder.deliveryOrderCode", "deliveryOrderCode");
        oneOf(o, "deliveryOrder.orderType", "orderType", DELIVERY_TYPES);
        String wh = warehouseCode(o, "deliveryOrder.warehouseCode");
        time(o, "deliveryOrder.createTime", "createTime", true);
        time(o, "deliveryOrder.placeOrderTime", "placeOrderTime", true);
        time(o, "deliveryOrder.operateTime", "operateTime", true);
        time(o, "deliveryOrder.payTime", "payTime", false);
        text(o, "deliveryOrder.shopNick", "shopNick");
        String logistics = text(o, "deliveryOrder.logisticsCode", "logisticsCode");
        String platform = Xml.text(o, "sourcePlatformCode");
        if (platform != null && !PLATFORMS.contains(platform)) {
            throw invalid("deliveryOrder.sourcePlatformCode", "'" + platform + "' is not a platform code of the standard");
        }
        contact(o, "senderInfo");
        contact(o, "receiverInfo");
        List<QimenSimWarehouse.Line> lines = lines(root);
        Map.Entry<QimenSimWarehouse.Delivery, Boolean> r = warehouse.createDelivery(code, wh, logistics,
                Xml.text(o, "expressCode"), lines);
        QimenSimWarehouse.Delivery d = r.getKey();
        if (r.getValue()) {
            out.leaf("code", "order-exists").leaf("message", "出库单 " + code + " 已存在");
        } else {
            out.leaf("code", "0").leaf("message", "success");
        }
        out.leaf("createTime", d.createTime).leaf("deliveryOrderId", d.id).leaf("warehouseCode", d.warehouseCode)
                .leaf("logisticsCode", d.logisticsCode);
    }

    private void cancel(Element root, Xml.Writer out) throws Refusal {
        String wh = warehouseCode(root, "warehouseCode");
        owner(root, "ownerCode", false);
        String code = text(root, "orderCode", "orderCode");
        String type = text(root, "orderType", "orderType");
        String result = DELIVERY_TYPES.contains(type) ? warehouse.cancel(code, wh) : "NOT_FOUND";
        switch (result) {
            case "CANCELLED" -> out.leaf("code", "0").leaf("message", "取消成功");
            case "SHIPPED" -> throw new Refusal("order-already-delivered", "单据 " + code + " 已打包或已发货，不能取消");
            default -> throw new Refusal("order-not-exist", "单据 " + code + " 不存在");
        }
    }

    private void returnCreate(Element root, Xml.Writer out) throws Refusal {
        Element r = element(root, "returnOrder", "returnOrder");
        String code = text(r, "returnOrder.returnOrderCode", "returnOrderCode");
        String wh = warehouseCode(r, "returnOrder.warehouseCode");
        String type = oneOf(r, "returnOrder.orderType", "orderType", RETURN_TYPES);
        text(r, "returnOrder.preDeliveryOrderCode", "preDeliveryOrderCode");
        String logistics = text(r, "returnOrder.logisticsCode", "logisticsCode");
        List<QimenSimWarehouse.Line> lines = lines(root);
        Map.Entry<QimenSimWarehouse.Inbound, Boolean> e = warehouse.createReturn(code, wh, type, logistics,
                Xml.text(r, "expressCode"), lines);
        out.leaf("code", e.getValue() ? "order-exists" : "0").leaf("message", e.getValue() ? "退货单已存在" : "success")
                .leaf("returnOrderId", e.getKey().id);
    }

    private void entryCreate(Element root, Xml.Writer out) throws Refusal {
        Element r = element(root, "entryOrder", "entryOrder");
        String code = text(r, "entryOrder.entryOrderCode", "entryOrderCode");
        String wh = warehouseCode(r, "entryOrder.warehouseCode");
        String type = oneOf(r, "entryOrder.orderType", "orderType", ENTRY_TYPES);
        owner(r, "entryOrder.ownerCode", false);
        time(r, "entryOrder.orderCreateTime", "orderCreateTime", false);
        time(r, "entryOrder.expectStartTime", "expectStartTime", false);
        List<QimenSimWarehouse.Line> lines = lines(root);
        Map.Entry<QimenSimWarehouse.Inbound, Boolean> e = warehouse.createEntry(code, wh, type, lines);
        out.leaf("code", e.getValue() ? "order-exists" : "0").leaf("message", e.getValue() ? "入库单已存在" : "success")
                .leaf("entryOrderId", e.getKey().id);
    }

    private void inventory(Element root, Xml.Writer out) throws Refusal {
        List<Element> criteria = Xml.children(Xml.child(root, "criteriaList"), "criteria");
        if (criteria.isEmpty()) {
            throw missing("criteriaList.criteria");
        }
        if (criteria.size() > MAX_CRITERIA) {
            throw invalid("criteriaList", "holds " + criteria.size() + " criteria, at most " + MAX_CRITERIA);
        }
        List<QimenSimWarehouse.Row> rows = new ArrayList<>();
        for (int i = 0; i < criteria.size(); i++) {
            Element c = criteria.get(i);
            String where = "criteriaList.criteria[" + i + "]";
            String sku = text(c, where + ".itemCode", "itemCode");
            String wh = Xml.text(c, "warehouseCode") == null ? null : warehouseCode(c, where + ".warehouseCode");
            owner(c, where + ".ownerCode", false);
            String type = Xml.text(c, "inventoryType");
            if (type != null && !INVENTORY_TYPES.contains(type)) {
                throw invalid(where + ".inventoryType", "'" + type + "' is not an inventory type of the standard");
            }
            for (QimenSimWarehouse.Row row : warehouse.rows(wh, sku)) {
                if (type == null || type.equals(row.type())) {
                    rows.add(row);
                }
            }
        }
        sim.count("inventoryQueries");
        out.leaf("code", "0").leaf("message", "success");
        items(out, rows);
    }

    private void stock(Element root, Xml.Writer out) throws Refusal {
        int page = integer(root, "page", 1, Integer.MAX_VALUE);
        int pageSize = integer(root, "pageSize", 1, 100);
        String wh = Xml.text(root, "warehouseCode") == null ? null : warehouseCode(root, "warehouseCode");
        owner(root, "ownerCode", false);
        List<QimenSimWarehouse.Row> rows = warehouse.rows(wh, Xml.text(root, "itemCode"));
        int from = (int) Math.min(rows.size(), (long) (page - 1) * pageSize);
        int to = Math.min(rows.size(), from + pageSize);
        sim.count("stockQueries");
        out.leaf("code", "0").leaf("message", "success").leaf("totalCount", rows.size());
        items(out, rows.subList(from, to));
    }

    private static void items(Xml.Writer out, List<QimenSimWarehouse.Row> rows) {
        out.open("items");
        for (QimenSimWarehouse.Row r : rows) {
            out.open("item").leaf("warehouseCode", r.warehouseCode()).leaf("itemCode", r.sku())
                    .leaf("inventoryType", r.type()).leaf("quantity", r.quantity()).leaf("lockQuantity", r.lockQuantity())
                    .close("item");
        }
        out.close("items");
    }

    private List<QimenSimWarehouse.Line> lines(Element root) throws Refusal {
        List<Element> lines = Xml.children(Xml.child(root, "orderLines"), "orderLine");
        if (lines.isEmpty()) {
            throw missing("orderLines.orderLine");
        }
        List<QimenSimWarehouse.Line> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Element l = lines.get(i);
            String where = "orderLines.orderLine[" + i + "]";
            owner(l, where + ".ownerCode", true);
            String sku = text(l, where + ".itemCode", "itemCode");
            int qty = integer(l, where + ".planQty", "planQty", 1, 1_000_000);
            String type = Xml.text(l, "inventoryType");
            if (type != null && !INVENTORY_TYPES.contains(type)) {
                throw invalid(where + ".inventoryType", "'" + type + "' is not an inventory type of the standard");
            }
            String lineNo = Xml.text(l, "orderLineNo");
            out.add(new QimenSimWarehouse.Line(lineNo == null ? String.valueOf(i + 1) : lineNo, sku, qty));
        }
        return out;
    }

    /** name, mobile, province, city, detailAddress are required in senderInfo and receiverInfo. */
    private static void contact(Element order, String name) throws Refusal {
        Element c = element(order, name, "deliveryOrder." + name);
        for (String f : new String[] { "name", "mobile", "province", "city", "detailAddress" }) {
            text(c, "deliveryOrder." + name + "." + f, f);
        }
    }

    private String warehouseCode(Element parent, String field) throws Refusal {
        String wh = text(parent, field, "warehouseCode");
        if (!warehouse.knows(wh)) {
            throw invalid(field, wh + " is not a warehouse of this customer");
        }
        return wh;
    }

    private void owner(Element parent, String field, boolean required) throws Refusal {
        String owner = Xml.text(parent, "ownerCode");
        if (owner == null) {
            if (required) {
                throw missing(field);
            }
            return;
        }
        if (!owner.equals(sim.ownerCode())) {
            throw invalid(field, owner + " is not an owner of this customer");
        }
    }

    private static Element element(Element parent, String name, String field) throws Refusal {
        Element e = Xml.child(parent, name);
        if (e == null) {
            throw missing(field);
        }
        return e;
    }

    private static String text(Element parent, String field, String name) throws Refusal {
        String v = Xml.text(parent, name);
        if (v == null) {
            throw missing(field);
        }
        return v;
    }

    private static String oneOf(Element parent, String field, String name, Set<String> allowed) throws Refusal {
        String v = text(parent, field, name);
        if (!allowed.contains(v)) {
            throw invalid(field, "'" + v + "' is not one of " + allowed);
        }
        return v;
    }

    private static void time(Element parent, String field, String name, boolean required) throws Refusal {
        String v = Xml.text(parent, name);
        if (v == null) {
            if (required) {
                throw missing(field);
            }
            return;
        }
        try {
            LocalDateTime.parse(v, TIME);
        } catch (DateTimeException e) {
            throw invalid(field, "must be yyyy-MM-dd HH:mm:ss");
        }
    }

    private static int integer(Element parent, String name, int min, int max) throws Refusal {
        return integer(parent, name, name, min, max);
    }

    private static int integer(Element parent, String field, String name, int min, int max) throws Refusal {
        String v = text(parent, field, name);
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw invalid(field, "must be " + min + ".." + max + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid(field, "must be an integer");
        }
    }
}

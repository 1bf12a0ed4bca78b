package org.ordertower.sim.taobao;

import static org.ordertower.sim.kit.SimTopGateway.required;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.ordertower.sim.kit.SimOrder.Line;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimOrderBook;
import org.ordertower.sim.kit.SimServer;
import org.ordertower.sim.kit.SimTopError;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The TOP methods the simulator serves, each checking its business parameters as its doc page states. */
final class SimApis {
    /** One consign offline.send accepted: the trade, its sub-orders (empty for all), the company code and waybill. */
    record Shipped(String tid, List<String> subTids, String companyCode, String outSid) {
    }

    private final SimOrderBook book;
    private final SimMessages messages;
    private final SimServer server;
    private final SimCatalog catalog;
    private final Set<String> tmcGroups;
    private final int decryptQuota;
    private final AtomicInteger decrypted = new AtomicInteger();
    private final List<Shipped> shipped = new CopyOnWriteArrayList<>();

    SimApis(SimOrderBook book, SimMessages messages, SimServer server, SimCatalog catalog, Set<String> tmcGroups,
            int decryptQuota) {
        this.book = book;
        this.messages = messages;
        this.server = server;
        this.catalog = catalog;
        this.tmcGroups = tmcGroups;
        this.decryptQuota = decryptQuota;
    }

    /** The consigns accepted, oldest first. */
    List<Shipped> shipped() {
        return List.copyOf(shipped);
    }

    /** Whether the method acts for a seller (needs {@code session}); TMC calls are the app's. */
    static boolean needsSession(String method) {
        return !method.startsWith("taobao.tmc.");
    }

    static boolean known(String method) {
        return Set.of("taobao.trades.sold.increment.get", "taobao.trade.fullinfo.get", "taobao.logistics.offline.send",
                "taobao.item.quantity.update", "taobao.tmc.messages.consume", "taobao.tmc.messages.confirm",
                "taobao.top.oaid.decrypt", "taobao.refund.get", "taobao.rp.refunds.agree", "taobao.refund.refuse",
                "taobao.logistics.companies.get", "taobao.items.onsale.get", "taobao.items.seller.list.get").contains(method);
    }

    /** The {@code *_response} object's content. */
    ObjectNode call(String method, Map<String, String> p) throws SimTopError {
        return switch (method) {
            case "taobao.trades.sold.increment.get" -> increment(p);
            case "taobao.trade.fullinfo.get" -> fullinfo(p);
            case "taobao.logistics.offline.send" -> offlineSend(p);
            case "taobao.item.quantity.update" -> catalog.quantity(p);
            case "taobao.logistics.companies.get" -> companies(p);
            case "taobao.items.onsale.get" -> catalog.onsale(p);
            case "taobao.items.seller.list.get" -> catalog.sellerList(p);
            case "taobao.tmc.messages.consume" -> consume(p);
            case "taobao.tmc.messages.confirm" -> confirm(p);
            case "taobao.top.oaid.decrypt" -> decrypt(p);
            case "taobao.refund.get" -> refundGet(p);
            case "taobao.rp.refunds.agree" -> refundsAgree(p);
            case "taobao.refund.refuse" -> refundRefuse(p);
            default -> throw new SimTopError(22, "Invalid method", null, null);
        };
    }

    /** apiId=128: window at most a day, page_size at most 100, sorted by modified descending. */
    private ObjectNode increment(Map<String, String> p) throws SimTopError {
        Set<String> fields = fields(p);
        Instant start = time(p, "start_modified");
        Instant end = time(p, "end_modified");
        if (!end.isAfter(start)) {
            throw SimTopError.invalid("end_modified", "end_modified must be later than start_modified");
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(1)) > 0) {
            throw SimTopError.invalid("end_modified", "修改时间跨度不能大于一天 (end_modified - start_modified <= 1 day)");
        }
        int pageNo = integer(p, "page_no", 1, 1, Integer.MAX_VALUE);
        int pageSize = integer(p, "page_size", 40, 1, 100);
        boolean hasNext = "true".equals(p.get("use_has_next"));
        // both ends count, at whole seconds (TOP's times have no milliseconds)
        List<SimOrder> changed = book.changed(start, end.plusSeconds(1));
        int from = (int) Math.min((long) (pageNo - 1) * pageSize, changed.size());
        int to = Math.min(from + pageSize, changed.size());
        ObjectNode r = SimRenderer.JSON.createObjectNode();
        if (hasNext) {
            r.put("has_next", to < changed.size());
        } else {
            r.put("total_results", changed.size());
        }
        if (to > from) {
            ArrayNode trades = r.putObject("trades").putArray("trade");
            for (SimOrder o : changed.subList(from, to)) {
                trades.add(SimRenderer.trade(o, fields));
            }
        }
        server.count("pull.pages", 1);
        return r;
    }

    /** apiId=54. */
    private ObjectNode fullinfo(Map<String, String> p) throws SimTopError {
        Set<String> fields = fields(p);
        SimOrder o = order(p.get("tid"), "tid");
        ObjectNode r = SimRenderer.JSON.createObjectNode();
        r.set("trade", SimRenderer.trade(o, fields));
        return r;
    }

    /** taobao.logistics.offline.send: B01 no such trade, B04 already consigned or closed. */
    private ObjectNode offlineSend(Map<String, String> p) throws SimTopError {
        String tid = required(p, "tid");
        String outSid = required(p, "out_sid");
        String company = required(p, "company_code");
        List<String> subTids = p.getOrDefault("sub_tid", "").isBlank() ? List.of() : Arrays.asList(p.get("sub_tid").split(","));
        server.count("ship.calls", 1);
        if (SimCompanies.byCode(company).isEmpty()) {
            // only a code of taobao.logistics.companies.get: not OrderTower's, not the company's numeric id
            server.count("ship.unknown-company", 1);
            throw new SimTopError(15, "Remote service error", "isv.logistics-offline-service-error:B56",
                    "没有选择物流公司或者物流公司格式不对: " + company);
        }
        SimOrderBook.ShipOutcome outcome = book.ship(tid, subTids, company, outSid);
        switch (outcome) {
            case SHIPPED -> {
                server.count("ship.recorded", 1);
                shipped.add(new Shipped(tid, List.copyOf(subTids), company, outSid));
            }
            case NOT_FOUND -> throw new SimTopError(15, "Remote service error", "isv.logistics-offline-service-error:B01", "订单不存在");
            default -> throw new SimTopError(15, "Remote service error", "isv.logistics-offline-service-error:B04",
                    "订单状态不对该物流订单已经发货或者已关闭，不能重复发货");
        }
        ObjectNode r = SimRenderer.JSON.createObjectNode();
        r.putObject("shipping").put("is_success", true);
        return r;
    }

    /**
     * taobao.logistics.companies.get: fields required (id, code, name, reg_mail_no); is_recommended true|false and
     * order_mode offline|online|all checked; every company of {@link SimCompanies} answered with the fields asked for
     * (the simulator recommends none over another).
     */
    private ObjectNode companies(Map<String, String> p) throws SimTopError {
        Set<String> fields = fields(p);
        for (String f : fields) {
            if (!Set.of("id", "code", "name", "reg_mail_no").contains(f)) {
                throw SimTopError.invalid("fields", "可选值:LogisticCompany 结构中的所有字段 (id,code,name,reg_mail_no), not " + f);
            }
        }
        String recommended = p.get("is_recommended");
        if (recommended != null && !Set.of("true", "false").contains(recommended)) {
            throw SimTopError.invalid("is_recommended", "可选值:true,false");
        }
        String mode = p.get("order_mode");
        if (mode != null && !Set.of("offline", "online", "all").contains(mode)) {
            throw SimTopError.invalid("order_mode", "可选值:offline,online,all");
        }
        ObjectNode r = SimRenderer.JSON.createObjectNode();
        ArrayNode list = r.putObject("logistics_companies").putArray("logistics_company");
        for (SimCompanies.Company c : SimCompanies.ALL) {
            ObjectNode n = list.addObject().put("id", c.id()).put("code", c.code()).put("name", c.name())
                    .put("reg_mail_no", c.regMailNo());
            n.retain(fields);
        }
        server.count("companies.served", 1);
        return r;
    }

    /** apiId=21986: quantity 10..200; a group name the app did not set up is an error. */
    private ObjectNode consume(Map<String, String> p) throws SimTopError {
        group(p);
        int quantity = integer(p, "quantity", 100, 10, 200);
        ObjectNode r = SimRenderer.JSON.createObjectNode();
        List<ObjectNode> batch = messages.consume(quantity);
        if (!batch.isEmpty()) {
            ArrayNode list = r.putObject("messages").putArray("tmc_message");
            batch.forEach(list::add);
        }
        return r;
    }

    private ObjectNode confirm(Map<String, String> p) throws SimTopError {
        group(p);
        String ids = required(p, "s_message_ids");
        Set<Long> set = new HashSet<>();
        for (String id : ids.split(",")) {
            try {
                set.add(Long.parseLong(id.strip()));
            } catch (NumberFormatException e) {
                throw SimTopError.invalid("s_message_ids", "'" + id + "' is not a message id");
            }
        }
        if (set.size() > 200) {
            throw SimTopError.invalid("s_message_ids", "at most 200 ids");
        }
        messages.confirm(set);
        ObjectNode r = SimRenderer.JSON.createObjectNode();
        r.put("is_success", true);
        return r;
    }

    /** apiId=54714: at most 20 queries; each needs oaid and tid; a stale oaid answers matched=false; the daily quota leaves entries out. */
    private ObjectNode decrypt(Map<String, String> p) throws SimTopError {
        JsonNode list;
        try {
            list = SimRenderer.JSON.readTree(required(p, "query_list"));
        } catch (JsonProcessingException e) {
            throw SimTopError.invalid("query_list", "query_list must be a JSON array");
        }
        if (!list.isArray() || list.isEmpty() || list.size() > 20) {
            throw SimTopError.invalid("query_list", "解密请求列表,最多支持20个");
        }
        ObjectNode r = SimRenderer.JSON.createObjectNode();
        ArrayNode out = r.putObject("receiver_list").putArray("receiver");
        for (JsonNode q : list) {
            String oaid = q.path("oaid").asText("");
            String tid = q.path("tid").asText("");
            if (oaid.isEmpty() || tid.isEmpty()) {
                throw SimTopError.missing(oaid.isEmpty() ? "query_list.oaid" : "query_list.tid");
            }
            SimOrder o = book.get(tid).orElse(null);
            if (o != null && !SimRenderer.oaid(o).equals(oaid)) {
                // "oaid是否和tid当前的oaid匹配...当不匹配时，建议通过taobao.trade.fullinfo.get获取最新的oaid" (Receiver.matched)
                server.count("decrypt.stale", 1);
                out.addObject().put("oaid", oaid).put("tid", tid).put("matched", false);
                continue;
            }
            if (o == null || decrypted.incrementAndGet() > decryptQuota) {
                server.count("decrypt.refused", 1);
                continue;
            }
            server.count("decrypt.served", 1);
            out.addObject().put("oaid", oaid).put("tid", tid).put("name", o.receiverName).put("mobile", o.receiverPhone)
                    .put("phone", "").put("country", "中国").put("state", o.address[0]).put("city", o.address[1])
                    .put("district", o.address[2]).put("town", o.address[3]).put("address_detail", o.address[4])
                    .put("matched", true);
        }
        return r;
    }

    /** taobao.refund.get: refund_id and fields required; a refund of another shop is as unknown as a missing one. */
    private ObjectNode refundGet(Map<String, String> p) throws SimTopError {
        Set<String> fields = fields(p);
        SimOrder o = refundOrder(p.get("refund_id"));
        Line l = refundLine(o, p.get("refund_id"));
        ObjectNode all = SimRenderer.JSON.createObjectNode();
        all.put("refund_id", l.refundId).put("tid", o.orderId).put("oid", l.lineId).put("status", refundStatus(l))
                .put("refund_fee", SimRenderer.yuan(l.paid)).put("refund_phase", "aftersale")
                .put("refund_version", l.refundModified.toEpochMilli()).put("has_good_return", l.trackingNo != null)
                .put("modified", SimRenderer.time(l.refundModified));
        ObjectNode refund = SimRenderer.JSON.createObjectNode();
        all.fields().forEachRemaining(e -> {
            if (fields.contains(e.getKey())) {
                refund.set(e.getKey(), e.getValue());
            }
        });
        ObjectNode r = SimRenderer.JSON.createObjectNode();
        r.set("refund", refund);
        return r;
    }

    /**
     * taobao.rp.refunds.agree: refund_infos {@code refund_id|amount|version|phase}, at most 20 (淘宝). Each entry is
     * checked (the amount in fen equals the refund's fee, the version is the refund's current one, the refund waits
     * for the seller to confirm returned goods) and answered in results; msg_code OP_SUCC, SOME_OP_SUCC or
     * OP_FAILURE_UE.
     */
    private ObjectNode refundsAgree(Map<String, String> p) throws SimTopError {
        String[] infos = required(p, "refund_infos").split(",");
        if (infos.length > 20) {
            throw SimTopError.invalid("refund_infos", "淘宝退款一次最多能退20笔");
        }
        ObjectNode r = SimRenderer.JSON.createObjectNode();
        ArrayNode results = r.putObject("results").putArray("refund_mapping_result");
        int ok = 0;
        for (String info : infos) {
            String[] f = info.split("\\|", -1);
            if (f.length != 4 || !f[0].matches("\\d{1,19}") || !f[1].matches("\\d{1,12}") || !f[2].matches("\\d{1,19}")) {
                throw SimTopError.invalid("refund_infos", "格式：refund_id|amount|version|phase");
            }
            server.count("refund.agree.calls", 1);
            String message = agreeOne(f);
            results.addObject().put("refund_id", f[0]).put("succ", message == null).put("message",
                    message == null ? "操作成功" : message);
            if (message == null) {
                ok++;
                server.count("refund.agreed", 1);
            }
        }
        r.put("succ", ok == infos.length);
        r.put("msg_code", ok == infos.length ? "OP_SUCC" : ok > 0 ? "SOME_OP_SUCC" : "OP_FAILURE_UE");
        r.put("message", ok == infos.length ? "操作成功" : "部分或全部退款操作失败");
        return r;
    }

    /** One entry of refunds.agree; null when it was agreed, else the entry's message. */
    private String agreeOne(String[] f) {
        SimOrder o = book.byRefund(f[0]).orElse(null);
        if (o == null) {
            return "退款不存在";
        }
        Line l = refundLine(o, f[0]);
        if (Long.parseLong(f[1]) != l.paid.movePointRight(2).longValueExact()) {
            return "退款金额不正确";
        }
        if (Long.parseLong(f[2]) != l.refundModified.toEpochMilli()) {
            return "退款版本已过期，请刷新后重试";
        }
        if (!f[3].isEmpty() && !Set.of("onsale", "aftersale").contains(f[3])) {
            return "退款阶段不正确";
        }
        return switch (book.settleRefund(f[0], true)) {
            case SETTLED -> null;
            case ALREADY_SETTLED -> "退款已完成或已关闭，不能重复操作";
            case WRONG_STATE -> "退款状态不正确：" + refundStatus(l);
            case NOT_FOUND -> "退款不存在";
        };
    }

    /**
     * taobao.refund.refuse: refund_id, refuse_message 2..200 characters, refund_phase onsale|aftersale, refund_version
     * (the refund's current one when given). Errors in TOP's shape: no such refund, wrong state, stale version.
     */
    private ObjectNode refundRefuse(Map<String, String> p) throws SimTopError {
        String id = required(p, "refund_id");
        String message = required(p, "refuse_message");
        if (message.length() < 2 || message.length() > 200) {
            throw SimTopError.invalid("refuse_message", "拒绝退款时的说明信息，长度2-200");
        }
        String phase = p.get("refund_phase");
        if (phase != null && !Set.of("onsale", "aftersale").contains(phase)) {
            throw SimTopError.invalid("refund_phase", "可选值为：onsale, aftersale");
        }
        SimOrder o = refundOrder(id);
        Line l = refundLine(o, id);
        String version = p.get("refund_version");
        if (version != null && !version.equals(String.valueOf(l.refundModified.toEpochMilli()))) {
            throw new SimTopError(15, "Remote service error", "isv.refund-version-expired", "退款版本已过期，请刷新后重试");
        }
        server.count("refund.refuse.calls", 1);
        switch (book.settleRefund(id, false)) {
            case SETTLED -> server.count("refund.refused", 1);
            case ALREADY_SETTLED -> throw new SimTopError(15, "Remote service error", "isv.refund-already-refused",
                    "退款已被拒绝或已关闭，不能重复操作");
            default -> throw new SimTopError(15, "Remote service error", "isv.refund-status-error",
                    "退款状态不正确：" + refundStatus(l));
        }
        Line now = refundLine(book.byRefund(id).orElseThrow(), id);
        ObjectNode r = SimRenderer.JSON.createObjectNode();
        r.put("is_success", true);
        r.putObject("refund").put("refund_id", id).put("status", refundStatus(now)).put("modified",
                SimRenderer.time(now.refundModified));
        return r;
    }

    private SimOrder refundOrder(String id) throws SimTopError {
        if (id == null || id.isBlank()) {
            throw SimTopError.missing("refund_id");
        }
        if (!id.matches("\\d{1,19}")) {
            throw SimTopError.invalid("refund_id", "refund_id must be a number");
        }
        return book.byRefund(id).orElseThrow(() -> new SimTopError(15, "Remote service error", "isv.refund-not-exist",
                "退款不存在"));
    }

    private static Line refundLine(SimOrder o, String id) {
        return o.lines.stream().filter(l -> id.equals(l.refundId)).findFirst().orElseThrow();
    }

    /** The sub-order's refund_status (Refund.status, 退款状态). */
    static String refundStatus(Line l) {
        return switch (l.refund) {
            case NONE -> "NO_REFUND";
            case REQUESTED -> "WAIT_SELLER_AGREE";
            case RETURNING -> "WAIT_SELLER_CONFIRM_GOODS";
            case REFUSED -> "SELLER_REFUSE_BUYER";
            case REFUNDED -> "SUCCESS";
            case CLOSED -> "CLOSED";
        };
    }

    private void group(Map<String, String> p) throws SimTopError {
        String g = p.get("group_name");
        if (g != null && !g.isEmpty() && !tmcGroups.contains(g)) {
            throw SimTopError.invalid("group_name", "用户分组不存在: " + g);
        }
    }

    private SimOrder order(String tid, String param) throws SimTopError {
        if (tid == null || tid.isBlank()) {
            throw SimTopError.missing(param);
        }
        if (!tid.matches("\\d{1,19}")) {
            throw SimTopError.invalid(param, param + " must be a number");
        }
        return book.get(tid).orElseThrow(() -> new SimTopError(15, "Remote service error", "isv.trade-not-exist", "交易不存在"));
    }

    private static Set<String> fields(Map<String, String> p) throws SimTopError {
        String f = required(p, "fields");
        return new LinkedHashSet<>(Arrays.asList(f.split("\\s*,\\s*")));
    }

    private static Instant time(Map<String, String> p, String name) throws SimTopError {
        String v = required(p, name);
        try {
            return LocalDateTime.parse(v, SimRenderer.TIME).atZone(ZoneId.of("GMT+8")).toInstant();
        } catch (DateTimeParseException e) {
            throw SimTopError.invalid(name, name + " must be yyyy-MM-dd HH:mm:ss");
        }
    }

    static int integer(Map<String, String> p, String name, int dflt, int min, int max) throws SimTopError {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) {
                throw SimTopError.invalid(name, name + " must be " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw SimTopError.invalid(name, name + " must be a whole number");
        }
    }
}

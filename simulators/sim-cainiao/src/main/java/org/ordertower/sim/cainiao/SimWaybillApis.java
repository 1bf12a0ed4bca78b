package org.ordertower.sim.cainiao;

import static org.ordertower.sim.kit.SimTopGateway.required;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ordertower.connector.kit.TopSigning;
import org.ordertower.sim.kit.SimServer;
import org.ordertower.sim.kit.SimTopError;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The methods the simulator serves, each checking its business parameters by name as its doc page states; a
 * missing one is TOP's 40 (isv.missing-parameter:path), a malformed one 41 (isv.invalid-parameter:path), a
 * business refusal 15 (Remote service error) with Cainiao's sub_code and text.
 */
final class SimWaybillApis {
    static final Set<String> METHODS = Set.of("cainiao.waybill.ii.get", "cainiao.waybill.ii.cancel", "cainiao.waybill.ii.search",
            "taobao.logistics.trace.get");
    /** order_channels_type values the simulator takes (cainiao.waybill.ii.get, 订单渠道平台编码). */
    private static final Set<String> CHANNELS = Set.of("TB", "TM", "JD", "PDD", "DY", "KS", "XHS", "WX", "OTHERS");
    static final ObjectMapper JSON = new ObjectMapper();

    private final SimWaybillBook book;
    private final SimTracks tracks;
    private final SimServer server;

    SimWaybillApis(SimWaybillBook book, SimTracks tracks, SimServer server) {
        this.book = book;
        this.tracks = tracks;
        this.server = server;
    }

    ObjectNode call(String method, Map<String, String> p) throws SimTopError {
        return switch (method) {
            case "cainiao.waybill.ii.get" -> apply(p);
            case "cainiao.waybill.ii.cancel" -> cancel(p);
            case "cainiao.waybill.ii.search" -> search(p);
            case "taobao.logistics.trace.get" -> trace(p);
            default -> throw new SimTopError(22, "Invalid method", null, null);
        };
    }

    /** 电子面单云打印接口: at most 10 trade_order_info_dtos; the same object_id again gives the same waybill. */
    private ObjectNode apply(Map<String, String> p) throws SimTopError {
        String raw = p.get("param_waybill_cloud_print_apply_new_request");
        if (raw == null || raw.isBlank()) {
            throw SimTopError.missing("param_waybill_cloud_print_apply_new_request");
        }
        JsonNode req;
        try {
            req = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw SimTopError.invalid("param_waybill_cloud_print_apply_new_request", "不是合法的JSON");
        }
        if (req == null || !req.isObject()) {
            throw SimTopError.invalid("param_waybill_cloud_print_apply_new_request", "不是JSON对象");
        }
        String cp = text(req, "cp_code", "cp_code");
        if (!book.subscribed(cp)) {
            throw new SimTopError(15, "Remote service error", "isv.invalid-parameter", "未订购该物流公司的电子面单服务 (cp_code=" + cp + ")");
        }
        JsonNode sender = object(req, "sender", "sender");
        text(sender, "name", "sender.name");
        phone(sender, "sender");
        JsonNode senderAddress = object(sender, "address", "sender.address");
        String fromCity = text(senderAddress, "city", "sender.address.city");
        text(senderAddress, "province", "sender.address.province");
        text(senderAddress, "detail", "sender.address.detail");
        JsonNode dtos = req.get("trade_order_info_dtos");
        if (dtos == null || dtos.isNull()) {
            throw SimTopError.missing("trade_order_info_dtos");
        }
        if (!dtos.isArray() || dtos.isEmpty()) {
            throw SimTopError.invalid("trade_order_info_dtos", "trade_order_info_dtos 须为非空列表");
        }
        if (dtos.size() > 10) {
            throw SimTopError.invalid("trade_order_info_dtos", "trade_order_info_dtos 一次最多10个，实际" + dtos.size() + "个");
        }
        List<SimWaybillBook.Ask> asks = new ArrayList<>();
        Set<String> objectIds = new HashSet<>();
        for (int i = 0; i < dtos.size(); i++) {
            asks.add(ask(dtos.get(i), "trade_order_info_dtos[" + i + "]", fromCity, objectIds));
        }
        List<SimParcel> issued;
        try {
            issued = book.apply(cp, asks);
        } catch (SimWaybillBook.Refusal r) {
            server.count("waybills.refused.quota", 1);
            throw new SimTopError(15, "Remote service error", r.subCode, r.getMessage());
        }
        server.count("waybills.applied", issued.size());
        ObjectNode r = JSON.createObjectNode();
        ArrayNode modules = r.putObject("modules").putArray("waybill_cloud_print_response");
        for (SimParcel parcel : issued) {
            modules.addObject().put("object_id", parcel.objectId()).put("waybill_code", parcel.waybillCode())
                    .put("print_data", parcel.printData()).put("cp_code", cp).put("real_cp_code", cp);
        }
        return r;
    }

    private static SimWaybillBook.Ask ask(JsonNode dto, String at, String fromCity, Set<String> objectIds) throws SimTopError {
        if (!dto.isObject()) {
            throw SimTopError.invalid(at, "须为对象");
        }
        String objectId = text(dto, "object_id", at + ".object_id");
        if (!objectIds.add(objectId)) {
            throw SimTopError.invalid(at + ".object_id", "同一请求中object_id不能重复");
        }
        JsonNode order = object(dto, "order_info", at + ".order_info");
        String channel = text(order, "order_channels_type", at + ".order_info.order_channels_type");
        if (!CHANNELS.contains(channel)) {
            throw SimTopError.invalid(at + ".order_info.order_channels_type", "未知的订单渠道 " + channel);
        }
        JsonNode trades = order.get("trade_order_list");
        if (trades == null || !trades.isArray() || trades.isEmpty()) {
            throw SimTopError.missing(at + ".order_info.trade_order_list");
        }
        List<String> tradeIds = new ArrayList<>();
        for (JsonNode t : trades) {
            if (!t.isValueNode() || t.asText().isBlank()) {
                throw SimTopError.invalid(at + ".order_info.trade_order_list", "订单号不能为空");
            }
            tradeIds.add(t.asText());
        }
        JsonNode pack = object(dto, "package_info", at + ".package_info");
        JsonNode items = pack.get("items");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw SimTopError.missing(at + ".package_info.items");
        }
        for (int j = 0; j < items.size(); j++) {
            JsonNode item = items.get(j);
            text(item, "name", at + ".package_info.items[" + j + "].name");
            JsonNode count = item.get("count");
            if (count == null || !count.canConvertToInt() || count.asInt() < 1) {
                throw SimTopError.invalid(at + ".package_info.items[" + j + "].count", "count 须为正整数");
            }
        }
        JsonNode weight = pack.get("weight");
        if (weight != null && (!weight.canConvertToLong() || weight.asLong() < 0)) {
            throw SimTopError.invalid(at + ".package_info.weight", "weight 须为非负整数(克)");
        }
        String toCity = recipient(object(dto, "recipient", at + ".recipient"), at + ".recipient", channel);
        String template = text(dto, "template_url", at + ".template_url");
        if (!template.startsWith("http://") && !template.startsWith("https://")) {
            throw SimTopError.invalid(at + ".template_url", "template_url 须为云打印模板URL");
        }
        JsonNode user = dto.get("user_id");
        if (user == null || user.isNull()) {
            throw SimTopError.missing(at + ".user_id");
        }
        if (!user.canConvertToLong() && !user.asText().matches("\\d{1,18}")) {
            throw SimTopError.invalid(at + ".user_id", "user_id 须为数字");
        }
        return new SimWaybillBook.Ask(objectId, tradeIds, fromCity, toCity, template);
    }

    /** A complete address, or (Taobao and Tmall orders only) the oaid with the masked parts the order shows. */
    private static String recipient(JsonNode r, String at, String channel) throws SimTopError {
        JsonNode address = object(r, "address", at + ".address");
        JsonNode oaid = r.get("oaid");
        if (oaid != null && !oaid.isNull()) {
            if (!"TB".equals(channel) && !"TM".equals(channel)) {
                throw SimTopError.invalid(at + ".oaid", "oaid 仅适用于淘宝/天猫订单");
            }
            if (oaid.asText().isBlank()) {
                throw SimTopError.invalid(at + ".oaid", "oaid 不能为空");
            }
            text(address, "province", at + ".address.province");
            JsonNode city = address.get("city");
            return city == null || city.asText().isBlank() ? "收件城市" : city.asText();
        }
        text(r, "name", at + ".name");
        phone(r, at);
        text(address, "province", at + ".address.province");
        String city = text(address, "city", at + ".address.city");
        text(address, "district", at + ".address.district");
        text(address, "detail", at + ".address.detail");
        return city;
    }

    private static void phone(JsonNode contact, String at) throws SimTopError {
        JsonNode mobile = contact.get("mobile");
        JsonNode phone = contact.get("phone");
        if ((mobile == null || mobile.asText().isBlank()) && (phone == null || phone.asText().isBlank())) {
            throw SimTopError.missing(at + ".mobile");
        }
    }

    /** 商家取消获取的电子面单号: gives the number back to the balance. */
    private ObjectNode cancel(Map<String, String> p) throws SimTopError {
        String cp = required(p, "cp_code");
        String code = required(p, "waybill_code");
        try {
            book.cancel(cp, code, new SimWaybillBook.Cancelled() {
                @Override
                public boolean is(String waybillCode) {
                    return tracks.cancelled(waybillCode);
                }

                @Override
                public boolean collected(String waybillCode) {
                    return book.waybill(waybillCode).map(tracks::collected).orElse(false);
                }

                @Override
                public void mark(String waybillCode) {
                    tracks.cancel(waybillCode);
                }
            });
        } catch (SimWaybillBook.Refusal r) {
            throw new SimTopError(15, "Remote service error", r.subCode, r.getMessage());
        }
        server.count("waybills.cancelled", 1);
        ObjectNode r = JSON.createObjectNode();
        r.put("cancel_result", true);
        return r;
    }

    /** 查询面单服务订购及面单使用情况: one branch per subscribed carrier. */
    private ObjectNode search(Map<String, String> p) {
        String cp = p.get("cp_code");
        ObjectNode r = JSON.createObjectNode();
        ArrayNode infos = r.putObject("waybill_apply_subscription_cols").putArray("waybill_apply_subscription_info");
        for (SimWaybillBook.Account a : book.accounts(cp == null || cp.isBlank() ? null : cp)) {
            ObjectNode info = infos.addObject().put("cp_code", a.cpCode).put("cp_type", 2);
            ObjectNode branch = info.putObject("branch_account_cols").putArray("waybill_branch_account").addObject();
            branch.put("branch_code", a.cpCode + "-571001").put("branch_name", "杭州余杭区" + a.cpCode + "网点").put("branch_status", 0)
                    .put("quantity", a.quantity).put("allocated_quantity", a.allocated).put("cancel_quantity", a.cancelled)
                    .put("print_quantity", a.allocated);
            branch.putObject("shipp_address_cols").putArray("address_dto").addObject().put("province", "浙江省").put("city", "杭州市")
                    .put("district", "余杭区").put("detail", "仓前街道文一西路969号");
        }
        return r;
    }

    /** 用户根据交易号查询物流流转信息: the waybills of a trade with their steps so far. */
    private ObjectNode trace(Map<String, String> p) throws SimTopError {
        String tid = required(p, "tid");
        if (!tid.matches("\\d{1,20}")) {
            throw SimTopError.invalid("tid", "tid 须为数字交易号");
        }
        List<SimParcel> parcels = book.ofTrade(tid).stream().filter(x -> !tracks.cancelled(x.waybillCode())).toList();
        if (parcels.isEmpty()) {
            throw new SimTopError(15, "Remote service error", "isv.trade-not-exist", "交易不存在或未发货");
        }
        ObjectNode r = JSON.createObjectNode();
        ArrayNode results = r.putObject("result").putArray("transit_step_result");
        for (SimParcel parcel : parcels) {
            List<SimTracks.Step> steps = tracks.steps(parcel);
            ObjectNode one = results.addObject().put("out_sid", parcel.waybillCode()).put("company_name", parcel.cpCode())
                    .put("tid", Long.parseLong(tid)).put("status", SimTracks.status(steps));
            ArrayNode list = one.putObject("trace_list").putArray("transit_step_info");
            for (SimTracks.Step s : steps) {
                list.addObject().put("status_time", TopSigning.TIMESTAMP.format(s.at()))
                        .put("status_desc", s.desc()).put("action", s.action());
            }
        }
        server.count("trace.queries", 1);
        return r;
    }

    private static String text(JsonNode node, String field, String path) throws SimTopError {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw SimTopError.missing(path);
        }
        if (!v.isValueNode()) {
            throw SimTopError.invalid(path, path + " 须为字符串");
        }
        return v.asText();
    }

    private static JsonNode object(JsonNode node, String field, String path) throws SimTopError {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw SimTopError.missing(path);
        }
        if (!v.isObject()) {
            throw SimTopError.invalid(path, path + " 须为对象");
        }
        return v;
    }
}

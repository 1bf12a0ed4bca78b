package org.ordertower.sim.kuaidi100;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ordertower.connector.kit.RateLimiter;
import org.ordertower.sim.kit.SimRequest;
import org.ordertower.sim.kit.SimResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Kuaidi100's tracking host, strict: {@code POST /poll} (subscribe) and {@code POST /poll/query.do} (real-time
 * query), with Kuaidi100's answer shape {@code {"result":false,"returnCode":"...","message":"..."}} (HTTP 200) for
 * every refusal. Checks signatures with its own MD5 code, never the connector's.
 */
final class Kuaidi100SimService {
    /** Kuaidi100 company codes the simulator serves, with their names (快递公司编码表). */
    static final Map<String, String> COMPANIES = Map.of("shunfeng", "顺丰速运", "zhongtong", "中通快递", "yuantong", "圆通速递",
            "shentong", "申通快递", "yunda", "韵达快递", "ems", "EMS", "jd", "京东物流", "jtexpress", "极兔速递", "debangkuaidi",
            "德邦快递");
    /** Companies whose tracking needs a phone (实时查询 param.phone: 顺丰速运、中通快递必填). */
    static final List<String> PHONE_REQUIRED = List.of("shunfeng", "zhongtong");

    private final Kuaidi100Simulator sim;
    private final ObjectMapper json;
    private final RateLimiter rate;

    Kuaidi100SimService(Kuaidi100Simulator sim, ObjectMapper json, double ratePerSecond) {
        this.sim = sim;
        this.json = json;
        this.rate = new RateLimiter(ratePerSecond, Math.max(1, ratePerSecond));
    }

    /** A refusal in Kuaidi100's shape. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;

        Refusal(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    SimResponse subscribe(SimRequest request) throws Exception {
        if (!request.path().equals("/poll")) {
            return new SimResponse(404, "text/plain", "no such path: " + request.path());
        }
        try {
            if (!"POST".equals(request.method())) {
                throw new Refusal("700", "请使用POST提交订阅");
            }
            if (!rate.tryAcquire()) {
                sim.count("rateLimited");
                throw new Refusal("500", "服务器错误：请求过于频繁，请稍后再试");
            }
            String schema = request.form().get("schema");
            if (schema != null && !schema.equals("json")) {
                throw new Refusal("700", "schema仅支持json");
            }
            JsonNode p = param(request.form().get("param"), "700");
            String key = text(p, "key");
            if (key == null || !key.equals(sim.settings().key())) {
                sim.count("authRefused");
                throw new Refusal("600", "您不是合法的订阅者（即授权Key出错）");
            }
            String company = text(p, "company");
            if (company == null || company.isEmpty()) {
                throw new Refusal("700", "订阅的快递公司编码不能为空");
            }
            if (!COMPANIES.containsKey(company)) {
                throw new Refusal("700", "不支持的快递公司：" + company);
            }
            String number = text(p, "number");
            if (number == null || number.length() < 6 || number.length() > 32) {
                throw new Refusal("700", "单号为空或长度不在6到32个字符之间");
            }
            JsonNode parameters = p.get("parameters");
            if (parameters == null || !parameters.isObject()) {
                throw new Refusal("700", "parameters不能为空");
            }
            String callback = text(parameters, "callbackurl");
            if (callback == null || !httpUrl(callback)) {
                throw new Refusal("700", "错误的回调地址");
            }
            String phone = text(parameters, "phone");
            if (PHONE_REQUIRED.contains(company) && (phone == null || phone.isBlank())) {
                throw new Refusal("700", COMPANIES.get(company) + "单号须提供收件人或寄件人电话(phone)");
            }
            String resultv2 = text(parameters, "resultv2");
            String code = sim.subscribe(company, number, callback, text(parameters, "salt"), resultv2, phone, text(p, "to"));
            if (!code.equals("200")) {
                throw new Refusal(code, "重复订阅");
            }
            sim.count("subscriptions");
            return answer(true, "200", "提交成功");
        } catch (Refusal r) {
            sim.count("errors");
            return answer(false, r.code, r.getMessage());
        }
    }

    SimResponse query(SimRequest request) throws Exception {
        if (!request.path().equals("/poll/query.do")) {
            return new SimResponse(404, "text/plain", "no such path: " + request.path());
        }
        try {
            if (!"POST".equals(request.method())) {
                throw new Refusal("400", "请使用POST提交查询");
            }
            if (!rate.tryAcquire()) {
                sim.count("rateLimited");
                throw new Refusal("502", "服务器繁忙，请稍后再试");
            }
            String customer = request.form().get("customer");
            String sign = request.form().get("sign");
            String paramText = request.form().get("param");
            if (customer == null || customer.isEmpty() || sign == null || sign.isEmpty() || paramText == null
                    || paramText.isEmpty()) {
                throw new Refusal("400", "提交的数据不完整：customer、sign、param均为必填");
            }
            String expected = customer.equals(sim.settings().customer())
                    ? md5Upper(paramText + sim.settings().key() + customer) : null;
            if (expected == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    sign.getBytes(StandardCharsets.UTF_8))) {
                sim.count("badSignatures");
                throw new Refusal("503", "验证签名失败");
            }
            JsonNode p = param(paramText, "400");
            String com = text(p, "com");
            if (com == null || !COMPANIES.containsKey(com)) {
                throw new Refusal("400", "找不到对应公司");
            }
            String num = text(p, "num");
            if (num == null || num.length() < 6 || num.length() > 32) {
                throw new Refusal("400", "提交的数据不完整：单号为空或长度不在6到32个字符之间");
            }
            String phone = text(p, "phone");
            Kuaidi100SimJourney journey = sim.journey(com, num);
            if (PHONE_REQUIRED.contains(com)) {
                if (phone == null || phone.isBlank() || journey != null && journey.phone() != null
                        && !last4(phone).equals(last4(journey.phone()))) {
                    throw new Refusal("408", "快递公司参数异常：验证码错误");
                }
            }
            sim.count("queries");
            List<Kuaidi100SimJourney.Step> steps = journey == null ? List.of() : journey.revealed(sim.clock().instant());
            if (steps.isEmpty()) {
                throw new Refusal("500", "查询无结果，请隔段时间再查");
            }
            String order = text(p, "order");
            boolean asc = "asc".equals(order);
            ObjectNode out = result(com, num, steps, text(p, "resultv2"), !asc);
            return SimResponse.json(json.writeValueAsString(out));
        } catch (Refusal r) {
            sim.count("errors");
            return answer(false, r.code, r.getMessage());
        }
    }

    /** A result object (query answer or push lastResult): com, nu, state, data in the given order. */
    ObjectNode result(String com, String num, List<Kuaidi100SimJourney.Step> steps, String resultv2, boolean newestFirst) {
        boolean advanced = resultv2 != null && resultv2.matches("[0-9]{1,2}") && Integer.parseInt(resultv2) >= 4;
        boolean names = advanced || "1".equals(resultv2);
        Kuaidi100SimJourney.Step newest = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        ObjectNode out = json.createObjectNode();
        out.put("message", "ok");
        out.put("nu", num);
        out.put("ischeck", newest != null && newest.isFinal() ? "1" : "0");
        out.put("condition", "F00");
        out.put("com", com);
        out.put("status", "200");
        out.put("state", newest == null ? "0" : advanced ? newest.code() : newest.mainCode());
        ArrayNode data = out.putArray("data");
        for (int i = 0; i < steps.size(); i++) {
            Kuaidi100SimJourney.Step s = steps.get(newestFirst ? steps.size() - 1 - i : i);
            ObjectNode d = data.addObject();
            String t = Kuaidi100Simulator.format(s.at());
            d.put("time", t);
            d.put("context", s.context());
            d.put("ftime", t);
            if (names) {
                d.put("areaName", s.areaName());
                d.put("status", advanced ? s.name() : s.mainName());
            }
            if (advanced) {
                d.put("statusCode", s.code());
                d.put("location", s.areaName());
            }
        }
        return out;
    }

    private JsonNode param(String text, String code) throws Refusal {
        if (text == null || text.isBlank()) {
            throw new Refusal(code, "param不能为空");
        }
        JsonNode p;
        try {
            p = json.readTree(text);
        } catch (Exception e) {
            throw new Refusal(code, "param不是合法的JSON");
        }
        if (p == null || !p.isObject()) {
            throw new Refusal(code, "param不是JSON对象");
        }
        return p;
    }

    private static String text(JsonNode node, String field) throws Refusal {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode() || v.isBoolean()) {
            throw new Refusal("700", field + "类型错误");
        }
        return v.asText();
    }

    private static boolean httpUrl(String url) {
        try {
            URI u = URI.create(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String last4(String phone) {
        String p = phone.contains("-") ? phone.substring(phone.lastIndexOf('-') + 1) : phone;
        p = p.replaceAll("[^0-9]", "");
        return p.length() <= 4 ? p : p.substring(p.length() - 4);
    }

    static String md5Upper(String text) {
        try {
            return HexFormat.of().withUpperCase()
                    .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JVM", e);
        }
    }

    private SimResponse answer(boolean result, String code, String message) throws Exception {
        ObjectNode o = json.createObjectNode();
        o.put("result", result);
        o.put("returnCode", code);
        o.put("message", message);
        return SimResponse.json(json.writeValueAsString(o));
    }
}

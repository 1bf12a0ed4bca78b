package org.ordertower.sim.douyin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimOrderBook;
import org.ordertower.sim.kit.SimTokenBook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The methods the simulator serves, each checking its business parameters as the platform does; the catalog side
 * (logistics companies, products, SKUs, stock) is {@link DouyinSimCatalog}'s.
 */
final class DouyinSimMethods {
    /** A ship call the simulator accepted. */
    record Shipped(String orderId, String companyCode, String trackingNo) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("token.create", "token.refresh", "order.searchList", "order.orderDetail",
            "order.logisticsAdd", "sku.syncStock", "order.batchDecrypt", "order.logisticsCompanyList", "product.listV2",
            "sku.list");

    private final DouyinSimSettings settings;
    private final SimOrderBook book;
    private final SimTokenBook tokens;
    private final DouyinSimRenderer renderer;
    private final DouyinSimCipher cipher;
    private final DouyinSimCatalog catalog;
    private final List<Shipped> shipped = new CopyOnWriteArrayList<>();
    private final AtomicInteger decryptsLeft;

    DouyinSimMethods(DouyinSimSettings settings, SimOrderBook book, SimTokenBook tokens, DouyinSimRenderer renderer,
            DouyinSimCipher cipher, DouyinSimCatalog catalog) {
        this.settings = settings;
        this.book = book;
        this.tokens = tokens;
        this.renderer = renderer;
        this.cipher = cipher;
        this.catalog = catalog;
        this.decryptsLeft = new AtomicInteger(settings.decryptQuota());
    }

    boolean knows(String method) {
        return METHODS.contains(method);
    }

    boolean isTokenCall(String method) {
        return method.startsWith("token.");
    }

    List<Shipped> shipped() {
        return List.copyOf(shipped);
    }

    JsonNode call(String method, JsonNode p) {
        return switch (method) {
            case "token.create" -> tokenCreate(p);
            case "token.refresh" -> tokenRefresh(p);
            case "order.searchList" -> searchList(p);
            case "order.orderDetail" -> orderDetail(p);
            case "order.logisticsAdd" -> logisticsAdd(p);
            case "sku.syncStock" -> catalog.syncStock(p);
            case "order.logisticsCompanyList" -> catalog.logisticsCompanyList();
            case "product.listV2" -> catalog.productList(p);
            case "sku.list" -> catalog.skuList(p);
            default -> batchDecrypt(p);
        };
    }

    private JsonNode tokenCreate(JsonNode p) {
        String grant = text(p, "grant_type");
        if ("authorization_self".equals(grant)) {
            if (!settings.shop().equals(p.path("shop_id").asText())) {
                throw new DouyinSimError(50001, "平台处理失败", "dop.token-generate-failed:no-authorization",
                        "生成token失败，店铺授权已失效，请重新引导商家完成店铺授权");
            }
        } else if (!"authorization_code".equals(grant) || p.path("code").asText().isEmpty()) {
            throw new DouyinSimError(50001, "平台处理失败", "dop.token-generate-failed:grant-type-invalid",
                    "生成token失败，grant_type参数取值不正确");
        }
        return tokenData(tokens.issue());
    }

    private JsonNode tokenRefresh(JsonNode p) {
        if (!"refresh_token".equals(text(p, "grant_type"))) {
            throw new DouyinSimError(50001, "平台处理失败", "dop.token-generate-failed:grant-type-invalid",
                    "生成token失败，grant_type参数取值不正确");
        }
        SimTokenBook.Renewal renewal = tokens.renew(text(p, "refresh_token"));
        if (renewal.status() == SimTokenBook.Status.UNKNOWN) {
            throw new DouyinSimError(50001, "平台处理失败", "dop.token-generate-failed:token-invalid", "生成token失败，token不存在");
        }
        if (renewal.status() == SimTokenBook.Status.EXPIRED) {
            throw new DouyinSimError(50001, "平台处理失败", "dop.token-generate-failed:token-expired", "生成token失败，token已过期");
        }
        return tokenData(renewal.issued());
    }

    private ObjectNode tokenData(SimTokenBook.Issued pair) {
        ObjectNode d = MAPPER.createObjectNode();
        d.put("access_token", pair.accessToken()).put("expires_in", tokens.ttlSeconds()).put("refresh_token", pair.refreshToken())
                .put("scope", "SCOPE").put("shop_id", Long.parseLong(settings.shop())).put("shop_name", "OrderTower 模拟店铺")
                .put("authority_id", "").put("auth_subject_type", "MiniShop");
        return d;
    }

    private JsonNode searchList(JsonNode p) {
        long size = p.has("size") ? integer(p, "size") : 10;
        long page = p.has("page") ? integer(p, "page") : 0;
        if (size < 1 || size > 100) {
            throw DouyinSimError.invalid("isv.parameter-invalid", "size取值范围为1-100");
        }
        if (page < 0) {
            throw DouyinSimError.invalid("isv.parameter-invalid", "page从0开始");
        }
        String orderBy = p.has("order_by") ? text(p, "order_by") : "create_time";
        if (!orderBy.equals("create_time") && !orderBy.equals("update_time")) {
            throw DouyinSimError.invalid("isv.parameter-invalid", "order_by取值为create_time或update_time");
        }
        boolean byUpdate = p.has("update_time_start") || p.has("update_time_end");
        boolean byCreate = p.has("create_time_start") || p.has("create_time_end");
        String prefix = byUpdate ? "update_time" : "create_time";
        long start = p.has(prefix + "_start") ? integer(p, prefix + "_start") : 0;
        long end = p.has(prefix + "_end") ? integer(p, prefix + "_end") : Long.MAX_VALUE / 2_000;
        if (start > end) {
            throw DouyinSimError.invalid("isv.parameter-invalid", prefix + "_start不能大于" + prefix + "_end");
        }
        List<SimOrder> hits;
        if (byUpdate) {
            hits = book.changed(Instant.ofEpochSecond(start), Instant.ofEpochSecond(end + 1));
        } else {
            hits = new ArrayList<>();
            for (SimOrder o : book.changed(Instant.EPOCH, Instant.ofEpochSecond(Long.MAX_VALUE / 2_000))) {
                long c = o.created.getEpochSecond();
                if (!byCreate || c >= start && c <= end) {
                    hits.add(o);
                }
            }
        }
        boolean asc = p.path("order_asc").asBoolean(false);
        Comparator<SimOrder> order = Comparator.comparingLong(
                (SimOrder o) -> (orderBy.equals("update_time") ? o.modified : o.created).getEpochSecond())
                .thenComparing(o -> o.orderId);
        hits.sort(asc ? order : order.reversed());
        ObjectNode d = MAPPER.createObjectNode();
        d.put("page", page).put("size", size).put("total", hits.size());
        ArrayNode list = d.putArray("shop_order_list");
        long from = page * size;
        for (long i = from; i < Math.min(hits.size(), from + size); i++) {
            list.add(renderer.render(hits.get((int) i)));
        }
        return d;
    }

    private JsonNode orderDetail(JsonNode p) {
        String id = text(p, "shop_order_id");
        SimOrder o = book.get(id).orElseThrow(() -> DouyinSimError.badBusinessParam("订单不存在"));
        ObjectNode d = MAPPER.createObjectNode();
        d.set("shop_order_detail", renderer.render(o));
        return d;
    }

    /**
     * order.logisticsAdd: {@code company_code} (必填) must be a code of order.logisticsCompanyList; the deprecated
     * {@code logistics_id} alone is refused. The text for an unknown code is the simulator's own.
     */
    private JsonNode logisticsAdd(JsonNode p) {
        String id = text(p, "order_id");
        if (!p.hasNonNull("company_code")) {
            throw DouyinSimError.missing("isv.parameter-missing", "缺少参数company_code");
        }
        String company = text(p, "company_code");
        if (DouyinSimCatalog.company(company) == null) {
            throw DouyinSimError.badBusinessParam("物流公司code不存在，请通过/order/logisticsCompanyList获取: " + company);
        }
        String tracking = text(p, "logistics_code");
        switch (book.ship(id, List.of(), company, tracking)) {
            case SHIPPED -> shipped.add(new Shipped(id, company, tracking));
            case ALREADY_SHIPPED -> throw DouyinSimError.business("订单已发货，不能重复发货");
            case NOT_FOUND -> throw DouyinSimError.badBusinessParam("订单不存在");
            default -> throw DouyinSimError.business("订单当前状态不允许发货");
        }
        return MAPPER.createObjectNode();
    }

    private JsonNode batchDecrypt(JsonNode p) {
        JsonNode infos = p.get("cipher_infos");
        if (infos == null || !infos.isArray() || infos.isEmpty()) {
            throw DouyinSimError.missing("isv.parameter-missing", "缺少参数cipher_infos");
        }
        if (infos.size() > 50) {
            throw DouyinSimError.invalid("isv.parameter-invalid", "cipher_infos最多50个");
        }
        ObjectNode d = MAPPER.createObjectNode();
        ArrayNode out = d.putArray("decrypt_infos");
        for (JsonNode info : infos) {
            String authId = info.path("auth_id").asText("");
            String c = info.path("cipher_text").asText("");
            ObjectNode o = out.addObject().put("auth_id", authId).put("cipher_text", c);
            DouyinSimCipher.Plain plain = cipher.decrypt(c);
            if (plain == null || !plain.orderId().equals(authId)) {
                o.put("err_no", 300002).put("err_msg", "密文与业务标识不匹配").put("decrypt_text", "");
            } else if (decryptsLeft.getAndDecrement() <= 0) {
                o.put("err_no", 300008).put("err_msg", "解密额度已用完").put("decrypt_text", "");
            } else {
                o.put("err_no", 0).put("err_msg", "").put("decrypt_text", plain.text()).put("data_type", plain.dataType())
                        .put("is_virtual_tel", false);
            }
        }
        d.putObject("custom_err").put("err_code", 0).put("err_msg", "");
        return d;
    }

    static String text(JsonNode p, String name) {
        JsonNode n = p.get(name);
        if (n == null || n.isNull() || n.asText().isEmpty()) {
            throw DouyinSimError.missing("isv.parameter-missing", "缺少参数" + name);
        }
        if (!n.isValueNode()) {
            throw DouyinSimError.invalid("isv.parameter-invalid", "参数" + name + "类型错误");
        }
        return n.asText();
    }

    static long integer(JsonNode p, String name) {
        JsonNode n = p.get(name);
        if (n == null || n.isNull()) {
            throw DouyinSimError.missing("isv.parameter-missing", "缺少参数" + name);
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isTextual() && n.asText().matches("-?\\d{1,18}")) {
            return Long.parseLong(n.asText());
        }
        throw DouyinSimError.invalid("isv.parameter-invalid", "参数" + name + "应为整数");
    }
}

package org.ordertower.channel.douyin.internal;

import static org.ordertower.channel.douyin.internal.DouyinConstants.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.Address;
import org.ordertower.api.Buyer;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.DecryptRequest;
import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.PullPage;
import org.ordertower.api.channel.Receiver;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.channel.douyin.internal.api.DouyinClient;
import org.ordertower.channel.douyin.internal.api.dto.DecryptDto;
import org.ordertower.channel.douyin.internal.api.dto.ResponseDto;
import org.ordertower.channel.douyin.internal.api.dto.SearchListDto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The shop's business calls over {@link DouyinClient}: incremental pull (order.searchList by update time),
 * fetch (order.orderDetail), ship (order.logisticsAdd), stock (sku.syncStock) and decrypt
 * (order.batchDecrypt, with the order id the request carries as auth_id). Keeps no state between calls.
 * Thread-safe.
 */
final class DouyinShopCalls {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DouyinClient client;

    DouyinShopCalls(DouyinClient client) {
        this.client = client;
    }

    PullPage pull(Instant from, Instant to, String pageToken) {
        DouyinPageToken at = pageToken == null ? DouyinPageToken.first(from) : DouyinPageToken.parse(pageToken, from, to);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("update_time_start", at.second());
        // update_time_end is taken as inclusive; orders of the window's last second are filtered below
        params.put("update_time_end", DouyinPageToken.ceilSecond(to));
        params.put("page", at.page());
        params.put("size", MAX_PAGE_SIZE);
        params.put("order_by", "update_time");
        params.put("order_asc", true);
        SearchListDto page = MAPPER.convertValue(client.call(METHOD_SEARCH_LIST, params), SearchListDto.class);
        List<JsonNode> rows = page == null || page.shopOrderList() == null ? List.of() : page.shopOrderList();
        List<PlatformOrder> orders = new ArrayList<>();
        long last = at.second();
        for (JsonNode row : rows) {
            PlatformOrder o = platformOrder(row);
            long second = o.modifiedAt().getEpochSecond();
            last = Math.max(last, second);
            boolean inWindow = !o.modifiedAt().isBefore(from) && o.modifiedAt().isBefore(to);
            if (inWindow && !(second == at.second() && at.seen().contains(o.platformOrderId()))) {
                orders.add(o);
            }
        }
        if (rows.size() < MAX_PAGE_SIZE) {
            return new PullPage(orders, null);
        }
        List<String> atLast = new ArrayList<>();
        for (JsonNode row : rows) {
            if (row.path("update_time").asLong() == last) {
                atLast.add(row.path("order_id").asText());
            }
        }
        return new PullPage(orders, at.next(last, atLast).text());
    }

    PlatformOrder fetch(String orderId) {
        JsonNode data = client.call(METHOD_ORDER_DETAIL, Map.of("shop_order_id", orderId));
        JsonNode detail = data.get("shop_order_detail");
        if (detail == null || !detail.isObject()) {
            throw new ChannelException(Kind.PERMANENT, "douyin order.orderDetail answered no shop_order_detail for " + orderId);
        }
        return platformOrder(detail);
    }

    /**
     * order.logisticsAdd for the whole order: {@code company_code} = the shipment's carrier code, which is Douyin's own
     * company code ({@code zhongtong}) from order.logisticsCompanyList, as core translates it before calling.
     */
    ShipResult ship(Shipment s) {
        if (!s.lineNos().isEmpty()) {
            // split parcels need order.logisticsAddSinglePack / logisticsAddMultiPack (not done, see README)
            throw new ChannelException(Kind.PERMANENT, "douyin: shipping some lines of an order is not supported; ship the whole order");
        }
        Map<String, Object> params = Map.of("order_id", s.platformOrderId(), "company_code", s.carrierCode(), "logistics_code",
                s.trackingNo());
        ResponseDto r = client.exchange(METHOD_LOGISTICS_ADD, params);
        if (r.code() == CODE_SUCCESS) {
            return ShipResult.SHIPPED;
        }
        if (DouyinClient.businessFailureSays(r, ALREADY_SHIPPED_TEXT)) {
            return ShipResult.ALREADY_SHIPPED;
        }
        throw DouyinClient.classify(METHOD_LOGISTICS_ADD, r);
    }

    void updateStock(StockUpdate u) {
        if (u.quantity() < 0) {
            throw new ChannelException(Kind.PERMANENT, "douyin: stock quantity must be at least 0, was " + u.quantity());
        }
        Map<String, Object> params = new LinkedHashMap<>();
        if (u.channelSku() != null && u.channelSku().matches("\\d{1,19}")) {
            params.put("sku_id", Long.parseLong(u.channelSku()));
            if (u.itemId() != null && u.itemId().matches("\\d{1,19}")) {
                params.put("product_id", Long.parseLong(u.itemId()));
            }
        } else {
            String code = u.outerCode() != null ? u.outerCode() : u.channelSku();
            if (code == null || code.isBlank()) {
                throw new ChannelException(Kind.PERMANENT, "douyin: a stock update needs a SKU id or an outer code");
            }
            params.put("code", code);
        }
        params.put("stock_num", u.quantity());
        params.put("incremental", false);
        client.call(METHOD_SYNC_STOCK, params);
    }

    /**
     * The receiver of one order in clear: its name, phone and address detail ciphertexts (as the mapper stored
     * them) through order.batchDecrypt with the order id as auth_id, at most {@link DouyinConstants#MAX_DECRYPT_BATCH}
     * a call. A part stored in clear (a person corrected it) is kept; a part stored masked cannot be decrypted.
     */
    Receiver decrypt(DecryptRequest request) {
        String orderId = request.platformOrderId();
        Buyer buyer = request.buyer();
        Address address = request.address();
        Map<String, String> parts = new LinkedHashMap<>(); // field -> value as stored
        parts.put("name", buyer == null ? null : buyer.name());
        parts.put("phone", buyer == null ? null : buyer.phone());
        parts.put("address detail", address == null ? null : address.detail());
        List<Map<String, String>> infos = new ArrayList<>();
        for (Map.Entry<String, String> part : parts.entrySet()) {
            String v = part.getValue();
            if (isCipher(v)) {
                infos.add(Map.of("auth_id", orderId, "cipher_text", v));
            } else if (v != null && v.contains("*")) {
                throw new ChannelException(Kind.PERMANENT, "douyin order " + orderId + ": the stored " + part.getKey()
                        + " is masked, not encrypted, so it cannot be decrypted; pull the order again");
            }
        }
        if (infos.isEmpty() && parts.values().stream().allMatch(v -> v == null)) {
            throw new ChannelException(Kind.PERMANENT, "douyin order " + orderId + " has no receiver to decrypt");
        }
        Map<String, String> plain = new LinkedHashMap<>();
        for (int i = 0; i < infos.size(); i += MAX_DECRYPT_BATCH) {
            List<Map<String, String>> batch = infos.subList(i, Math.min(infos.size(), i + MAX_DECRYPT_BATCH));
            DecryptDto d = MAPPER.convertValue(client.call(METHOD_BATCH_DECRYPT, Map.of("cipher_infos", batch)),
                    DecryptDto.class);
            if (d != null && d.customErr() != null && d.customErr().errCode() != null && d.customErr().errCode() != 0) {
                throw decryptRefused(orderId, "the call", d.customErr().errCode(), d.customErr().errMsg());
            }
            for (DecryptDto.Info info : d == null || d.decryptInfos() == null ? List.<DecryptDto.Info>of() : d.decryptInfos()) {
                if (info.errNo() != null && info.errNo() != 0) {
                    throw decryptRefused(orderId, fieldOf(parts, info.cipherText()), info.errNo(), info.errMsg());
                }
                if (info.cipherText() != null && info.decryptText() != null) {
                    plain.put(info.cipherText(), info.decryptText());
                }
            }
        }
        for (Map<String, String> info : infos) {
            if (!plain.containsKey(info.get("cipher_text"))) {
                throw new ChannelException(Kind.PERMANENT, "douyin " + METHOD_BATCH_DECRYPT + " answered nothing for the "
                        + fieldOf(parts, info.get("cipher_text")) + " of order " + orderId);
            }
        }
        String name = clear(parts.get("name"), plain);
        String phone = clear(parts.get("phone"), plain);
        Address clearAddress = address == null ? null
                : new Address(address.country(), address.province(), address.city(), address.district(), address.street(),
                        clear(address.detail(), plain), address.postcode());
        return new Receiver(name, phone, clearAddress);
    }

    /**
     * True for a value in the platform's ciphertext shape: delimiter, search index, delimiter, ciphertext, delimiter,
     * version, two delimiters; {@code ~} names, {@code $} phones, {@code #} addresses (数据安全加密对接文档,
     * op.jinritemai.com/docs/guide-docs/56/589).
     */
    static boolean isCipher(String v) {
        if (v == null || v.length() < 6) {
            return false;
        }
        char d = v.charAt(0);
        return (d == '~' || d == '$' || d == '#') && v.endsWith(String.valueOf(d) + d);
    }

    private static String clear(String stored, Map<String, String> plain) {
        return stored == null ? null : plain.getOrDefault(stored, stored);
    }

    private static String fieldOf(Map<String, String> parts, String cipher) {
        for (Map.Entry<String, String> p : parts.entrySet()) {
            if (p.getValue() != null && p.getValue().equals(cipher)) {
                return p.getKey();
            }
        }
        return "ciphertext";
    }

    /** A refused decryption: a spent quota is RATE_LIMITED with the platform's message, anything else PERMANENT. */
    private static ChannelException decryptRefused(String orderId, String what, long errNo, String errMsg) {
        String msg = errMsg == null ? "" : errMsg;
        boolean quota = errNo == DECRYPT_ERR_QUOTA || msg.contains("额度");
        return new ChannelException(quota ? Kind.RATE_LIMITED : Kind.PERMANENT, "douyin " + METHOD_BATCH_DECRYPT + " refused the "
                + what + " of order " + orderId + ": " + errNo + " " + msg, String.valueOf(errNo), null, null);
    }

    private PlatformOrder platformOrder(JsonNode row) {
        JsonNode id = row.get("order_id");
        JsonNode updated = row.get("update_time");
        if (id == null || !id.isTextual() || id.asText().isBlank() || updated == null || !updated.isIntegralNumber()) {
            throw new ChannelException(Kind.PERMANENT, "douyin: an order in the answer lacks order_id or update_time");
        }
        return new PlatformOrder(id.asText(), Instant.ofEpochSecond(updated.asLong()), row.toString());
    }
}

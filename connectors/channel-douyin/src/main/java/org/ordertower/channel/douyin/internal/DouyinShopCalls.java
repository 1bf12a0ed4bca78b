package org.ordertower.channel.douyin.internal;

import static org.ordertower.channel.douyin.internal.DouyinConstants.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.PullPage;
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
 * (order.batchDecrypt). Keeps no state between calls but a bounded memory of which order each ciphertext
 * came from (batchDecrypt wants the order id as auth_id). Thread-safe.
 */
final class DouyinShopCalls {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int CIPHER_MEMORY = 50_000;

    private final DouyinClient client;
    private final Map<String, String> cipherOrders = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CIPHER_MEMORY;
        }
    };

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

    Map<String, String> decrypt(List<String> ciphertexts) {
        List<Map<String, String>> infos = new ArrayList<>();
        synchronized (cipherOrders) {
            for (String c : ciphertexts) {
                String orderId = cipherOrders.get(c);
                if (orderId != null) {
                    infos.add(Map.of("auth_id", orderId, "cipher_text", c));
                }
            }
        }
        Map<String, String> plain = new LinkedHashMap<>();
        for (int i = 0; i < infos.size(); i += MAX_DECRYPT_BATCH) {
            List<Map<String, String>> batch = infos.subList(i, Math.min(infos.size(), i + MAX_DECRYPT_BATCH));
            DecryptDto d = MAPPER.convertValue(client.call(METHOD_BATCH_DECRYPT, Map.of("cipher_infos", batch)), DecryptDto.class);
            if (d != null && d.decryptInfos() != null) {
                for (DecryptDto.Info info : d.decryptInfos()) {
                    if (info.errNo() != null && info.errNo() == 0 && info.cipherText() != null && info.decryptText() != null) {
                        plain.put(info.cipherText(), info.decryptText());
                    }
                }
            }
        }
        return plain;
    }

    private PlatformOrder platformOrder(JsonNode row) {
        JsonNode id = row.get("order_id");
        JsonNode updated = row.get("update_time");
        if (id == null || !id.isTextual() || id.asText().isBlank() || updated == null || !updated.isIntegralNumber()) {
            throw new ChannelException(Kind.PERMANENT, "douyin: an order in the answer lacks order_id or update_time");
        }
        remember(id.asText(), row);
        return new PlatformOrder(id.asText(), Instant.ofEpochSecond(updated.asLong()), row.toString());
    }

    private void remember(String orderId, JsonNode row) {
        synchronized (cipherOrders) {
            for (String c : new String[] { row.path("encrypt_post_receiver").asText(""), row.path("encrypt_post_tel").asText(""),
                    row.path("post_addr").path("encrypt_detail").asText("") }) {
                if (!c.isEmpty()) {
                    cipherOrders.put(c, orderId);
                }
            }
        }
    }
}

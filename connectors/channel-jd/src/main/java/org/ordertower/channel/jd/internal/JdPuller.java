package org.ordertower.channel.jd.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.PullPage;
import org.ordertower.channel.jd.internal.api.JdClient;
import org.ordertower.channel.jd.internal.api.JdWire;
import org.ordertower.channel.jd.internal.api.dto.JdApiResultDto;
import org.ordertower.channel.jd.internal.api.dto.JdSearchResultDto;
import org.ordertower.connector.kit.Ids;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Incremental pull with {@code jingdong.pop.order.search} by modified time (dateType 0, sortType 0: oldest first)
 * and fetch with {@code jingdong.pop.order.get}.
 *
 * <p>Paging by page number over a window whose orders can leave it (a change moves an order's modified time past
 * the window end) skips orders when read forwards: every order behind the one that left moves one place up, onto a
 * page already read. Read backwards, an order leaving only moves already-read orders. So the first call reads page
 * 1 and learns orderTotal: a window of one page is done at once; a longer one delivers nothing yet and the token
 * points at the last page, then the pages are read down to page 1. A total that grew meanwhile restarts at the new
 * last page. Each order of the window comes exactly once when nothing changes meanwhile, and at least once when
 * something does (repeats are harmless: intake is idempotent).
 */
final class JdPuller {
    private final JdClient client;
    private final int pageSize;

    JdPuller(JdClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    PullPage pull(Instant from, Instant to, String page) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw JdWire.failure("pull window [" + from + ", " + to + ") is empty", null);
        }
        if (Duration.between(from, to).compareTo(JdConnector.POLICY.maxWindow()) > 0) {
            throw JdWire.failure("pull window [" + from + ", " + to + ") is longer than "
                    + JdConnector.POLICY.maxWindow(), null);
        }
        // JD compares whole seconds, both ends included. Windows [a, b) and [b, c) must share no second and miss
        // none, so [from, to) asks for the seconds from ceil(from) to ceil(to) - 1.
        Instant start = ceilSecond(from);
        Instant end = ceilSecond(to).minusSeconds(1);
        if (end.isBefore(start)) {
            return new PullPage(List.of(), null);
        }
        if (page == null) {
            Page first = search(start, end, 1);
            int last = lastPage(first.total);
            return last == 1 ? new PullPage(first.orders, null)
                    : new PullPage(List.of(), token(start, end, last, first.total));
        }
        JdPageToken at = JdPageToken.decode(page);
        if (!at.covers(start, end)) {
            throw JdWire.failure("page token '" + page + "' belongs to another window", null);
        }
        Page read = search(start, end, at.page());
        String next;
        if (read.total > at.total()) {
            next = token(start, end, lastPage(read.total), read.total);
        } else {
            next = at.page() == 1 ? null : token(start, end, at.page() - 1, at.total());
        }
        return new PullPage(read.orders, next);
    }

    PlatformOrder fetch(String orderId) {
        if (!Ids.digits(orderId, 20)) {
            throw JdWire.failure("order id must be JD's numeric orderId, was '" + orderId + "'", null);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("order_id", orderId);
        p.put("optional_fields", JdConstants.ORDER_FIELDS);
        JsonNode detail = client.call(JdConstants.ORDER_GET, p).path("orderDetailInfo");
        verdict(JdConstants.ORDER_GET, detail.get("apiResult"));
        JsonNode info = detail.get("orderInfo");
        if (info == null || !info.isObject()) {
            throw JdWire.failure(JdConstants.ORDER_GET + " answered no orderInfo for " + orderId, null);
        }
        return order(info, "orderDetailInfo.orderInfo");
    }

    private record Page(List<PlatformOrder> orders, int total) {
    }

    private Page search(Instant start, Instant end, int page) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("start_date", JdWire.clock(start));
        p.put("end_date", JdWire.clock(end));
        p.put("order_state", JdConstants.ALL_STATES);
        p.put("optional_fields", JdConstants.ORDER_FIELDS);
        p.put("page", String.valueOf(page));
        p.put("page_size", String.valueOf(pageSize));
        p.put("dateType", 0);
        p.put("sortType", 0);
        JsonNode body = client.call(JdConstants.ORDER_SEARCH, p);
        JsonNode result = body.get("searchorderinfo_result");
        if (result == null || !result.isObject()) {
            throw JdWire.failure(JdConstants.ORDER_SEARCH + " answered no searchorderinfo_result", null);
        }
        JdSearchResultDto dto = JdWire.as(result, JdSearchResultDto.class, "searchorderinfo_result");
        verdict(JdConstants.ORDER_SEARCH, result.get("apiResult"));
        if (dto.orderTotal() == null || dto.orderTotal() < 0) {
            throw JdWire.failure(JdConstants.ORDER_SEARCH + " answered no orderTotal", null);
        }
        List<PlatformOrder> orders = new ArrayList<>();
        List<JsonNode> list = dto.orderInfoList() == null ? List.of() : dto.orderInfoList();
        for (int i = 0; i < list.size(); i++) {
            orders.add(order(list.get(i), "orderInfoList[" + i + "]"));
        }
        return new Page(orders, dto.orderTotal());
    }

    private static void verdict(String method, JsonNode apiResult) {
        JdApiResultDto r = apiResult == null ? null : JdWire.as(apiResult, JdApiResultDto.class, "apiResult");
        if (r != null && Boolean.FALSE.equals(r.success())) {
            throw JdClient.businessRefusal(method, r.numberCode(), r.chineseErrCode(), r.englishErrCode());
        }
    }

    private static PlatformOrder order(JsonNode node, String at) {
        JsonNode id = node == null ? null : node.get("orderId");
        if (id == null || !id.isValueNode() || !Ids.digits(id.asText(), 20)) {
            throw JdWire.failure(at + " has no numeric orderId", null);
        }
        Instant modified = JdWire.time(node.path("modified").asText(null), at + ".modified");
        return new PlatformOrder(id.asText(), modified, node.toString());
    }

    private static Instant ceilSecond(Instant at) {
        return Instant.ofEpochSecond(at.getNano() == 0 ? at.getEpochSecond() : at.getEpochSecond() + 1);
    }

    private int lastPage(int total) {
        return Math.max(1, (total + pageSize - 1) / pageSize);
    }

    private static String token(Instant start, Instant end, int page, int total) {
        return new JdPageToken(start.getEpochSecond(), end.getEpochSecond(), page, total).encode();
    }
}

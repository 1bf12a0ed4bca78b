package org.ordertower.channel.pdd.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.PullPage;
import org.ordertower.channel.pdd.internal.api.PddClient;
import org.ordertower.channel.pdd.internal.api.PddJson;
import org.ordertower.channel.pdd.internal.api.dto.PddIncrementPageDto;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Incremental pull with {@code pdd.order.number.list.increment.get} and fetch with
 * {@code pdd.order.information.get}. The increment doc requires paging backwards (从最后一页往回取) so that orders
 * leaving the window while it is paged cannot shift an unread order onto a page already read. The first call
 * reads page 1 and learns total_count: when that is the only page its orders are the window; else it delivers
 * nothing and the pages are read from the last down to 1, each order once. A total that grows meanwhile restarts
 * from the new last page (duplicates are harmless; nothing is skipped). {@code use_has_next} is false because
 * backwards paging needs the total; {@code is_lucky_flag} is 0 (全部: lottery orders too), sent on every call as the
 * SDKs send it (the .NET SDK's request model has it as a non-optional int, default 0).
 */
final class PddPuller {
    private final PddClient client;
    private final int pageSize;

    PddPuller(PddClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    PullPage pull(Instant from, Instant to, String page) {
        if (from == null || to == null || !to.isAfter(from)) {
            throw PddJson.permanent("pull window [" + from + ", " + to + ") is empty", null);
        }
        if (Duration.between(from, to).getSeconds() > PddConstants.MAX_WINDOW_SECONDS) {
            throw PddJson.permanent("pull window [" + from + ", " + to + ") is longer than 30 minutes", null);
        }
        long start = from.getEpochSecond();
        // both ends are inclusive on PDD: [from, to) becomes [start, to - 1 s] in whole seconds
        long end = Math.max(start, to.getNano() == 0 ? to.getEpochSecond() - 1 : to.getEpochSecond());
        if (page == null) {
            Result first = read(start, end, 1);
            int last = lastPage(first.total);
            if (last == 1) {
                return new PullPage(first.orders, null);
            }
            // several pages: page 1 only told the total; it is read (and delivered) last
            return new PullPage(List.of(), new PddPageToken(start, end, last, first.total).encode());
        }
        PddPageToken token = PddPageToken.decode(page);
        if (token.start() != start || token.end() != end) {
            throw PddJson.permanent("page token '" + page + "' belongs to another window", null);
        }
        Result r = read(start, end, token.page());
        String next;
        if (r.total > token.total()) {
            next = new PddPageToken(start, end, lastPage(r.total), r.total).encode();
        } else {
            next = token.page() > 1 ? new PddPageToken(start, end, token.page() - 1, token.total()).encode() : null;
        }
        return new PullPage(r.orders, next);
    }

    PlatformOrder fetch(String orderSn) {
        if (orderSn == null || orderSn.isBlank()) {
            throw PddJson.permanent("order_sn is required", null);
        }
        JsonNode r = client.call(PddConstants.ORDER_DETAIL, Map.of("order_sn", orderSn));
        JsonNode info = r.get("order_info");
        if (info == null || !info.isObject()) {
            throw PddJson.permanent(PddConstants.ORDER_DETAIL + " answered no order_info for " + orderSn, null);
        }
        return order(info, "order_info");
    }

    private int lastPage(int total) {
        return Math.max(1, (total + pageSize - 1) / pageSize);
    }

    private record Result(List<PlatformOrder> orders, int total) {
    }

    private Result read(long start, long end, int page) {
        // is_lucky_flag 0 (all orders, lottery orders too), sent always as the SDKs do
        JsonNode r = client.call(PddConstants.ORDER_INCREMENT, Map.of("start_updated_at", String.valueOf(start),
                "end_updated_at", String.valueOf(end), "is_lucky_flag", PddConstants.ALL_ORDERS, "order_status", "5",
                "refund_status", "5", "page", String.valueOf(page), "page_size", String.valueOf(pageSize), "use_has_next",
                "false"));
        PddIncrementPageDto dto = PddJson.bind(r, PddIncrementPageDto.class, PddConstants.ORDER_INCREMENT + " answer");
        if (dto.totalCount() == null) {
            throw PddJson.permanent(PddConstants.ORDER_INCREMENT + " answered no total_count", null);
        }
        List<PlatformOrder> orders = new ArrayList<>();
        List<JsonNode> list = dto.orderSnList() == null ? List.of() : dto.orderSnList();
        for (int i = 0; i < list.size(); i++) {
            orders.add(order(list.get(i), "order_sn_list[" + i + "]"));
        }
        return new Result(orders, dto.totalCount());
    }

    private static PlatformOrder order(JsonNode node, String at) {
        JsonNode sn = node == null ? null : node.get("order_sn");
        if (sn == null || !sn.isTextual() || sn.asText().isBlank()) {
            throw new ChannelException(ChannelException.Kind.PERMANENT, "pdd: " + at + " has no order_sn");
        }
        JsonNode updated = node.get("updated_at");
        Instant modified = updated == null || !updated.isTextual() ? null : PddJson.time(updated.asText(), at + ".updated_at");
        return new PlatformOrder(sn.asText(), modified, node.toString());
    }
}

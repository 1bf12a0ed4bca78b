package org.ordertower.channel.taobao.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.PullPage;
import org.ordertower.channel.taobao.internal.api.TaobaoClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Incremental pull with {@code taobao.trades.sold.increment.get} (apiId=128). TOP sorts the window's trades by
 * modified time, newest first, and advises paging from the last page backwards so that a trade modified again during
 * the paging (it leaves the window) shifts only pages already read, never one still to read. So the first call of a
 * window counts ({@code use_has_next=false} returns {@code total_results}); a window of one page is done with it,
 * else the last page is read and each next token names the page before it, down to page 1. Later calls set
 * {@code use_has_next=true}, which skips the count (faster, per the doc). Stateless beyond the token.
 */
final class TaobaoPuller {
    /** end_modified - start_modified may not exceed one day (apiId=128). */
    static final Duration MAX_WINDOW = Duration.ofDays(1);

    private final TaobaoClient client;

    TaobaoPuller(TaobaoClient client) {
        this.client = client;
    }

    PullPage pull(Instant from, Instant to, String page) {
        if (!to.isAfter(from) || Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw new ChannelException(Kind.PERMANENT, "a Taobao pull window must be longer than 0 and at most one day, was "
                    + from + " .. " + to);
        }
        if (page != null) {
            TaobaoPageToken t = TaobaoPageToken.parse(page, from, to);
            return page(t, fetch(from, to, t.page(), true).orders);
        }
        Answer first = fetch(from, to, 1, false);
        int pages = (first.total + TaobaoConstants.MAX_PAGE_SIZE - 1) / TaobaoConstants.MAX_PAGE_SIZE;
        if (pages <= 1) {
            return new PullPage(first.orders, null);
        }
        return page(new TaobaoPageToken(from, to, pages, first.total), fetch(from, to, pages, true).orders);
    }

    private static PullPage page(TaobaoPageToken read, List<PlatformOrder> orders) {
        String next = read.page() > 1 ? new TaobaoPageToken(read.from(), read.to(), read.page() - 1, read.total()).text() : null;
        return new PullPage(orders, next);
    }

    private record Answer(List<PlatformOrder> orders, int total) {
    }

    private Answer fetch(Instant from, Instant to, int pageNo, boolean hasNext) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("fields", TaobaoConstants.TRADE_FIELDS);
        // TOP times have whole seconds: widen to whole seconds so that nothing in [from, to) falls outside
        p.put("start_modified", TaobaoConstants.TOP_TIME.format(from.truncatedTo(ChronoUnit.SECONDS)));
        Instant end = to.truncatedTo(ChronoUnit.SECONDS);
        p.put("end_modified", TaobaoConstants.TOP_TIME.format(end.equals(to) ? end : end.plusSeconds(1)));
        p.put("page_no", String.valueOf(pageNo));
        p.put("page_size", String.valueOf(TaobaoConstants.MAX_PAGE_SIZE));
        p.put("use_has_next", String.valueOf(hasNext));
        JsonNode answer = client.call(TaobaoConstants.TRADES_INCREMENT, p);
        List<PlatformOrder> orders = new ArrayList<>();
        for (JsonNode trade : answer.path("trades").path("trade")) {
            orders.add(TaobaoTrades.platformOrder(trade));
        }
        return new Answer(orders, answer.path("total_results").asInt(0));
    }
}

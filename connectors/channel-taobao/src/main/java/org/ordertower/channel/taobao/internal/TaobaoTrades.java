package org.ordertower.channel.taobao.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.PlatformOrder;

import com.fasterxml.jackson.databind.JsonNode;

/** Wraps one trade object of a TOP answer as a {@link PlatformOrder}, its JSON kept verbatim as the payload. */
final class TaobaoTrades {
    private TaobaoTrades() {
    }

    static PlatformOrder platformOrder(JsonNode trade) {
        String tid = trade.path("tid_str").asText("");
        if (tid.isBlank()) {
            tid = trade.path("tid").asText("");
        }
        if (tid.isBlank()) {
            throw new ChannelException(Kind.PERMANENT, "TOP answered a trade without tid");
        }
        Instant modified = null;
        String m = trade.path("modified").asText("");
        try {
            modified = m.isBlank() ? null
                    : LocalDateTime.parse(m, TaobaoConstants.TOP_TIME).atZone(TaobaoConstants.TOP_ZONE).toInstant();
        } catch (DateTimeParseException e) {
            // the mapper names the field when core maps the payload; the envelope need not know it
        }
        return new PlatformOrder(tid, modified, trade.toString());
    }
}

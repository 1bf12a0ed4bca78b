package org.ordertower.channel.taobao.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.PushEvent;
import org.ordertower.channel.taobao.internal.api.TaobaoClient;
import org.ordertower.channel.taobao.internal.api.dto.TmcMessageDto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * TOP's message service (TMC) over its HTTP API: {@code taobao.tmc.messages.consume} (apiId=21986; group_name,
 * quantity 10..200) and {@code taobao.tmc.messages.confirm} (s_message_ids). A consumed message that is not confirmed
 * is delivered again, so every message may arrive more than once and out of order; the event keeps TOP's message id.
 *
 * <p>There is nothing to verify beyond the call itself: TMC over HTTP is a pull by a signed, app-authenticated
 * request (a wrong secret or a stale timestamp is refused by the gateway, see {@link TaobaoClient}). The queue is the
 * app's (or the TMC group's), not the shop's: each event carries the seller nick of the message ({@code user_nick}),
 * so give each shop its own TMC group ({@code tmcGroup}) when one app serves several shops.
 */
final class TaobaoMessages {
    private final TaobaoClient client;

    TaobaoMessages(TaobaoClient client) {
        this.client = client;
    }

    List<PushEvent> consume(int max) {
        int quantity = Math.max(TaobaoConstants.TMC_MIN_QUANTITY, Math.min(TaobaoConstants.TMC_MAX_QUANTITY, max));
        Map<String, String> p = new LinkedHashMap<>();
        group(p);
        p.put("quantity", String.valueOf(quantity));
        JsonNode answer = client.callAsApp(TaobaoConstants.TMC_CONSUME, p);
        List<PushEvent> events = new ArrayList<>();
        for (JsonNode m : answer.path("messages").path("tmc_message")) {
            events.add(event(TaobaoClient.JSON.convertValue(m, TmcMessageDto.class)));
        }
        // quantity has a floor of 10 at TOP; never hand core more than it asked for: the rest are redelivered
        return events.size() > max ? List.copyOf(events.subList(0, Math.max(0, max))) : events;
    }

    void confirm(List<String> ids) {
        for (int i = 0; i < ids.size(); i += TaobaoConstants.TMC_MAX_QUANTITY) {
            Map<String, String> p = new LinkedHashMap<>();
            group(p);
            p.put("s_message_ids", String.join(",", ids.subList(i, Math.min(ids.size(), i + TaobaoConstants.TMC_MAX_QUANTITY))));
            client.callAsApp(TaobaoConstants.TMC_CONFIRM, p);
        }
    }

    private void group(Map<String, String> p) {
        if (!client.settings().tmcGroup().isEmpty()) {
            p.put("group_name", client.settings().tmcGroup());
        }
    }

    /**
     * One message as an event: the trade messages' and the refund messages' content both carry {@code tid}; the item
     * messages ({@code taobao_item_*}: ItemAdd, ItemUpshelf, ItemDownshelf, ItemDelete, ItemUpdate, ItemZeroStock,
     * ItemSkuZeroStock, ItemStockChanged, ItemPunishDelete...) carry {@code num_iid} (and {@code nick}) and become
     * listing events, not order events.
     */
    PushEvent event(TmcMessageDto m) {
        if (m.id() == null || m.id().isBlank() || m.topic() == null || m.topic().isBlank()) {
            throw new ChannelException(Kind.PERMANENT, "TMC message without id or topic");
        }
        JsonNode content;
        try {
            content = TaobaoClient.JSON.readTree(m.content() == null ? "" : m.content());
        } catch (JsonProcessingException e) {
            throw new ChannelException(Kind.PERMANENT, "TMC message " + m.id() + " has content that is not JSON");
        }
        String shop = m.userNick() != null && !m.userNick().isBlank() ? m.userNick() : client.settings().shop();
        Instant at = m.pubTime() == null || m.pubTime().isBlank() ? null : TaobaoOrderMapper.time("pub_time", m.pubTime(), false);
        if (m.topic().startsWith(TaobaoConstants.ITEM_TOPIC_PREFIX)) {
            String numIid = content == null ? "" : content.path("num_iid").asText("");
            if (numIid.isBlank()) {
                throw new ChannelException(Kind.PERMANENT, "TMC message " + m.id() + " (" + m.topic() + ") carries no num_iid");
            }
            return PushEvent.listingChanged(m.id(), m.topic(), shop, numIid, at);
        }
        String tid = content == null ? "" : content.path("tid").asText("");
        if (tid.isBlank()) {
            throw new ChannelException(Kind.PERMANENT, "TMC message " + m.id() + " (" + m.topic() + ") carries no tid");
        }
        return new PushEvent(m.id(), m.topic(), shop, tid, at, null);
    }
}

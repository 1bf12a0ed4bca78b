package org.ordertower.channel.taobao.internal;

import java.util.Map;

import org.ordertower.api.Address;
import org.ordertower.api.Tags;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.DecryptRequest;
import org.ordertower.api.channel.Receiver;
import org.ordertower.channel.taobao.internal.api.TaobaoClient;
import org.ordertower.channel.taobao.internal.api.dto.ReceiverDto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Receiver decryption with {@code taobao.top.oaid.decrypt} (apiId=54714): TOP masks the receiver on the trade and
 * gives an OAID (Open Addressee ID); the decrypt call takes {@code query_list} entries {oaid, tid, scene}, at most 20
 * per call, and answers the receiver in clear. The mapper keeps the OAID as the trade's tag {@code oaid:<tid>:<oaid>};
 * one order is one query. A receiver answered with {@code matched=false} means the OAID is stale (the buyer changed
 * the address since the trade was stored); a query left out of the answer was refused, which TOP does when the app's
 * decrypt quota is spent (it gives no error code for it). Never logs the answer.
 */
final class TaobaoDecryptor {
    /** The tag prefix the mapper writes. */
    /** Scene 1004 "其他电子面单发货": decryption to print a waybill. */
    static final String SCENE = "1004";

    private final TaobaoClient client;

    TaobaoDecryptor(TaobaoClient client) {
        this.client = client;
    }

    Receiver decrypt(DecryptRequest request) {
        String tid = request.platformOrderId();
        String oaid = oaid(request);
        ArrayNode query = TaobaoClient.JSON.createArrayNode();
        query.addObject().put("tid", tid).put("oaid", oaid).put("scene", SCENE);
        JsonNode answer = client.call(TaobaoConstants.OAID_DECRYPT, Map.of("query_list", query.toString()));
        for (JsonNode r : answer.path("receiver_list").path("receiver")) {
            ReceiverDto dto = TaobaoClient.JSON.convertValue(r, ReceiverDto.class);
            if (!oaid.equals(dto.oaid())) {
                continue;
            }
            if (Boolean.FALSE.equals(dto.matched())) {
                throw new ChannelException(Kind.PERMANENT, "TOP " + TaobaoConstants.OAID_DECRYPT + ": the OAID of trade " + tid
                        + " is no longer the trade's (matched=false; the receiver changed): pull the trade again");
            }
            return receiver(dto, request.address());
        }
        throw new ChannelException(Kind.RATE_LIMITED, "TOP " + TaobaoConstants.OAID_DECRYPT + " decrypted no receiver for trade "
                + tid + ": the app's decrypt quota is spent (TOP leaves refused queries out of receiver_list)",
                "receiver-refused", null, null);
    }

    /** The OAID the mapper tagged the trade with: {@code oaid:<tid>:<oaid>}, for this tid. */
    static String oaid(DecryptRequest request) {
        String oaid = Tags.oaidOf(request.tags(), request.platformOrderId());
        if (oaid != null) {
            return oaid;
        }
        throw new ChannelException(Kind.PERMANENT, "Taobao trade " + request.platformOrderId() + " has no OAID tag ("
                + Tags.OAID_PREFIX + request.platformOrderId() + ":<oaid>) to decrypt its receiver with; pull the trade again");
    }

    /** The receiver in clear; the postcode TOP leaves unmasked on the trade, so it comes from the stored address. */
    private static Receiver receiver(ReceiverDto r, Address stored) {
        String phone = notBlank(r.mobile()) ? r.mobile() : blankToNull(r.phone());
        Address address = new Address(TaobaoOrderMapper.country(r.country()), blankToNull(r.state()), blankToNull(r.city()),
                blankToNull(r.district()), blankToNull(r.town()), blankToNull(r.addressDetail()),
                stored == null ? null : stored.postcode());
        return new Receiver(blankToNull(r.name()), phone, address);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String blankToNull(String s) {
        return notBlank(s) ? s : null;
    }
}

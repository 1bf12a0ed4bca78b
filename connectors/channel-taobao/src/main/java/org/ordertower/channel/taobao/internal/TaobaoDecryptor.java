package org.ordertower.channel.taobao.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.channel.taobao.internal.api.TaobaoClient;
import org.ordertower.channel.taobao.internal.api.dto.ReceiverDto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Receiver decryption with {@code taobao.top.oaid.decrypt} (apiId=54714): TOP masks the receiver on the trade and
 * gives an OAID (Open Addressee ID); the decrypt call takes {@code query_list} entries {oaid, tid, scene}, at most 20
 * per call, and answers the receiver in clear. The "ciphertext" this connector takes is the value of the trade's tag
 * {@code oaid:<tid>:<oaid>} after its prefix, {@code <tid>:<oaid>}; the plaintext is a JSON object with name, mobile,
 * phone, state, city, district, town, address_detail. Entries TOP refuses (quota, closed trade) are left out.
 */
final class TaobaoDecryptor {
    /** The tag prefix the mapper writes. */
    static final String TAG = "oaid:";
    /** Scene 1004 "其他电子面单发货": decryption to print a waybill. */
    static final String SCENE = "1004";

    private final TaobaoClient client;

    TaobaoDecryptor(TaobaoClient client) {
        this.client = client;
    }

    Map<String, String> decrypt(List<String> handles) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < handles.size(); i += TaobaoConstants.DECRYPT_BATCH) {
            List<String> batch = handles.subList(i, Math.min(handles.size(), i + TaobaoConstants.DECRYPT_BATCH));
            ArrayNode query = TaobaoClient.JSON.createArrayNode();
            Map<String, String> byOaid = new LinkedHashMap<>();
            for (String h : batch) {
                int colon = h == null ? -1 : h.indexOf(':');
                if (colon < 1 || colon == h.length() - 1) {
                    throw new ChannelException(Kind.PERMANENT, "'" + h + "' is not a Taobao decrypt handle <tid>:<oaid>");
                }
                query.addObject().put("tid", h.substring(0, colon)).put("oaid", h.substring(colon + 1)).put("scene", SCENE);
                byOaid.put(h.substring(colon + 1), h);
            }
            JsonNode answer = client.call(TaobaoConstants.OAID_DECRYPT, Map.of("query_list", query.toString()));
            for (JsonNode r : answer.path("receiver_list").path("receiver")) {
                ReceiverDto dto = TaobaoClient.JSON.convertValue(r, ReceiverDto.class);
                String handle = byOaid.get(dto.oaid());
                if (handle != null) {
                    out.put(handle, plaintext(dto));
                }
            }
        }
        return out;
    }

    private static String plaintext(ReceiverDto r) {
        ObjectNode o = TaobaoClient.JSON.createObjectNode();
        o.put("name", r.name()).put("mobile", r.mobile()).put("phone", r.phone()).put("state", r.state())
                .put("city", r.city()).put("district", r.district()).put("town", r.town())
                .put("address_detail", r.addressDetail());
        return o.toString();
    }

    static List<String> handles(List<String> tags) {
        List<String> out = new ArrayList<>();
        for (String t : tags) {
            if (t.startsWith(TAG)) {
                out.add(t.substring(TAG.length()));
            }
        }
        return out;
    }
}

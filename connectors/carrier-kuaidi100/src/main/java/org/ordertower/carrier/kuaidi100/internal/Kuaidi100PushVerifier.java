package org.ordertower.carrier.kuaidi100.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ordertower.api.channel.PushRequest;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.TrackingEvent;
import org.ordertower.api.fulfilment.TrackingState;
import org.ordertower.carrier.kuaidi100.internal.api.Kuaidi100Json;
import org.ordertower.carrier.kuaidi100.internal.api.Kuaidi100Signer;
import org.ordertower.connector.kit.Digests;
import org.ordertower.connector.kit.Forms;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks and parses a tracking push (推送接口): a form POST {@code param=<json>&sign=<UPPER(MD5(param + salt))>}.
 * The signature is checked over the exact {@code param} text before anything is parsed. {@code status} polling,
 * shutdown and updateall carry the whole trace so far ({@code lastResult.data}, newest first); {@code abort}
 * (Kuaidi100 stopped tracking: "3天查询无记录", "60天无变化") becomes one more EXCEPTION event carrying its
 * {@code message}, so a stuck or mistyped parcel is not silently dropped. Ignored: {@code billstatus} (deprecated),
 * {@code autoCheck}/{@code comOld}/{@code comNew} (lastResult.com already names the corrected company),
 * {@code destResult} (international only). Thread-safe.
 */
public final class Kuaidi100PushVerifier {
    private static final Set<String> STATUSES = Set.of(Kuaidi100Constants.PUSH_POLLING, Kuaidi100Constants.PUSH_SHUTDOWN,
            Kuaidi100Constants.PUSH_ABORT, Kuaidi100Constants.PUSH_UPDATEALL);

    private final String salt;
    private final Kuaidi100TrackMapper mapper = new Kuaidi100TrackMapper();

    public Kuaidi100PushVerifier(String salt) {
        this.salt = salt;
    }

    public List<TrackingEvent> verify(PushRequest request) {
        Map<String, String> form = Forms.parse(request.body());
        String param = form.get("param");
        if (param == null || param.isBlank()) {
            throw Kuaidi100Json.permanent("push has no 'param' field", null);
        }
        String sign = form.get("sign");
        if (sign == null || sign.isBlank()) {
            throw new PartnerException(PartnerException.Kind.AUTH, "kuaidi100: push has no 'sign' (the subscription's salt"
                    + " makes Kuaidi100 sign every push)");
        }
        if (!Digests.sameSignature(Kuaidi100Signer.pushSign(param, salt), sign)) {
            throw new PartnerException(PartnerException.Kind.AUTH, "kuaidi100: push signature does not verify"
                    + " (UPPER(MD5(param + salt)) with the configured salt)");
        }
        JsonNode root = Kuaidi100Json.tree(param, "push param");
        if (!root.isObject()) {
            throw Kuaidi100Json.permanent("push param is not a JSON object", null);
        }
        String status = Kuaidi100Json.text(root, "status", "");
        if (!STATUSES.contains(status)) {
            throw Kuaidi100Json.permanent("'status' '" + status + "' is not one of " + STATUSES, null);
        }
        JsonNode lastResult = Kuaidi100Json.object(root, "lastResult", "");
        List<TrackingEvent> events = new ArrayList<>(mapper.events(lastResult, "lastResult.", true));
        if (Kuaidi100Constants.PUSH_ABORT.equals(status)) {
            String message = Kuaidi100Json.optionalText(root, "message", "");
            String carrier = Kuaidi100Companies.toStandard(Kuaidi100Json.text(lastResult, "com", "lastResult."));
            String trackingNo = Kuaidi100Json.text(lastResult, "nu", "lastResult.");
            java.time.Instant at = request.receivedAt();
            if (!events.isEmpty() && events.get(events.size() - 1).at().isAfter(at)) {
                at = events.get(events.size() - 1).at();
            }
            events.add(new TrackingEvent(carrier, trackingNo, TrackingState.EXCEPTION, at,
                    "快递100中止跟踪(abort): " + (message == null || message.isBlank() ? "无说明" : message), null,
                    Kuaidi100Constants.PUSH_ABORT));
        }
        return events;
    }
}

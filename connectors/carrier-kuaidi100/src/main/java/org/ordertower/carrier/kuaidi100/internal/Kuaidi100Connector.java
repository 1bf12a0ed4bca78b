package org.ordertower.carrier.kuaidi100.internal;

import java.util.List;
import java.util.Set;

import org.ordertower.api.channel.PushRequest;
import org.ordertower.api.fulfilment.CallbackReply;
import org.ordertower.api.fulfilment.CarrierConnector;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.TrackingEvent;
import org.ordertower.api.fulfilment.TrackingSubscription;
import org.ordertower.carrier.kuaidi100.internal.api.Kuaidi100Client;
import org.ordertower.carrier.kuaidi100.internal.api.Kuaidi100Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Kuaidi100 enterprise account: tracking subscriptions, their pushes, and real-time queries. Wiring only: HTTP
 * in {@link Kuaidi100Client}, pushes in {@link Kuaidi100PushVerifier}, mapping in {@link Kuaidi100TrackMapper},
 * codes in {@link Kuaidi100Companies}. No waybills (Kuaidi100's 电子面单 is another product and contract).
 */
@Component(configurationPid = Kuaidi100Constants.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = CarrierConnector.class)
@Designate(ocd = Kuaidi100Config.class, factory = true)
public final class Kuaidi100Connector implements CarrierConnector {
    private final Logger logger = LoggerFactory.getLogger(Kuaidi100Connector.class);
    private final Kuaidi100Settings settings;
    private final Kuaidi100Client client;
    private final Kuaidi100PushVerifier verifier;
    private final Kuaidi100TrackMapper mapper = new Kuaidi100TrackMapper();

    @Activate
    public Kuaidi100Connector(Kuaidi100Config config) {
        this(Kuaidi100Settings.from(config));
        logger.info("kuaidi100 connector for customer {} up ({})", settings.customer(), settings.pollUrl());
    }

    /** For tests and embedding: settings built by hand. */
    public Kuaidi100Connector(Kuaidi100Settings settings) {
        this.settings = settings;
        this.client = new Kuaidi100Client(settings);
        this.verifier = new Kuaidi100PushVerifier(settings.salt());
    }

    @Override
    public String carrierId() {
        return Kuaidi100Constants.CARRIER;
    }

    /** The customer id (查询公司编号), which names the account and is no secret. */
    @Override
    public String account() {
        return settings.customer();
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.TRACKING_PUSH, Capability.TRACKING_QUERY);
    }

    @Override
    public Set<String> carriers() {
        return Kuaidi100Companies.standardCodes();
    }

    @Override
    public void subscribe(TrackingSubscription s) {
        String company = Kuaidi100Companies.toKuaidi100(s.carrierCode());
        client.subscribe(company, requireNumber(s.trackingNo()), phoneFor(company, s.receiverPhone()), s.toRegion(),
                s.callbackUrl());
    }

    @Override
    public List<TrackingEvent> verifyCallback(PushRequest request) {
        return verifier.verify(request);
    }

    /**
     * {@code {"result":true,"returnCode":"200","message":"成功"}} accepts a push (推送接口 / java-demo
     * Subscribe.callBackUrl); anything else makes Kuaidi100 push it again (it retries 3 times, 35 minutes apart).
     */
    @Override
    public CallbackReply reply(boolean accepted, String message) {
        ObjectNode body = Kuaidi100Json.MAPPER.createObjectNode();
        body.put("result", accepted);
        body.put("returnCode", accepted ? "200" : "500");
        body.put("message", accepted ? "成功" : message == null || message.isBlank() ? "失败" : message);
        return new CallbackReply(200, "application/json;charset=UTF-8", body.toString());
    }

    @Override
    public List<TrackingEvent> track(String carrierCode, String trackingNo, String receiverPhone) {
        String company = Kuaidi100Companies.toKuaidi100(carrierCode);
        JsonNode answer = client.query(company, requireNumber(trackingNo), phoneFor(company, receiverPhone));
        if (answer == Kuaidi100Client.NO_RESULT) {
            return List.of();
        }
        return mapper.events(answer, "", false);
    }

    private static String requireNumber(String trackingNo) {
        String n = trackingNo == null ? "" : trackingNo.strip();
        // 单号的最小长度6个字符, 最大长度32个字符 (订阅接口 number / 实时查询 num)
        if (n.length() < 6 || n.length() > 32) {
            throw new PartnerException(PartnerException.Kind.PERMANENT,
                    "kuaidi100: tracking number must be 6 to 32 characters, was " + n.length());
        }
        return n;
    }

    /**
     * Only the last four digits leave OrderTower: Kuaidi100 accepts them for SF ("也可以填写后四位") and, for a
     * platform's virtual number {@code 138xxxx0000-1234}, wants the four after the dash.
     */
    static String phoneFor(String company, String phone) {
        String digits = null;
        if (phone != null && !phone.isBlank()) {
            String p = phone.contains("-") ? phone.substring(phone.lastIndexOf('-') + 1) : phone;
            p = p.replaceAll("[^0-9]", "");
            digits = p.length() >= 4 ? p.substring(p.length() - 4) : null;
        }
        if (digits == null && Kuaidi100Companies.PHONE_REQUIRED.contains(company)) {
            throw new PartnerException(PartnerException.Kind.PERMANENT, "kuaidi100: " + company
                    + " tracking needs the receiver's phone (at least its last four digits)");
        }
        return digits;
    }

    @Override
    public String toString() {
        return "Kuaidi100Connector[" + settings + "]";
    }
}

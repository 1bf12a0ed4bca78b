package org.ordertower.carrier.kuaidi100.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.PushRequest;
import org.ordertower.api.fulfilment.CallbackReply;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.PartnerException.Kind;
import org.ordertower.api.fulfilment.TrackingEvent;
import org.ordertower.api.fulfilment.TrackingState;
import org.ordertower.connector.kit.Digests;
import org.ordertower.connector.kit.Forms;

/** Pushes built by hand, signed with an MD5 of our own: the good one parses, each broken one is refused with a reason. */
class Kuaidi100HostilePushTest {
    private static final String SALT = "s3cr3t-salt";
    private static final Kuaidi100Connector CONNECTOR = new Kuaidi100Connector(
            Kuaidi100Settings.of("https://poll.kuaidi100.com", "CUSTOMER", "KEY", SALT));

    /** A push as Kuaidi100 sends it (推送接口 example shape), newest first. */
    private static final String GOOD = "{\"status\":\"polling\",\"billstatus\":\"got\",\"message\":\"\",\"autoCheck\":\"0\","
            + "\"comOld\":\"\",\"comNew\":\"\",\"lastResult\":{\"message\":\"ok\",\"state\":\"5\",\"status\":\"200\","
            + "\"condition\":\"F00\",\"ischeck\":\"0\",\"com\":\"yuantong\",\"nu\":\"YT7530122849021\",\"data\":["
            + "{\"context\":\"【杭州市】 派件员【王师傅】正在为您派件\",\"time\":\"2024-05-03 09:10:00\",\"ftime\":\"2024-05-03 09:10:00\","
            + "\"areaName\":\"浙江,杭州市,西湖区\",\"status\":\"派件\",\"statusCode\":\"5\"},"
            + "{\"context\":\"【杭州市】 快件已到达【杭州转运中心】\",\"time\":\"2024-05-02 22:00:00\",\"ftime\":\"2024-05-02 22:00:00\","
            + "\"status\":\"到达派件城市\",\"statusCode\":\"1001\"},"
            + "{\"context\":\"【上海市】 圆通速递【上海浦东营业部】已揽收\",\"time\":\"2024-05-02 08:00:00\",\"ftime\":\"2024-05-02 08:00:00\","
            + "\"status\":\"揽收\",\"statusCode\":\"103\"}]}}";

    private static PushRequest push(String param, String sign) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("param", param);
        if (sign != null) {
            form.put("sign", sign);
        }
        return new PushRequest(Map.of("Content-Type", "application/x-www-form-urlencoded"), Map.of(), Forms.encode(form),
                Instant.parse("2024-05-03T02:00:00Z"));
    }

    private static PushRequest signed(String param) {
        return push(param, Digests.md5Hex(param + SALT).toUpperCase());
    }

    private static PartnerException refused(PushRequest request, Kind kind, String mention) {
        PartnerException e = assertThrows(PartnerException.class, () -> CONNECTOR.verifyCallback(request));
        assertEquals(kind, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(mention), "'" + e.getMessage() + "' should name " + mention);
        assertFalse(e.getMessage().contains(SALT), "no salt in messages");
        return e;
    }

    @Test
    void aGoodPushParsesOldestFirst() {
        List<TrackingEvent> events = CONNECTOR.verifyCallback(signed(GOOD));
        assertEquals(3, events.size());
        assertEquals(List.of(TrackingState.COLLECTED, TrackingState.IN_TRANSIT, TrackingState.OUT_FOR_DELIVERY),
                events.stream().map(TrackingEvent::state).toList());
        TrackingEvent first = events.get(0);
        assertEquals("YTO", first.carrierCode());
        assertEquals("YT7530122849021", first.trackingNo());
        assertEquals(Instant.parse("2024-05-02T00:00:00Z"), first.at(), "Beijing time");
        assertEquals("【上海市】 圆通速递【上海浦东营业部】已揽收", first.description());
        assertEquals("103", first.partnerState());
        assertEquals("浙江,杭州市,西湖区", events.get(2).location());
    }

    @Test
    void signaturesAreCheckedOverTheExactParamText() {
        refused(push(GOOD, Digests.md5Hex(GOOD + "other-salt").toUpperCase()), Kind.AUTH, "signature");
        refused(push(GOOD, Digests.md5Hex(GOOD + SALT)), Kind.AUTH, "signature"); // lower case is not Kuaidi100's sign
        refused(push(GOOD.replace("\"state\":\"5\"", "\"state\":\"3\""), Digests.md5Hex(GOOD + SALT).toUpperCase()),
                Kind.AUTH, "signature");
        refused(push(GOOD, null), Kind.AUTH, "sign");
        refused(new PushRequest(Map.of(), Map.of(), "sign=ABC", Instant.now()), Kind.PERMANENT, "param");
        refused(new PushRequest(Map.of(), Map.of(), "", Instant.now()), Kind.PERMANENT, "param");
    }

    @Test
    void malformedPushesAreRefusedNamingTheField() {
        refused(signed(GOOD.substring(0, GOOD.length() / 2)), Kind.PERMANENT, "not valid JSON");
        refused(signed("[1,2]"), Kind.PERMANENT, "not a JSON object");
        refused(signed(GOOD.replace("\"nu\":\"YT7530122849021\",", "")), Kind.PERMANENT, "lastResult.nu");
        refused(signed(GOOD.replace("\"com\":\"yuantong\"", "\"com\":\"ups\"")), Kind.PERMANENT, "'ups'");
        refused(signed(GOOD.replace("\"statusCode\":\"1001\"", "\"statusCode\":\"1099\"")), Kind.PERMANENT,
                "lastResult.data[1].statusCode");
        refused(signed(GOOD.replace("\"state\":\"5\"", "\"state\":\"99\"")), Kind.PERMANENT, "lastResult.state");
        refused(signed(GOOD.replace("\"status\":\"polling\"", "\"status\":\"finished\"")), Kind.PERMANENT, "'status'");
        refused(signed(GOOD.replace("\"statusCode\":\"5\"", "\"statusCode\":{\"code\":5}")), Kind.PERMANENT,
                "lastResult.data[0].statusCode");
        refused(signed(GOOD.replace("\"nu\":\"YT7530122849021\"", "\"nu\":[\"YT7530122849021\"]")), Kind.PERMANENT,
                "lastResult.nu");
        refused(signed(GOOD.replace("\"ftime\":\"2024-05-02 22:00:00\"", "\"ftime\":\"yesterday\"")), Kind.PERMANENT,
                "lastResult.data[1].ftime");
        refused(signed(GOOD.replace("\"context\":\"【杭州市】 快件已到达【杭州转运中心】\",", "")), Kind.PERMANENT,
                "lastResult.data[1].context");
        refused(signed(GOOD.replace("\"data\":[", "\"data\":{\"x\":[").replace("]}}", "]}}}")), Kind.PERMANENT,
                "lastResult.data");
        refused(signed("{\"status\":\"polling\"}"), Kind.PERMANENT, "lastResult");
        refused(signed(GOOD.replace("\"status\":\"派件\",\"statusCode\":\"5\"", "\"status\":\"飞走了\"")),
                Kind.PERMANENT, "lastResult.data[0].status");
    }

    @Test
    void anAbortBecomesAnExceptionEvent() {
        String abort = "{\"status\":\"abort\",\"message\":\"3天查询无记录\",\"lastResult\":{\"message\":\"ok\",\"state\":\"0\","
                + "\"com\":\"zhongtong\",\"nu\":\"75312345678901\",\"data\":[]}}";
        List<TrackingEvent> events = CONNECTOR.verifyCallback(signed(abort));
        assertEquals(1, events.size());
        assertEquals(TrackingState.EXCEPTION, events.get(0).state());
        assertEquals("ZTO", events.get(0).carrierCode());
        assertTrue(events.get(0).description().contains("3天查询无记录"));
        assertEquals(Instant.parse("2024-05-03T02:00:00Z"), events.get(0).at());
    }

    @Test
    void repliesHaveKuaidi100sShapes() {
        CallbackReply ok = CONNECTOR.reply(true, null);
        assertEquals(200, ok.status());
        assertEquals("{\"result\":true,\"returnCode\":\"200\",\"message\":\"成功\"}", ok.body());
        CallbackReply no = CONNECTOR.reply(false, "bad sign");
        assertEquals("{\"result\":false,\"returnCode\":\"500\",\"message\":\"bad sign\"}", no.body());
    }
}

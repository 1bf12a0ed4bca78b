package org.ordertower.carrier.kuaidi100.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ordertower.api.fulfilment.CarrierConnector.Capability;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.PartnerException.Kind;
import org.ordertower.api.fulfilment.TrackingEvent;
import org.ordertower.api.fulfilment.TrackingState;
import org.ordertower.api.fulfilment.TrackingSubscription;
import org.ordertower.sim.kuaidi100.Kuaidi100SimJourney.Scenario;
import org.ordertower.sim.kit.SimRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The connector against the simulator over real HTTP. */
class Kuaidi100ConnectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLBACK = "http://127.0.0.1:9/api/v1/carriers/kuaidi100/callback";

    @Test
    void subscribeSendsTheDocumentedParamAndADuplicateCountsAsDone() throws Exception {
        try (SimAccount a = new SimAccount()) {
            Kuaidi100Connector c = a.connector();
            assertEquals(Set.of(Capability.TRACKING_PUSH, Capability.TRACKING_QUERY), c.capabilities());
            assertEquals("kuaidi100", c.carrierId());
            c.subscribe(new TrackingSubscription("ZTO", "75312345678901", "13912345678", "北京市朝阳区", CALLBACK));
            c.subscribe(new TrackingSubscription("ZTO", "75312345678901", "13912345678", "北京市朝阳区", CALLBACK));
            assertEquals(1, a.sim.subscriptions().size());
            List<SimRequest> calls = a.sim.server().calls().stream().filter(r -> r.path().equals("/poll")).toList();
            assertEquals(2, calls.size());
            assertEquals("json", calls.get(0).form().get("schema"));
            JsonNode p = JSON.readTree(calls.get(0).form().get("param"));
            assertEquals("zhongtong", p.get("company").asText());
            assertEquals("75312345678901", p.get("number").asText());
            assertEquals("北京市朝阳区", p.get("to").asText());
            assertEquals(a.settings.key(), p.get("key").asText());
            assertEquals(CALLBACK, p.at("/parameters/callbackurl").asText());
            assertEquals(a.settings.salt(), p.at("/parameters/salt").asText());
            assertEquals("4", p.at("/parameters/resultv2").asText());
            assertEquals("5678", p.at("/parameters/phone").asText(), "only the last four digits leave");
            assertEquals("polling", a.sim.subscriptions().get(0).status());
        }
    }

    @Test
    void aWrongKeyIsAuthOnSubscribeAndQuery() {
        try (SimAccount a = new SimAccount()) {
            Kuaidi100Connector c = new Kuaidi100Connector(a.settings.withKey("not-the-key"));
            PartnerException e = assertThrows(PartnerException.class,
                    () -> c.subscribe(new TrackingSubscription("YTO", "YT7530122849021", null, null, CALLBACK)));
            assertEquals(Kind.AUTH, e.kind());
            assertEquals("600", e.partnerCode());
            assertFalse(e.getMessage().contains("not-the-key"), "no key in messages");
            e = assertThrows(PartnerException.class, () -> c.track("YTO", "YT7530122849021", null));
            assertEquals(Kind.AUTH, e.kind());
            assertEquals("503", e.partnerCode());
        }
    }

    @Test
    void queryAnswersTheJourneySoFarOldestFirst() throws Exception {
        try (SimAccount a = new SimAccount()) {
            a.sim.seed("yuantong", "YT7530122849021", Scenario.DELIVERED, a.sim.clock().instant().minus(Duration.ofHours(20)), null);
            List<TrackingEvent> events = a.connector().track("YTO", "YT7530122849021", null);
            assertTrue(events.size() >= 3, "collected and some transit steps after 20 hours: " + events.size());
            assertEquals(TrackingState.COLLECTED, events.get(0).state());
            assertEquals("103", events.get(0).partnerState());
            for (int i = 1; i < events.size(); i++) {
                assertFalse(events.get(i).at().isBefore(events.get(i - 1).at()), "oldest first");
                assertEquals("YTO", events.get(i).carrierCode());
                assertEquals("YT7530122849021", events.get(i).trackingNo());
                assertNotNull(events.get(i).location());
            }
            assertTrue(events.get(1).description().contains("快件离开"), events.get(1).description());
            JsonNode p = JSON.readTree(lastQuery(a).form().get("param"));
            assertEquals("yuantong", p.get("com").asText());
            assertEquals("4", p.get("resultv2").asText());
            assertEquals("asc", p.get("order").asText());
            assertEquals(a.settings.customer(), lastQuery(a).form().get("customer"));

            a.sim.advance(Duration.ofDays(4));
            List<TrackingEvent> done = a.connector().track("YTO", "YT7530122849021", null);
            assertEquals(8, done.size());
            assertEquals(TrackingState.OUT_FOR_DELIVERY, done.get(6).state());
            assertEquals(TrackingState.DELIVERED, done.get(7).state());
            assertEquals("301", done.get(7).partnerState());
        }
    }

    @Test
    void aNumberWithoutTraceYetIsAnEmptyList() {
        try (SimAccount a = new SimAccount()) {
            assertEquals(List.of(), a.connector().track("STO", "773000111222333", null));
        }
    }

    @Test
    void sfNeedsTheReceiversPhoneAndAWrongOneIsRefused() {
        try (SimAccount a = new SimAccount()) {
            a.sim.seed("shunfeng", "SF1400000000001", Scenario.DELIVERED, Instant.now().minus(Duration.ofDays(1)), "13700001111");
            Kuaidi100Connector c = a.connector();
            PartnerException e = assertThrows(PartnerException.class, () -> c.track("SF", "SF1400000000001", null));
            assertEquals(Kind.PERMANENT, e.kind());
            int calls = a.sim.server().calls().size();
            assertEquals(0, calls, "refused before calling");
            e = assertThrows(PartnerException.class, () -> c.track("SF", "SF1400000000001", "13700002222"));
            assertEquals(Kind.PERMANENT, e.kind());
            assertEquals("408", e.partnerCode());
            assertFalse(e.getMessage().contains("2222"), "no phone in messages");
            assertFalse(c.track("SF", "SF1400000000001", "+86 137-0000-1111").isEmpty());
        }
    }

    @Test
    void unknownCarriersAndBadNumbersNeverReachKuaidi100() {
        try (SimAccount a = new SimAccount()) {
            Kuaidi100Connector c = a.connector();
            assertEquals(Kind.PERMANENT, assertThrows(PartnerException.class, () -> c.track("UPS", "1Z999", null)).kind());
            assertEquals(Kind.PERMANENT, assertThrows(PartnerException.class,
                    () -> c.subscribe(new TrackingSubscription("YTO", "123", null, null, CALLBACK))).kind());
            assertEquals(0, a.sim.server().calls().size());
        }
    }

    @Test
    void theServicesRateLimitIsRateLimited() {
        try (SimAccount a = new SimAccount(Map.of("ratePerSecond", "0.2"))) {
            Kuaidi100Connector c = new Kuaidi100Connector(new Kuaidi100Settings(a.settings.pollUrl(), a.settings.customer(),
                    a.settings.key(), a.settings.salt(), Duration.ofSeconds(5), 1000));
            PartnerException e = assertThrows(PartnerException.class, () -> {
                for (int i = 0; i < 20; i++) {
                    c.track("YTO", "YT7530122849021", null);
                }
            });
            assertEquals(Kind.RATE_LIMITED, e.kind());
            assertEquals("502", e.partnerCode());
            assertNotNull(e.retryAfter());
        }
    }

    @Test
    void badSettingsFailWithTheKeyNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kuaidi100Settings.of("https://poll.kuaidi100.com", "C", "K", " "));
        assertEquals("salt must be set", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Kuaidi100Settings.of("ftp://x", "C", "K", "S"));
        assertTrue(e.getMessage().startsWith("pollUrl"));
        String shown = Kuaidi100Settings.of("https://poll.kuaidi100.com/", "C", "the-key", "the-salt").toString();
        assertFalse(shown.contains("the-key") || shown.contains("the-salt"), shown);
    }

    private static SimRequest lastQuery(SimAccount a) {
        List<SimRequest> q = a.sim.server().calls().stream().filter(r -> r.path().equals("/poll/query.do")).toList();
        return q.get(q.size() - 1);
    }
}

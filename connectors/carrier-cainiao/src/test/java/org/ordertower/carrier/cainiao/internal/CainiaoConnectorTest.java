package org.ordertower.carrier.cainiao.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.Address;
import org.ordertower.api.fulfilment.CarrierConnector.Capability;
import org.ordertower.api.fulfilment.Contact;
import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.PartnerException.Kind;
import org.ordertower.api.fulfilment.TrackingEvent;
import org.ordertower.api.fulfilment.TrackingState;
import org.ordertower.api.fulfilment.Waybill;
import org.ordertower.api.fulfilment.WaybillRequest;
import org.ordertower.sim.cainiao.CainiaoSimulator;
import org.ordertower.sim.kit.SimRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The connector against the simulator, over real HTTP. */
class CainiaoConnectorTest {
    private CainiaoSimulator sim;
    private CainiaoConnector connector;

    @BeforeEach
    void start() {
        sim = SimFixture.start("quota.ZTO", "2");
        connector = new CainiaoConnector(SimFixture.settings(sim));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void describesItself() {
        assertEquals("cainiao", connector.carrierId());
        assertEquals(java.util.Set.of(Capability.WAYBILL, Capability.TRACKING_QUERY), connector.capabilities());
        assertEquals(java.util.Set.of("SF", "ZTO", "YTO"), connector.carriers());
        assertFalse(connector.toString().contains(sim.appSecret()));
    }

    @Test
    void appliesOneWaybillWithPrintDataAndSendsTheDocumentedRequest() throws Exception {
        Waybill w = connector.applyWaybill(SimFixture.parcel("P-1", "SF", "3147029749005308888"));
        assertTrue(w.waybillNo().matches("SF\\d{13}"), w.waybillNo());
        assertEquals("P-1", w.parcelId());
        assertEquals("SF", w.carrierCode());
        JsonNode print = new ObjectMapper().readTree(w.printData());
        assertFalse(print.path("encryptedData").asText().isBlank());
        assertFalse(print.path("signature").asText().isBlank());
        assertEquals(999, sim.quota("SF"));

        SimRequest call = lastCall("cainiao.waybill.ii.get");
        assertEquals("hmac-sha256", call.param("sign_method"));
        assertEquals(sim.session(), call.param("session"));
        JsonNode req = new ObjectMapper().readTree(call.param("param_waybill_cloud_print_apply_new_request"));
        assertEquals("SF", req.path("cp_code").asText());
        assertEquals("杭州市", req.path("sender").path("address").path("city").asText());
        JsonNode dto = req.path("trade_order_info_dtos").get(0);
        assertEquals("P-1", dto.path("object_id").asText());
        assertEquals("TB", dto.path("order_info").path("order_channels_type").asText());
        assertEquals("3147029749005308888", dto.path("order_info").path("trade_order_list").get(0).asText());
        assertEquals("P_1", dto.path("package_info").path("id").asText());
        assertEquals(800, dto.path("package_info").path("weight").asInt());
        assertEquals(2, dto.path("package_info").path("items").get(0).path("count").asInt());
        assertEquals("天河区", dto.path("recipient").path("address").path("district").asText());
        assertEquals(2200000001L, dto.path("user_id").asLong());
    }

    @Test
    void appliesTenParcelsInOneCallAndRefusesEleven() {
        List<WaybillRequest> ten = parcels("T", 10);
        List<Waybill> waybills = connector.applyWaybills(ten);
        assertEquals(10, waybills.size());
        assertEquals(10, waybills.stream().map(Waybill::waybillNo).collect(Collectors.toSet()).size());
        for (int i = 0; i < 10; i++) {
            assertEquals(ten.get(i).parcelId(), waybills.get(i).parcelId());
        }
        assertEquals(990, sim.quota("YTO"));

        PartnerException e = assertThrows(PartnerException.class, () -> connector.applyWaybills(parcels("E", 11)));
        assertEquals(Kind.PERMANENT, e.kind());
        assertTrue(e.partnerCode().contains("trade_order_info_dtos"), e.partnerCode());
        assertEquals(990, sim.quota("YTO"));
    }

    @Test
    void askingAgainForAParcelGivesTheSameWaybillAndSpendsNoMore() {
        Waybill first = connector.applyWaybill(SimFixture.parcel("P-9", "SF", "100"));
        Waybill again = connector.applyWaybill(SimFixture.parcel("P-9", "SF", "100"));
        assertEquals(first.waybillNo(), again.waybillNo());
        assertEquals(999, sim.quota("SF"));
        assertNotEquals(first.waybillNo(), connector.applyWaybill(SimFixture.parcel("P-10", "SF", "100")).waybillNo());
    }

    @Test
    void aSpentBalanceIsQuotaWithCainiaosCode() {
        connector.applyWaybill(SimFixture.parcel("Z-1", "ZTO", "1"));
        Waybill second = connector.applyWaybill(SimFixture.parcel("Z-2", "ZTO", "2"));
        assertTrue(second.waybillNo().matches("73\\d{12}"), second.waybillNo());
        PartnerException e = assertThrows(PartnerException.class, () -> connector.applyWaybill(SimFixture.parcel("Z-3", "ZTO", "3")));
        assertEquals(Kind.QUOTA, e.kind());
        assertEquals("15/isv.invalid-parameter", e.partnerCode());
        assertTrue(e.getMessage().contains("电子面单余额不足"), e.getMessage());
        WaybillBalance zto = connector.balances("ZTO").get(0);
        assertEquals(0, zto.quantity());
        assertEquals(2, zto.allocatedQuantity());
    }

    @Test
    void cancellingTwiceIsHarmlessAndGivesTheNumberBack() {
        Waybill w = connector.applyWaybill(SimFixture.parcel("C-1", "YTO", "7"));
        assertEquals(999, sim.quota("YTO"));
        connector.cancelWaybill("YTO", w.waybillNo());
        assertEquals(1000, sim.quota("YTO"));
        connector.cancelWaybill("YTO", w.waybillNo());
        assertEquals(1000, sim.quota("YTO"));
        assertEquals(2, sim.calls().stream().filter(c -> "cainiao.waybill.ii.cancel".equals(c.param("method"))).count());
        PartnerException unknown = assertThrows(PartnerException.class, () -> connector.cancelWaybill("YTO", "YT9000000000000"));
        assertEquals(Kind.PERMANENT, unknown.kind());
    }

    @Test
    void aCollectedParcelCannotBeCancelled() {
        Waybill w = connector.applyWaybill(SimFixture.parcel("C-2", "SF", "8"));
        sim.advance(Duration.ofHours(3));
        PartnerException e = assertThrows(PartnerException.class, () -> connector.cancelWaybill("SF", w.waybillNo()));
        assertEquals(Kind.PERMANENT, e.kind());
        assertTrue(e.partnerCode().contains("collected"), e.partnerCode());
    }

    @Test
    void aWrongSecretIsAuthWithTopsCode() {
        CainiaoConnector wrong = new CainiaoConnector(SimFixture.settings(sim.shopConfiguration(), Map.of("appSecret", "not-it")));
        PartnerException e = assertThrows(PartnerException.class, () -> wrong.applyWaybill(SimFixture.parcel("A-1", "SF", "1")));
        assertEquals(Kind.AUTH, e.kind());
        assertEquals("25", e.partnerCode());
        assertFalse(e.getMessage().contains("not-it"));
        assertEquals(1000, sim.quota("SF"));
    }

    @Test
    void everySignMethodIsAccepted() {
        for (String method : List.of("md5", "hmac", "hmac-sha256")) {
            CainiaoConnector c = new CainiaoConnector(SimFixture.settings(sim.shopConfiguration(), Map.of("signMethod", method)));
            assertEquals(3, c.balances(null).size(), method);
        }
    }

    @Test
    void anExpiredSessionIsAuth() {
        sim.expireSession();
        PartnerException e = assertThrows(PartnerException.class, () -> connector.balances(null));
        assertEquals(Kind.AUTH, e.kind());
        assertEquals("27/session-expired", e.partnerCode());
        assertFalse(e.getMessage().contains(sim.session()));
    }

    @Test
    void overTheAppsRateIsRateLimitedWithAHint() {
        sim.limit(0.01);
        connector.balances(null);
        PartnerException e = assertThrows(PartnerException.class, () -> connector.balances(null));
        assertEquals(Kind.RATE_LIMITED, e.kind());
        assertTrue(e.partnerCode().startsWith("7/"), e.partnerCode());
        assertEquals(Duration.ofSeconds(1), e.retryAfter());
        assertTrue(e.retryable());
    }

    @Test
    void aCarrierWithoutSubscriptionIsRefused() {
        PartnerException local = assertThrows(PartnerException.class, () -> connector.applyWaybill(SimFixture.parcel("S-1", "STO", "1")));
        assertEquals(Kind.PERMANENT, local.kind());
        CainiaoConnector claims = new CainiaoConnector(SimFixture.settings(sim.shopConfiguration(), Map.of("carriers", "SF,STO")));
        PartnerException remote = assertThrows(PartnerException.class, () -> claims.applyWaybill(SimFixture.parcel("S-1", "STO", "1")));
        assertEquals(Kind.PERMANENT, remote.kind());
        assertTrue(remote.getMessage().contains("未订购"), remote.getMessage());
    }

    @Test
    void anIncompleteReceiverAddressIsRefusedNamingTheField() {
        Contact noCity = new Contact("李四", "13912345678", new Address("CN", "广东省", null, "天河区", null, "天河路385号", null), null);
        WaybillRequest r = new WaybillRequest("R-1", "SF", "jd", "55", SimFixture.SENDER, noCity,
                List.of(new ParcelLine("1", "CUP", null, 1)), 0);
        PartnerException e = assertThrows(PartnerException.class, () -> connector.applyWaybill(r));
        assertEquals(Kind.PERMANENT, e.kind());
        assertEquals("40/isv.missing-parameter:trade_order_info_dtos[0].recipient.address.city", e.partnerCode());
        assertFalse(e.getMessage().contains("13912345678"));
    }

    @Test
    void aTaobaoOrderSendsTheOaidInsteadOfThePlaintext() throws Exception {
        Contact masked = new Contact("李**", "139****5678", new Address("CN", "广东省", "广州市", "天河区", null, "天河路***号", null),
                "1ydbAibr6aib8Ux9nkNXjLGI");
        WaybillRequest r = new WaybillRequest("O-1", "SF", "tmall", "77", SimFixture.SENDER, masked,
                List.of(new ParcelLine("1", "TEA", "西湖龙井", 1)), 0);
        assertTrue(connector.applyWaybill(r).waybillNo().startsWith("SF"));
        JsonNode dto = new ObjectMapper().readTree(lastCall("cainiao.waybill.ii.get").param("param_waybill_cloud_print_apply_new_request"))
                .path("trade_order_info_dtos").get(0);
        assertEquals("1ydbAibr6aib8Ux9nkNXjLGI", dto.path("recipient").path("oaid").asText());
        assertEquals("TM", dto.path("order_info").path("order_channels_type").asText());
    }

    @Test
    void tracesADeliveredParcel() {
        Waybill w = connector.applyWaybill(SimFixture.parcel("D-1", "SF", "4001"));
        sim.scenario(w.waybillNo(), CainiaoSimulator.Scenario.NORMAL);
        assertEquals(List.of(TrackingState.CREATED), states(connector.track("SF", w.waybillNo(), null)));
        sim.advance(Duration.ofDays(2));
        List<TrackingEvent> events = connector.track("SF", w.waybillNo(), null);
        List<TrackingState> states = states(events);
        assertEquals(TrackingState.CREATED, states.get(0));
        assertEquals(TrackingState.COLLECTED, states.get(1));
        assertTrue(states.stream().filter(s -> s == TrackingState.IN_TRANSIT).count() >= 3, states.toString());
        assertEquals(TrackingState.OUT_FOR_DELIVERY, states.get(states.size() - 2));
        assertEquals(TrackingState.DELIVERED, states.get(states.size() - 1));
        for (int i = 1; i < events.size(); i++) {
            assertFalse(events.get(i).at().isBefore(events.get(i - 1).at()));
        }
        TrackingEvent last = events.get(events.size() - 1);
        assertEquals("广州市", last.location());
        assertEquals("SIGNED", last.partnerState());
        assertFalse(last.description().contains("李四"));
    }

    @Test
    void tracesAStuckParcel() {
        Waybill w = connector.applyWaybill(SimFixture.parcel("D-2", "ZTO", "4002"));
        sim.scenario(w.waybillNo(), CainiaoSimulator.Scenario.STUCK);
        sim.advance(Duration.ofDays(5));
        List<TrackingState> states = states(connector.track("ZTO", w.waybillNo(), null));
        assertEquals(TrackingState.IN_TRANSIT, states.get(states.size() - 1));
        assertFalse(states.contains(TrackingState.OUT_FOR_DELIVERY));
        assertFalse(states.contains(TrackingState.DELIVERED));
    }

    @Test
    void tracesAProblemParcelAndARefusedOne() {
        Waybill problem = connector.applyWaybill(SimFixture.parcel("D-3", "YTO", "4003"));
        Waybill refused = connector.applyWaybill(SimFixture.parcel("D-4", "YTO", "4004"));
        sim.scenario(problem.waybillNo(), CainiaoSimulator.Scenario.EXCEPTION);
        sim.scenario(refused.waybillNo(), CainiaoSimulator.Scenario.REFUSED);
        sim.advance(Duration.ofDays(4));
        List<TrackingState> p = states(connector.track("YTO", problem.waybillNo(), null));
        assertEquals(TrackingState.EXCEPTION, p.get(p.size() - 1));
        List<TrackingState> r = states(connector.track("YTO", refused.waybillNo(), null));
        assertEquals(List.of(TrackingState.REFUSED, TrackingState.RETURNING, TrackingState.RETURNED), r.subList(r.size() - 3, r.size()));
    }

    @Test
    void aWaybillItDidNotIssueCannotBeTraced() {
        PartnerException e = assertThrows(PartnerException.class, () -> connector.track("SF", "SF1000000000000", null));
        assertEquals(Kind.PERMANENT, e.kind());
    }

    @Test
    void reportsBalancesByCarrier() {
        connector.applyWaybill(SimFixture.parcel("B-1", "SF", "9"));
        List<WaybillBalance> all = connector.balances(null);
        assertEquals(new HashSet<>(List.of("SF", "ZTO", "YTO")), all.stream().map(WaybillBalance::cpCode).collect(Collectors.toSet()));
        WaybillBalance sf = connector.balances("SF").get(0);
        assertEquals(999, sf.quantity());
        assertEquals(1, sf.allocatedQuantity());
        assertNotNull(sf.branchCode());
    }

    private static List<WaybillRequest> parcels(String prefix, int n) {
        List<WaybillRequest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(SimFixture.parcel(prefix + "-" + i, "YTO", String.valueOf(5000 + i)));
        }
        return out;
    }

    private static List<TrackingState> states(List<TrackingEvent> events) {
        return events.stream().map(TrackingEvent::state).toList();
    }

    private SimRequest lastCall(String method) {
        List<SimRequest> calls = sim.calls().stream().filter(c -> method.equals(c.param("method"))).toList();
        return calls.get(calls.size() - 1);
    }
}

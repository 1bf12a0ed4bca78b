package org.ordertower.carrier.kuaidi100.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.TrackingState;

class Kuaidi100CodesTest {
    private static final Map<String, String> PAIRS = Map.of("SF", "shunfeng", "ZTO", "zhongtong", "YTO", "yuantong", "STO",
            "shentong", "YUNDA", "yunda", "EMS", "ems", "JD", "jd", "JTSD", "jtexpress", "DBKD", "debangkuaidi");

    @Test
    void standardCodesTranslateBothWays() {
        PAIRS.forEach((standard, kuaidi100) -> {
            assertEquals(kuaidi100, Kuaidi100Companies.toKuaidi100(standard));
            assertEquals(standard, Kuaidi100Companies.toStandard(kuaidi100));
        });
        assertEquals("shunfeng", Kuaidi100Companies.toKuaidi100(" sf "));
        assertEquals(PAIRS.keySet(), Kuaidi100Companies.standardCodes());
    }

    @Test
    void unknownCodesArePermanentAndNamed() {
        PartnerException e = assertThrows(PartnerException.class, () -> Kuaidi100Companies.toKuaidi100("UPS"));
        assertEquals(PartnerException.Kind.PERMANENT, e.kind());
        assertTrue(e.getMessage().contains("'UPS'"), e.getMessage());
        e = assertThrows(PartnerException.class, () -> Kuaidi100Companies.toStandard("youzhengguonei"));
        assertEquals(PartnerException.Kind.PERMANENT, e.kind());
        assertTrue(e.getMessage().contains("'youzhengguonei'"), e.getMessage());
        assertThrows(PartnerException.class, () -> Kuaidi100Companies.toStandard("SHUNFENG"));
        assertThrows(PartnerException.class, () -> Kuaidi100Companies.toKuaidi100(null));
    }

    @Test
    void statesAndSubStatesMapToTrackingStates() {
        assertEquals(TrackingState.IN_TRANSIT, Kuaidi100States.byCode("0"));
        assertEquals(TrackingState.COLLECTED, Kuaidi100States.byCode("1"));
        assertEquals(TrackingState.EXCEPTION, Kuaidi100States.byCode("2"));
        assertEquals(TrackingState.DELIVERED, Kuaidi100States.byCode("3"));
        assertEquals(TrackingState.RETURNED, Kuaidi100States.byCode("4"));
        assertEquals(TrackingState.OUT_FOR_DELIVERY, Kuaidi100States.byCode("5"));
        assertEquals(TrackingState.RETURNING, Kuaidi100States.byCode("6"));
        assertEquals(TrackingState.IN_TRANSIT, Kuaidi100States.byCode("7"));
        assertEquals(TrackingState.IN_TRANSIT, Kuaidi100States.byCode("8"));
        assertEquals(TrackingState.REFUSED, Kuaidi100States.byCode("14"));
        assertEquals(TrackingState.CREATED, Kuaidi100States.byCode("101"));
        assertEquals(TrackingState.COLLECTED, Kuaidi100States.byCode("103"));
        assertEquals(TrackingState.IN_TRANSIT, Kuaidi100States.byCode("1002"));
        assertEquals(TrackingState.OUT_FOR_DELIVERY, Kuaidi100States.byCode("501"));
        assertEquals(TrackingState.DELIVERED, Kuaidi100States.byCode("304"));
        assertEquals(TrackingState.REFUSED, Kuaidi100States.byCode("203"));
        assertEquals(TrackingState.EXCEPTION, Kuaidi100States.byCode("204"));
        assertEquals(TrackingState.EXCEPTION, Kuaidi100States.byCode("13"));
        assertNull(Kuaidi100States.byCode("99"));
        assertEquals("1002", Kuaidi100States.codeOfName("干线"));
        assertEquals("0", Kuaidi100States.mainCode("1002"));
        assertEquals("3", Kuaidi100States.mainCode("301"));
    }

    @Test
    void onlyTheLastFourDigitsOfAPhoneLeaveAndSfNeedsOne() {
        assertEquals("8000", Kuaidi100Connector.phoneFor("shunfeng", "138-0013-8000"));
        assertEquals("1234", Kuaidi100Connector.phoneFor("zhongtong", "13800138000-1234"));
        assertNull(Kuaidi100Connector.phoneFor("yuantong", null));
        PartnerException e = assertThrows(PartnerException.class, () -> Kuaidi100Connector.phoneFor("shunfeng", null));
        assertEquals(PartnerException.Kind.PERMANENT, e.kind());
        assertThrows(PartnerException.class, () -> Kuaidi100Connector.phoneFor("shunfeng", "12"));
    }
}

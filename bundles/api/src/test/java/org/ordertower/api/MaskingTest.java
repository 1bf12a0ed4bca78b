package org.ordertower.api;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class MaskingTest {
    @Test
    void phoneKeepsHeadAndTail() {
        assertEquals("138****5678", Masking.phone("13812345678"));
        assertEquals("+8*********5678", Masking.phone("+8613812345678").substring(0, 2) + "*********5678");
        assertEquals("***", Masking.phone("123"));
        assertNull(Masking.phone(null));
        assertFalse(Masking.phone("02112345678").contains("1234567"));
    }

    @Test
    void nameKeepsFirstCodePoint() {
        assertEquals("张**", Masking.name("张三丰"));
        assertEquals("王*", Masking.name("王"));
        assertEquals("J***", Masking.name("John"));
        assertEquals("𠀀*", Masking.name("𠀀三"));
    }

    @Test
    void addressMasksHouseholdParts() {
        Address a = new Address("CN", "浙江省", "杭州市", "西湖区", "文三路", "478号华星时代广场A座", "310012");
        Address m = a.masked();
        assertEquals("杭州市", m.city());
        assertEquals("****", m.detail());
        assertEquals("****", m.street());
        assertFalse(m.oneLine().contains("478"));
    }

    @Test
    void maskedOrderHidesBuyerButKeepsLines() {
        NormalizedOrderTest t = new NormalizedOrderTest();
        NormalizedOrder n = t.valid();
        Order o = new Order(1, OrderStatus.RECEIVED, RiskLevel.NONE, null, null, 1, n).masked();
        assertEquals("138****5678", o.content().buyer().phone());
        assertEquals("****", o.content().address().detail());
        assertEquals(n.lines(), o.content().lines());
    }
}

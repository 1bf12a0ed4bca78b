package org.ordertower.rules.internal.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ordertower.api.inventory.StockItem;

/** Which phone numbers and addresses identify a buyer for the duplicate and cluster look-ups. */
class PhoneKeyTest {
    private static String key(String phone) {
        return OrderHistory.keyFor(OrderHistory.Key.PHONE, OrderHistoryMemoryTest.order(1, "b1", phone, "1号", null, null,
                Instant.now(), BigDecimal.TEN, List.of(new StockItem("CUP", 1))).content());
    }

    @Test
    void aNumberIsAKeyWhateverItsSpacing() {
        assertNotNull(key("13900001111"));
        assertEquals(key("13900001111"), key("139 0000-1111"));
    }

    @Test
    void aMaskedNumberIsNoKeySoTwoBuyersWithTheSameMaskNeverMatch() {
        // JD sends 136*******5 for every buyer whose number starts 136 and ends 5
        assertNull(key("136*******5"));
        assertNull(key("136＊＊＊＊＊＊＊5"));
        assertNull(key("1234"));
    }

    private static String addressKey(String detail) {
        return OrderHistory.keyFor(OrderHistory.Key.ADDRESS, OrderHistoryMemoryTest.order(1, "b1", "13900001111", detail, null,
                null, Instant.now(), BigDecimal.TEN, List.of(new StockItem("CUP", 1))).content());
    }

    @Test
    void aMaskedAddressIsNoKeySoAWholeStreetNeverLooksLikeOneAddress() {
        // Taobao sends 文三路**** for every receiver on the street: two such orders are not to one address
        assertNotNull(addressKey("文三路12号3幢101室"));
        assertEquals(addressKey("文三路12号3幢101室"), addressKey("文三路12号 3幢101室"));
        assertNull(addressKey("文三路****"));
        assertNull(addressKey("文三路＊＊＊＊"));
    }
}

package org.ordertower.fulfilment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ordertower.api.Address;
import org.ordertower.api.Amounts;
import org.ordertower.api.Buyer;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderLine;
import org.ordertower.api.PaymentStatus;

class ReceiverTest {
    private static NormalizedOrder order(String id, List<String> tags) {
        OrderLine l = new OrderLine("1", "T-CUP", null, "cup", 1, BigDecimal.ONE, BigDecimal.ONE, false, null);
        return new NormalizedOrder("taobao", "s1", id, 1, "WAIT_SELLER_SEND_GOODS", PaymentStatus.PAID,
                new Buyer("张*", "138****5678", "b1"), new Address("CN", "浙江省", "杭州市", "西湖区", null, "***", null),
                List.of(l), new Amounts("CNY", BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE), Instant.now(),
                null, Instant.now(), null, null, tags);
    }

    @Test
    void theWaybillRequestCarriesTheOrdersOwnOpenAddressId() {
        assertEquals("1a2b3c", Contacts.receiver(order("4001", List.of("presale", "oaid:4001:1a2b3c"))).openAddressId());
        assertNull(Contacts.receiver(order("4001", List.of("oaid:9999:other"))).openAddressId(), "another order's");
        assertNull(Contacts.receiver(order("4001", List.of("oaid:4001:"))).openAddressId(), "empty");
        assertNull(Contacts.receiver(order("4001", List.of())).openAddressId());
        assertEquals("138****5678", Contacts.receiver(order("4001", List.of())).phone(), "what the platform gave, as is");
    }
}

package org.ordertower.api;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class NormalizedOrderTest {
    NormalizedOrder valid() {
        return new NormalizedOrder("own", "main", "A-1", 1, "PAID", PaymentStatus.PAID,
                new Buyer("张三", "13812345678", "u1"),
                new Address("CN", "浙江省", "杭州市", "西湖区", "文三路", "478号", "310012"),
                List.of(new OrderLine("1", "SKU-1", null, "T-shirt", 2, new BigDecimal("10.00"), new BigDecimal("20.00"),
                        false, null)),
                new Amounts("CNY", new BigDecimal("20.00"), BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("20.00")),
                Instant.parse("2026-11-11T00:00:01Z"), null, null, null, null, null);
    }

    @Test
    void validOrderHasNoProblems() {
        assertEquals(List.of(), valid().problems());
        assertEquals("own/main/A-1", valid().key());
    }

    @Test
    void everyProblemIsNamed() {
        NormalizedOrder v = valid();
        NormalizedOrder bad = new NormalizedOrder("Own Site", "", null, -1, null, null, null, null,
                List.of(new OrderLine("1", "", null, null, -2, new BigDecimal("-1"), null, false, "9"),
                        new OrderLine("1", "S", null, null, 2_000_000, null, null, false, null)),
                new Amounts("cny", new BigDecimal("-5"), null, null, null), null, null, null, null, null, null);
        List<String> p = bad.problems();
        String all = String.join("\n", p);
        for (String expected : new String[] { "channel must be lower-case", "shop is required",
                "platformOrderId is required", "platformVersion must not be negative", "paymentStatus is required",
                "amounts.currency", "amounts.goods must not be negative", "createdAt is required",
                "lines[0].channelSku is required", "lines[0].quantity must be at least 1, was -2",
                "lines[0].unitPrice must not be negative", "lines[1].lineNo '1' appears twice",
                "lines[1].quantity 2000000 is over the limit", "lines[0].parentLineNo '9' names no line" }) {
            assertTrue(all.contains(expected), "missing '" + expected + "' in:\n" + all);
        }
        assertNotNull(v);
    }

    @Test
    void aRefundMustNameLinesOfTheOrder() {
        NormalizedOrder v = valid();
        Refund ok = new Refund("9001", List.of("1"), Refund.State.GOODS_RETURNED, "WAIT_SELLER_CONFIRM_GOODS");
        Refund whole = new Refund("9002", List.of(), Refund.State.REQUESTED, null);
        assertEquals(List.of(), v.withFacts(v.facts().withRefunds(List.of(ok, whole))).problems());
        Refund stray = new Refund("9".repeat(65), List.of("7"), Refund.State.REQUESTED, null);
        assertEquals(List.of("facts.refunds[0].refundId is longer than 64 characters",
                "facts.refunds[0].lineNos '7' names no line of this order"),
                v.withFacts(v.facts().withRefunds(List.of(stray))).problems());
        assertThrows(IllegalArgumentException.class, () -> new Refund(" ", List.of(), Refund.State.CLOSED, null));
        assertTrue(whole.covers("1") && ok.covers("1") && !ok.covers("2"));
        assertTrue(Refund.State.GOODS_RETURNED.open() && !Refund.State.REFUNDED.open());
    }

    @Test
    void emptyLinesAreRefused() {
        NormalizedOrder v = valid();
        NormalizedOrder none = new NormalizedOrder(v.channel(), v.shop(), v.platformOrderId(), 1, null,
                PaymentStatus.PAID, null, null, List.of(), v.amounts(), v.createdAt(), null, null, null, null, null);
        assertEquals(List.of("lines must hold at least one line"), none.problems());
    }
}

package org.ordertower.fulfilment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.Amounts;
import org.ordertower.api.ChannelFacts;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderLine;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.Refund;
import org.ordertower.api.channel.ReturnOutcome;
import org.ordertower.api.channel.ReturnOutcome.Decision;
import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.ReceivedLine;

class RefundsTest {
    private static final Refunds.Policy STRICT = new Refunds.Policy(true, true);

    /** Platform line 1: 2 cups; line 2: one gift box kit (2 cups + 1 pot), expanded into lines 2-1 and 2-2. */
    private static NormalizedOrder order(Refund... refunds) {
        List<OrderLine> lines = List.of(line("1", "CUP", 2, null), line("2", "TEA-BOX", 1, null),
                line("2-1", "CUP", 2, "2"), line("2-2", "POT", 1, "2"));
        return new NormalizedOrder("taobao", "tea-shop", "T9", 1, "WAIT_BUYER_CONFIRM_GOODS", PaymentStatus.PAID, null,
                null, lines, new Amounts("CNY", BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.TEN),
                Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null, null, List.of(),
                new ChannelFacts(ChannelFacts.ChannelState.SHIPPED, null, null, null, List.of(refunds)));
    }

    private static OrderLine line(String no, String sku, int qty, String parent) {
        return new OrderLine(no, "C-" + sku, sku, null, qty, BigDecimal.ONE, BigDecimal.ONE, false, parent);
    }

    private static final List<ParcelLine> PARCEL = List.of(new ParcelLine("1", "CUP", "cup", 4),
            new ParcelLine("2", "POT", "pot", 1));

    @Test
    void everythingBackAgreesEachOpenRefundForItsLines() {
        NormalizedOrder o = order(new Refund("R1", List.of("1"), Refund.State.GOODS_RETURNED, null),
                new Refund("R2", List.of("2"), Refund.State.AWAITING_RETURN, null),
                new Refund("R0", List.of("1"), Refund.State.CLOSED, null));
        List<ReturnOutcome> out = Refunds.outcomes(o, PARCEL, List.of(new ReceivedLine("CUP", 4, false),
                new ReceivedLine("POT", 1, false)), STRICT);
        assertEquals(List.of(new ReturnOutcome("T9", "R1", Map.of("1", 2), Map.of(), Decision.AGREE, "goods received"),
                new ReturnOutcome("T9", "R2", Map.of("2", 1), Map.of(), Decision.AGREE, "goods received")), out);
        assertEquals("R1", Refunds.openFor(o, PARCEL).orElseThrow().refundId());
    }

    @Test
    void aKitCountsOnlyWholeKitsAndMissingOrDamagedGoodsRefuseByPolicy() {
        NormalizedOrder o = order(new Refund("R", List.of(), Refund.State.GOODS_RETURNED, null));
        // 3 cups and the pot: line 1 gets its 2 cups, the kit only 1 of its 2 cups
        List<ReceivedLine> back = List.of(new ReceivedLine("CUP", 3, false), new ReceivedLine("POT", 1, true));
        ReturnOutcome strict = Refunds.outcomes(o, PARCEL, back, STRICT).get(0);
        assertEquals(Decision.REFUSE, strict.decision());
        assertEquals(Map.of("1", 2, "2", 0), strict.received());
        assertEquals(Map.of("2", 1), strict.damaged(), "a kit with a damaged part is a damaged kit");
        assertEquals("goods missing from the return: line 2: 0 of 1", strict.reason());

        ReturnOutcome lenient = Refunds.outcomes(o, PARCEL, back, new Refunds.Policy(false, false)).get(0);
        assertEquals(Decision.AGREE, lenient.decision());
        assertEquals("goods received (short: line 2: 0 of 1) (damaged: line 2: 1)", lenient.reason());

        List<ReceivedLine> damaged = List.of(new ReceivedLine("CUP", 2, true));
        NormalizedOrder one = order(new Refund("R", List.of("1"), Refund.State.GOODS_RETURNED, null));
        ReturnOutcome harmed = Refunds.outcomes(one, PARCEL, damaged, STRICT).get(0);
        assertEquals(Decision.REFUSE, harmed.decision());
        assertEquals("goods came back damaged: line 1: 2", harmed.reason());
        assertEquals(Decision.AGREE, Refunds.outcomes(one, PARCEL, damaged, Refunds.Policy.DEFAULT).get(0).decision());
    }

    @Test
    void aRefundOfGoodsInAnotherParcelIsNotReportedHere() {
        NormalizedOrder o = order(new Refund("R", List.of("2"), Refund.State.GOODS_RETURNED, null));
        List<ParcelLine> cupsOnly = List.of(new ParcelLine("1", "CUP", "cup", 2));
        // the kit's cups share the SKU, so a cups-only parcel does touch line 2; a pot-free parcel of line 1 alone:
        NormalizedOrder plain = new NormalizedOrder(o.channel(), o.shop(), o.platformOrderId(), 1, null,
                PaymentStatus.PAID, null, null, List.of(line("1", "CUP", 2, null), line("3", "POT", 1, null)), o.amounts(),
                Instant.EPOCH, null, null, null, null, List.of(), o.facts().withRefunds(List.of(new Refund("R3",
                        List.of("3"), Refund.State.GOODS_RETURNED, null))));
        assertEquals(List.of(), Refunds.outcomes(plain, cupsOnly, List.of(new ReceivedLine("CUP", 2, false)), STRICT));
        assertEquals(1, Refunds.outcomes(o, cupsOnly, List.of(new ReceivedLine("CUP", 2, false)), STRICT).size());
    }

    @Test
    void theTaskPayloadRoundTrips() {
        ReturnOutcome r = new ReturnOutcome("T9", "R\u00e9", Map.of("1", 2, "2-x", 0), Map.of("1", 1), Decision.REFUSE,
                "goods missing: line 2-x: 0 of 1\twith a tab");
        ReturnOutcome back = Refunds.decode("T9", Refunds.encode(r));
        assertEquals(new ReturnOutcome("T9", "R\u00e9", r.received(), r.damaged(), Decision.REFUSE,
                "goods missing: line 2-x: 0 of 1 with a tab"), back);
        ReturnOutcome agree = new ReturnOutcome("T9", "R1", Map.of(), Map.of(), Decision.AGREE, null);
        assertEquals(agree, Refunds.decode("T9", Refunds.encode(agree)));
        assertThrows(IllegalArgumentException.class, () -> Refunds.decode("T9", "R1\tAGREE"));
    }
}

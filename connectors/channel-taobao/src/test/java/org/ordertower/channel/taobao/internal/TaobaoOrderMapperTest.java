package org.ordertower.channel.taobao.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.ChannelFacts.ChannelState;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderLine;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.channel.ChannelException;

class TaobaoOrderMapperTest {
    private final TaobaoOrderMapper mapper = new TaobaoOrderMapper();

    static String fixture(String name) {
        try (InputStream in = TaobaoOrderMapperTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("fixture " + name + " is missing", e);
        }
    }

    private NormalizedOrder map(String fixture) {
        NormalizedOrder o = mapper.map("shop-a", fixture(fixture));
        assertEquals(List.of(), o.problems());
        return o;
    }

    @Test
    void multiLineTradeWithGiftAndSharedDiscount() {
        NormalizedOrder o = map("trade-multi-line-gift.json");
        assertEquals("taobao", o.channel());
        assertEquals("shop-a", o.shop());
        assertEquals("400000000000123", o.platformOrderId());
        assertEquals(Instant.parse("2024-11-10T16:00:31Z").toEpochMilli(), o.platformVersion());
        assertEquals("WAIT_SELLER_SEND_GOODS", o.platformStatus());
        assertEquals(PaymentStatus.PAID, o.paymentStatus());
        assertEquals(Instant.parse("2024-11-10T16:00:08Z"), o.createdAt());
        assertEquals(Instant.parse("2024-11-10T16:00:31Z"), o.paidAt());
        assertEquals(3, o.lines().size());
        OrderLine tea = o.lines().get(0);
        assertEquals("400000000001230", tea.lineNo());
        assertEquals("TEA-LJ-250", tea.channelSku());
        assertEquals(new BigDecimal("268.00"), tea.unitPrice());
        assertEquals(new BigDecimal("260.25"), tea.paidAmount());
        assertEquals(2, o.lines().get(1).quantity());
        assertFalse(tea.gift());
        assertTrue(o.lines().get(2).gift());
        assertEquals(new BigDecimal("346.00"), o.amounts().goods());
        assertEquals(new BigDecimal("10.00"), o.amounts().discount());
        assertEquals(new BigDecimal("8.00"), o.amounts().shipping());
        assertEquals(new BigDecimal("344.00"), o.amounts().paid());
        assertEquals("CNY", o.amounts().currency());
        assertEquals("王**", o.buyer().name());
        assertEquals("*******5678", o.buyer().phone());
        assertEquals("AAGx9kqVAAeGwJedwSHpg8bT", o.buyer().platformBuyerId());
        assertEquals("CN", o.address().country());
        assertEquals("西湖区", o.address().district());
        assertEquals("文三路", o.address().street());
        assertEquals("文三路****", o.address().detail());
        assertEquals("请尽快发货，谢谢", o.buyerNote());
        assertEquals(List.of("oaid:400000000000123:1Qb4eLsdcFq7lWxOrTbJ8KcCMpG0iE5zXyAaBbCc"), o.tags());
        assertEquals(ChannelState.OPEN, o.facts().state());
        assertEquals(Instant.parse("2024-11-12T16:00:31Z"), o.facts().promisedShipBy());
    }

    @Test
    void presaleWithDepositPaidIsPartiallyPaid() {
        NormalizedOrder o = map("trade-presale.json");
        assertEquals(PaymentStatus.PARTIALLY_PAID, o.paymentStatus());
        assertTrue(o.tags().contains("presale"));
        assertEquals("KIT-TEA-CUP", o.lines().get(0).channelSku());
        // delivery_time given as a date: the end of that day in GMT+8
        assertEquals(Instant.parse("2024-11-12T15:59:59Z"), o.facts().promisedShipBy());
    }

    @Test
    void oneLineRefundedOneRequestedAddressChanged() {
        NormalizedOrder o = map("trade-refund.json");
        assertEquals(PaymentStatus.PARTIALLY_REFUNDED, o.paymentStatus());
        assertEquals(List.of("refund-requested", "address-changed"), o.tags());
        // no SKU id: the item's outer code (outer_iid) is the 商家编码
        assertEquals("SOAP-100", o.lines().get(1).channelSku());
        assertEquals("已联系买家确认", o.sellerNote());
        assertEquals("AAE1", o.buyer().platformBuyerId());
    }

    @Test
    void closedBeforePaymentIsCancelledAndUnpaid() {
        NormalizedOrder o = map("trade-cancelled.json");
        assertEquals(ChannelState.CANCELLED, o.facts().state());
        assertEquals(PaymentStatus.UNPAID, o.paymentStatus());
        assertNull(o.paidAt());
        // no outer code anywhere: the platform SKU id
        assertEquals("600000000102", o.lines().get(0).channelSku());
        assertEquals("a**", o.buyer().platformBuyerId());
    }

    @Test
    void closedAfterFullRefundIsRefunded() {
        NormalizedOrder o = map("trade-shipped-full-refund.json");
        assertEquals(PaymentStatus.REFUNDED, o.paymentStatus());
        assertEquals(ChannelState.CANCELLED, o.facts().state());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "[]", "{\"tid\":1", "not json", "{\"status\":\"WAIT_BUYER_PAY\"}" })
    void hostilePayloadsArePermanent(String payload) {
        ChannelException e = assertThrows(ChannelException.class, () -> mapper.map("s", payload));
        assertEquals(ChannelException.Kind.PERMANENT, e.kind());
    }

    @Test
    void namesTheBrokenField() {
        String good = fixture("trade-multi-line-gift.json");
        assertField(good.replace("\"status\":\"WAIT_SELLER_SEND_GOODS\",\n  \"created\"", "\"status\":\"SHIPPED_BY_MAGIC\",\n  \"created\""),
                "SHIPPED_BY_MAGIC");
        assertField(good.replace("\"num\":2", "\"num\":\"two\""), "orders.order[1].num");
        assertField(good.replace("\"price\":\"268.00\"", "\"price\":{\"amount\":268}"), "orders.order[0].price");
        assertField(good.replace("\"created\":\"2024-11-11 00:00:08\"", "\"created\":\"11/11/2024\""), "created");
        assertField(good.replace("\"payment\":\"344.00\"", "\"payment\":\"-1.00\""), "payment");
        assertField(good.replace("\"oid\":400000000001231,\"oid_str\":\"400000000001231\"", "\"oid\":400000000001230"),
                "appears twice");
        assertField(good.replace("\"refund_status\":\"NO_REFUND\"", "\"refund_status\":\"MAYBE\""), "refund_status");
        assertField(good.replace("\"orders\":{\"order\":[", "\"orders\":{\"order\":[],\"x\":["), "orders.order");
        assertField(good.substring(0, good.length() / 2), "not valid JSON");
    }

    private void assertField(String payload, String expected) {
        ChannelException e = assertThrows(ChannelException.class, () -> mapper.map("s", payload));
        assertEquals(ChannelException.Kind.PERMANENT, e.kind());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}

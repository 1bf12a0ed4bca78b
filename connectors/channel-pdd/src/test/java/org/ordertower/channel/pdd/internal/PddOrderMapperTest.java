package org.ordertower.channel.pdd.internal;

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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class PddOrderMapperTest {
    private final PddOrderMapper mapper = new PddOrderMapper();

    static String fixture(String name) {
        try (InputStream in = PddOrderMapperTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("fixture " + name + " missing", e);
        }
    }

    private NormalizedOrder map(String name) {
        NormalizedOrder o = mapper.map("mall-1", fixture(name));
        assertTrue(o.problems().isEmpty(), o.problems().toString());
        return o;
    }

    @Test
    void multiLineOrderWithGiftDiscountAndCiphertextBuyer() {
        NormalizedOrder o = map("order-multiline-gift.json");
        assertEquals("pdd", o.channel());
        assertEquals("mall-1", o.shop());
        assertEquals("240318-422796379670125", o.platformOrderId());
        assertEquals(Instant.parse("2024-03-18T09:43:00Z").toEpochMilli(), o.platformVersion());
        assertEquals("1", o.platformStatus());
        assertEquals(PaymentStatus.PAID, o.paymentStatus());
        assertEquals(Instant.parse("2024-03-18T09:12:59Z"), o.createdAt());
        assertEquals(Instant.parse("2024-03-18T09:13:00Z"), o.paidAt());
        assertEquals(Instant.parse("2024-03-18T09:43:00Z"), o.platformChangedAt());
        assertEquals(new BigDecimal("346.00"), o.amounts().goods());
        assertEquals(new BigDecimal("10.00"), o.amounts().discount());
        assertEquals(new BigDecimal("8.00"), o.amounts().shipping());
        assertEquals(new BigDecimal("344.00"), o.amounts().paid());
        assertEquals("CNY", o.amounts().currency());

        List<OrderLine> lines = o.lines();
        assertEquals(3, lines.size());
        OrderLine cup = lines.get(0);
        assertEquals("840777314605", cup.lineNo());
        assertEquals("CUP-WHITE", cup.channelSku());
        assertEquals(2, cup.quantity());
        assertEquals(new BigDecimal("39.00"), cup.unitPrice());
        assertEquals(new BigDecimal("75.75"), cup.paidAmount()); // 78 - 10 * 78 / 346 rounded down
        assertEquals("陶瓷马克杯 350ml 白色", cup.title());
        OrderLine tea = lines.get(1);
        assertEquals("840777314701", tea.channelSku(), "no outer_id: the platform SKU id");
        assertEquals(new BigDecimal("260.25"), tea.paidAmount(), "the last line takes the rounding");
        assertEquals(new BigDecimal("336.00"), cup.paidAmount().add(tea.paidAmount()));
        OrderLine gift = lines.get(2);
        assertTrue(gift.gift());
        assertEquals("gift-840777319901", gift.lineNo());
        assertEquals("GIFT-BAG", gift.channelSku());
        assertEquals(0, gift.paidAmount().signum());

        assertEquals("~AgAAAAKj5K0FdThr3gCXEjX7VukfDJ4VXsxKOdZIGJk=~e3T2WeW7~0~~", o.buyer().name());
        assertEquals("$Y/YKpKSij9Re$AgAAAAKj5K0GdThr3gD91OwqU75VBWn0HBgJhtknQj0=$0$$", o.buyer().phone());
        assertNull(o.buyer().platformBuyerId());
        assertEquals("CN", o.address().country());
        assertEquals("广东省", o.address().province());
        assertEquals("潮州市", o.address().city());
        assertEquals("潮安区", o.address().district());
        assertTrue(o.address().detail().startsWith("~AgAAAAKj5K0IdThr3gHe"));
        assertEquals("请尽快发货，谢谢", o.buyerNote());
        assertNull(o.sellerNote());
        assertEquals(List.of(), o.tags());
        assertEquals(ChannelState.OPEN, o.facts().state());
        assertEquals(Instant.parse("2024-03-20T09:13:01Z"), o.facts().promisedShipBy());
    }

    @Test
    void presaleDepositOrderIsPartlyPaid() {
        NormalizedOrder o = map("order-presale.json");
        assertEquals(List.of("presale"), o.tags());
        assertEquals(PaymentStatus.PARTIALLY_PAID, o.paymentStatus());
        assertEquals(1, o.lines().size());
        assertEquals(new BigDecimal("268.00"), o.lines().get(0).paidAmount());
    }

    @Test
    void pendingRefundIsTagged() {
        NormalizedOrder o = map("order-refund-requested.json");
        assertEquals(List.of("refund-requested"), o.tags());
        assertEquals(PaymentStatus.PAID, o.paymentStatus());
        assertEquals(ChannelState.OPEN, o.facts().state());
    }

    @Test
    void refundedBeforeShippingIsCancelledAndRefunded() {
        NormalizedOrder o = map("order-refunded.json");
        assertEquals(PaymentStatus.REFUNDED, o.paymentStatus());
        assertEquals(ChannelState.CANCELLED, o.facts().state());
        assertNull(o.buyer(), "PDD blanks receiver data once the order no longer waits to ship");
    }

    @Test
    void shippedOrderWithBlankedReceiverData() {
        NormalizedOrder o = map("order-shipped.json");
        assertEquals("2", o.platformStatus());
        assertEquals(ChannelState.SHIPPED, o.facts().state());
        assertNull(o.buyer());
        assertNull(o.address().detail());
        assertEquals("已联系买家确认", o.sellerNote());
    }

    @Test
    void cancelledUnpaidOrder() {
        NormalizedOrder o = map("order-cancelled.json");
        assertEquals(PaymentStatus.UNPAID, o.paymentStatus());
        assertNull(o.paidAt());
        assertNull(o.facts().promisedShipBy());
        assertEquals(ChannelState.CANCELLED, o.facts().state());
    }

    @Test
    void partialRefundIsPartiallyRefunded() throws Exception {
        ObjectNode n = (ObjectNode) new ObjectMapper().readTree(fixture("order-multiline-gift.json"));
        n.put("after_sales_status", 10);
        assertEquals(PaymentStatus.PARTIALLY_REFUNDED, mapper.map("s", n.toString()).paymentStatus());
    }

    @Test
    void duplicateSkuLinesGetDistinctLineNumbers() throws Exception {
        ObjectNode n = (ObjectNode) new ObjectMapper().readTree(fixture("order-multiline-gift.json"));
        n.withArray("item_list").add(n.withArray("item_list").get(0).deepCopy());
        n.put("goods_amount", 424.0);
        n.put("pay_amount", 422.0);
        NormalizedOrder o = mapper.map("s", n.toString());
        assertTrue(o.problems().isEmpty(), o.problems().toString());
        assertEquals("840777314605#2", o.lines().get(2).lineNo());
    }

    private ChannelException refused(String payload) {
        return assertThrows(ChannelException.class, () -> mapper.map("s", payload));
    }

    private String with(String field, Object value) throws Exception {
        ObjectNode n = (ObjectNode) new ObjectMapper().readTree(fixture("order-multiline-gift.json"));
        if (value == null) {
            n.remove(field);
        } else {
            n.set(field, new ObjectMapper().valueToTree(value));
        }
        return n.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = { "order_sn", "order_status", "updated_at", "created_time", "goods_amount", "pay_amount", "item_list" })
    void missingRequiredFieldIsPermanentNamingIt(String field) throws Exception {
        ChannelException e = refused(with(field, null));
        assertEquals(ChannelException.Kind.PERMANENT, e.kind());
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void wrongTypesArePermanentNamingTheField() throws Exception {
        ChannelException e = refused(with("pay_amount", "abc"));
        assertEquals(ChannelException.Kind.PERMANENT, e.kind());
        assertTrue(e.getMessage().contains("pay_amount"), e.getMessage());
        ChannelException items = refused(with("item_list", "not a list"));
        assertTrue(items.getMessage().contains("item_list"), items.getMessage());
        ChannelException count = refused(with("goods_amount", List.of(1, 2)));
        assertTrue(count.getMessage().contains("goods_amount"), count.getMessage());
        ChannelException frac = refused(with("order_status", 1.5));
        assertTrue(frac.getMessage().contains("order_status"), frac.getMessage());
    }

    @Test
    void unknownStatusesAndBadTimesArePermanent() throws Exception {
        assertTrue(refused(with("order_status", 9)).getMessage().contains("order_status 9"));
        assertTrue(refused(with("refund_status", 7)).getMessage().contains("refund_status 7"));
        assertTrue(refused(with("updated_at", "2024/03/18")).getMessage().contains("updated_at"));
        assertTrue(refused(with("pay_amount", -1)).getMessage().contains("pay_amount"));
        assertTrue(refused(with("pay_amount", 1.005)).getMessage().contains("pay_amount"));
    }

    @Test
    void truncatedOrEmptyJsonIsPermanent() {
        String full = fixture("order-multiline-gift.json");
        assertEquals(ChannelException.Kind.PERMANENT, refused(full.substring(0, full.length() / 2)).kind());
        assertEquals(ChannelException.Kind.PERMANENT, refused("").kind());
        assertEquals(ChannelException.Kind.PERMANENT, refused("[]").kind());
        assertEquals(ChannelException.Kind.PERMANENT, refused("null").kind());
        assertEquals(ChannelException.Kind.PERMANENT, assertThrows(ChannelException.class, () -> mapper.map("s", null)).kind());
    }

    @Test
    void badItemsArePermanentNamingTheItem() throws Exception {
        ObjectNode n = (ObjectNode) new ObjectMapper().readTree(fixture("order-multiline-gift.json"));
        ((ObjectNode) n.withArray("item_list").get(1)).remove("sku_id");
        ChannelException e = refused(n.toString());
        assertTrue(e.getMessage().contains("item_list[1].sku_id"), e.getMessage());
        ((ObjectNode) n.withArray("item_list").get(1)).put("sku_id", "1").put("goods_count", 0);
        assertFalse(refused(n.toString()).getMessage().isEmpty());
    }
}

package org.ordertower.channel.jd.internal;

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
import java.util.function.Consumer;

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

class JdOrderMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JdOrderMapper mapper = new JdOrderMapper();

    static String fixture(String name) {
        try (InputStream in = JdOrderMapperTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("fixture " + name, e);
        }
    }

    private NormalizedOrder map(String name) {
        NormalizedOrder o = mapper.map("shop-1", fixture(name));
        assertEquals(List.of(), o.problems());
        return o;
    }

    @Test
    void multiLineOrderWithCouponsAndGift() {
        NormalizedOrder o = map("order-multiline-gift.json");
        assertEquals("jd", o.channel());
        assertEquals("shop-1", o.shop());
        assertEquals("281046817987", o.platformOrderId());
        assertEquals(1731254620123L, o.platformVersion());
        assertEquals("WAIT_SELLER_STOCK_OUT", o.platformStatus());
        assertEquals(PaymentStatus.PAID, o.paymentStatus());
        assertEquals(Instant.parse("2024-11-10T16:03:12Z"), o.createdAt());
        assertEquals(Instant.parse("2024-11-10T16:03:40Z"), o.paidAt());
        assertEquals(Instant.parse("2024-11-10T16:03:40Z"), o.platformChangedAt());
        assertEquals(new BigDecimal("346.00"), o.amounts().goods());
        assertEquals(new BigDecimal("20.00"), o.amounts().discount());
        assertEquals(new BigDecimal("8.00"), o.amounts().shipping());
        assertEquals(new BigDecimal("334.00"), o.amounts().paid());
        assertEquals("CNY", o.amounts().currency());
        assertEquals(3, o.lines().size());
        OrderLine tea = o.lines().get(0);
        assertEquals("228886533499", tea.lineNo());
        assertEquals("TEA-LJ-250", tea.channelSku());
        assertEquals(new BigDecimal("268.00"), tea.unitPrice());
        assertEquals(new BigDecimal("252.51"), tea.paidAmount());
        OrderLine cups = o.lines().get(1);
        assertEquals(2, cups.quantity());
        assertEquals(new BigDecimal("73.49"), cups.paidAmount());
        OrderLine gift = o.lines().get(2);
        assertTrue(gift.gift());
        assertEquals("GIFT-BAG", gift.channelSku());
        assertFalse(tea.gift());
        BigDecimal lines = o.lines().stream().map(OrderLine::paidAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(o.amounts().paid(), lines.add(o.amounts().shipping()));
        assertEquals("请尽快发货，谢谢", o.buyerNote());
        assertNull(o.sellerNote());
        assertEquals(List.of(), o.tags());
        assertEquals(ChannelState.OPEN, o.facts().state());
    }

    @Test
    void buyerDataIsKeptExactlyAsJdSendsIt() {
        NormalizedOrder o = map("order-multiline-gift.json");
        assertEquals("AAS/ZFJFpmfveSmeZ0P9i+iPiAVtOMmowMRtStdbSOA32r6wKNWTMeyV2CU1umLIhl0=", o.buyer().name());
        assertEquals("136*******5", o.buyer().phone());
        assertEquals("o*AAQ2VMNweFJXvq0fAvKFvwKXYWFlN21QRryiD7Ee-xKj1WWh0Xk3SvqnsOapoBq355aRCFpn",
                o.buyer().platformBuyerId());
        assertEquals("CN", o.address().country());
        assertEquals("广东", o.address().province());
        assertEquals("广州市", o.address().city());
        assertEquals("海珠区", o.address().district());
        assertEquals("赤岗街道", o.address().street());
        assertTrue(o.address().detail().startsWith("AAS/"));
    }

    @Test
    void presaleAndLiveMarksWithoutLineIdOrOuterCode() {
        NormalizedOrder o = map("order-presale-live.json");
        assertEquals(List.of("presale", "live"), o.tags());
        OrderLine l = o.lines().get(0);
        assertEquals("100054887401", l.lineNo());
        assertEquals("100054887401", l.channelSku());
        assertEquals(new BigDecimal("299.00"), l.paidAmount());
        assertEquals(Instant.parse("2024-10-21T01:00:00Z").toEpochMilli(), o.platformVersion());
        assertEquals("定金已付，尾款10日内", o.sellerNote());
    }

    @Test
    void lockedOrderIsARefundRequest() {
        NormalizedOrder o = map("order-locked.json");
        assertEquals(List.of("refund-requested"), o.tags());
        assertEquals(PaymentStatus.PAID, o.paymentStatus());
        assertEquals(ChannelState.OPEN, o.facts().state());
    }

    @Test
    void cancelledAfterPaymentIsRefunded() {
        NormalizedOrder o = map("order-cancelled.json");
        assertEquals(PaymentStatus.REFUNDED, o.paymentStatus());
        assertEquals(ChannelState.CANCELLED, o.facts().state());
    }

    @Test
    void shippedCashOnDeliveryIsUnpaidUntilFinished() {
        NormalizedOrder o = map("order-shipped-cod.json");
        assertEquals(ChannelState.SHIPPED, o.facts().state());
        assertEquals(PaymentStatus.UNPAID, o.paymentStatus());
        assertNull(o.paidAt());
    }

    @Test
    void finishedIsCompleted() {
        NormalizedOrder o = mapper.map("s", edit("order-shipped-cod.json", n -> n.put("orderState", "FINISHED_L")));
        assertEquals(ChannelState.COMPLETED, o.facts().state());
        assertEquals(PaymentStatus.PAID, o.paymentStatus());
    }

    private static String edit(String fixture, Consumer<ObjectNode> change) {
        try {
            ObjectNode n = (ObjectNode) JSON.readTree(fixture(fixture));
            change.accept(n);
            return JSON.writeValueAsString(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void refused(String payload, String mentions) {
        ChannelException e = assertThrows(ChannelException.class, () -> mapper.map("s", payload));
        assertEquals(ChannelException.Kind.PERMANENT, e.kind());
        assertTrue(e.getMessage().contains(mentions), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "orderId", "orderState", "orderStartTime", "modified", "orderPayment", "orderTotalPrice",
            "itemInfoList" })
    void missingRequiredFieldIsPermanentNamingIt(String field) {
        refused(edit("order-multiline-gift.json", n -> n.remove(field)), field);
    }

    @Test
    void hostilePayloadsArePermanent() {
        refused(edit("order-multiline-gift.json", n -> n.put("orderState", "WAIT_BUYER_PAY")), "orderState");
        refused(edit("order-multiline-gift.json", n -> n.put("itemInfoList", "none")), "itemInfoList");
        refused(edit("order-multiline-gift.json", n -> n.putArray("itemInfoList")), "itemInfoList");
        refused(edit("order-multiline-gift.json", n -> n.put("orderPayment", "-1.00")), "orderPayment");
        refused(edit("order-multiline-gift.json", n -> n.put("freightPrice", "eight")), "freightPrice");
        refused(edit("order-multiline-gift.json", n -> n.put("orderStartTime", "2024/11/11")), "orderStartTime");
        refused(edit("order-multiline-gift.json", n -> n.put("orderId", "JD-1")), "orderId");
        refused(edit("order-multiline-gift.json", n -> n.put("dataVersion", "v2")), "dataVersion");
        refused(edit("order-multiline-gift.json", n -> ((ObjectNode) n.get("itemInfoList").get(0)).put("itemTotal", "0")),
                "itemTotal");
        refused(edit("order-multiline-gift.json", n -> ((ObjectNode) n.get("itemInfoList").get(1)).remove("jdPrice")),
                "jdPrice");
        refused(edit("order-multiline-gift.json", n -> n.putObject("consigneeInfo").putArray("fullname")), "consigneeInfo");
        String whole = fixture("order-multiline-gift.json");
        refused(whole.substring(0, whole.length() / 2), "not valid JSON");
        refused("", "empty");
        refused("[1,2]", "orderInfo");
    }
}

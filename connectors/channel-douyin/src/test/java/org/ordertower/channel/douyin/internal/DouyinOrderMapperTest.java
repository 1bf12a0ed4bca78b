package org.ordertower.channel.douyin.internal;

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

class DouyinOrderMapperTest {
    private final DouyinOrderMapper mapper = new DouyinOrderMapper();

    static String fixture(String name) {
        try (InputStream in = DouyinOrderMapperTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("fixture " + name + " is missing", e);
        }
    }

    private NormalizedOrder map(String name) {
        NormalizedOrder o = mapper.map("4463798", fixture(name));
        assertEquals(List.of(), o.problems());
        return o;
    }

    @Test
    void multiLineOrderWithGiftPartialRefundLiveAndEncryptedBuyer() {
        NormalizedOrder o = map("order-multiline-gift-refund.json");
        assertEquals("douyin", o.channel());
        assertEquals("4463798", o.shop());
        assertEquals("6920000000000000123", o.platformOrderId());
        assertEquals(1731290400_000L, o.platformVersion());
        assertEquals("2", o.platformStatus());
        assertEquals(PaymentStatus.PARTIALLY_REFUNDED, o.paymentStatus());
        assertEquals(Instant.parse("2024-11-11T00:00:00Z"), o.createdAt());
        assertEquals(Instant.ofEpochSecond(1731283320), o.paidAt());
        assertEquals(Instant.ofEpochSecond(1731290400), o.platformChangedAt());
        assertEquals(3, o.lines().size());
        OrderLine tea = o.lines().get(0);
        assertEquals("6920000000000001230", tea.lineNo());
        assertEquals("TEA-LJ-250", tea.channelSku());
        assertEquals(new BigDecimal("268.00"), tea.unitPrice());
        assertEquals(new BigDecimal("258.00"), tea.paidAmount());
        assertFalse(tea.gift());
        assertEquals(2, o.lines().get(1).quantity());
        OrderLine gift = o.lines().get(2);
        assertTrue(gift.gift());
        assertEquals("3500000000000000901", gift.channelSku(), "no outer code: the platform SKU id");
        assertEquals(new BigDecimal("0.00"), gift.paidAmount());
        assertEquals(new BigDecimal("318.00"), o.amounts().goods());
        assertEquals(new BigDecimal("10.00"), o.amounts().discount());
        assertEquals(new BigDecimal("8.00"), o.amounts().shipping());
        assertEquals(new BigDecimal("337.00"), o.amounts().paid());
        assertEquals("CNY", o.amounts().currency());
        assertEquals("~AgAAAPmZ+/0NFRL1mwkH4NkzFyxf8ByJ~1f6Wj1FS~1~~", o.buyer().name());
        assertEquals("$AgAAAJkT8zE3q9Vx0tY2qO1pQw==$8c1d0f2a$1$$", o.buyer().phone());
        assertEquals("1@#YjEyMzQ1Njc4OWE=", o.buyer().platformBuyerId());
        assertEquals("浙江省", o.address().province());
        assertEquals("西湖区", o.address().district());
        assertEquals("文三路", o.address().street());
        assertEquals("#AgAAAKd2lq9Yw0Zx3B7p#a1b2c3d4#1##", o.address().detail());
        assertEquals("请尽快发货，谢谢", o.buyerNote());
        assertEquals("已联系买家确认", o.sellerNote());
        assertEquals(List.of("live", "refund-requested", "address-changed"), o.tags());
        assertEquals(ChannelState.OPEN, o.facts().state());
        assertEquals(Instant.ofEpochSecond(1731456120), o.facts().promisedShipBy());
        assertNull(o.facts().buyerIp());
    }

    @Test
    void presaleOrderWithOnlyMaskedBuyerData() {
        NormalizedOrder o = map("order-presale-masked.json");
        assertEquals(PaymentStatus.PAID, o.paymentStatus());
        assertEquals(List.of("presale"), o.tags());
        assertEquals("李**", o.buyer().name());
        assertEquals("186****0001", o.buyer().phone());
        assertNull(o.buyer().platformBuyerId());
        assertNull(o.address(), "no post_addr: the masked address is not a delivery address");
        assertEquals("KIT-TEA-CUP", o.lines().get(0).channelSku());
        assertNull(o.buyerNote());
    }

    @Test
    void unpaidCancelledOrder() {
        NormalizedOrder o = map("order-cancelled-unpaid.json");
        assertEquals(PaymentStatus.UNPAID, o.paymentStatus());
        assertEquals(ChannelState.CANCELLED, o.facts().state());
        assertNull(o.paidAt());
        assertNull(o.facts().promisedShipBy());
        assertEquals("#AgAAAC3#idx#1##", o.address().detail());
    }

    @Test
    void paidOrderCancelledByFullRefundIsRefunded() {
        NormalizedOrder o = map("order-cancelled-refunded.json");
        assertEquals(PaymentStatus.REFUNDED, o.paymentStatus());
        assertEquals(ChannelState.CANCELLED, o.facts().state());
        assertEquals(List.of(), o.tags());
    }

    @ParameterizedTest
    @ValueSource(strings = { "3:SHIPPED", "5:COMPLETED", "101:OPEN", "1:OPEN" })
    void statusTable(String row) {
        String[] p = row.split(":");
        String json = fixture("order-presale-masked.json").replace("\"order_status\": 105", "\"order_status\": " + p[0]);
        assertEquals(ChannelState.valueOf(p[1]), mapper.map("s", json).facts().state());
    }

    private void refused(String json, String field) {
        ChannelException e = assertThrows(ChannelException.class, () -> mapper.map("s", json));
        assertEquals(ChannelException.Kind.PERMANENT, e.kind());
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void hostilePayloadsArePermanentAndNameTheField() {
        String good = fixture("order-multiline-gift-refund.json");
        refused(good.replace("\"order_id\": \"6920000000000000123\",", ""), "order_id");
        refused(good.replace("\"order_status\": 2,", "\"order_status\": \"2\","), "order_status");
        refused(good.replace("\"order_status\": 2,", "\"order_status\": 77,"), "order_status");
        refused(good.replace("\"item_num\": 2,", "\"item_num\": 0,"), "sku_order_list[1].item_num");
        refused(good.replace("\"pay_amount\": 33700,", "\"pay_amount\": -1,"), "pay_amount");
        refused(good.replace("\"origin_amount\": 26800,", "\"origin_amount\": 268.5,"), "sku_order_list[0].origin_amount");
        refused(good.replace("\"create_time\": 1731283200, \"update_time\": 1731290400,\n", "\"update_time\": 1731290400,\n"),
                "create_time");
        refused(good.replace("\"buyer_words\": \"请尽快发货，谢谢\"", "\"buyer_words\": {}"), "buyer_words");
        refused(good.substring(0, good.length() / 2), "not JSON");
        refused("[]", "object");
        refused("{\"order_id\":\"1\",\"order_status\":2,\"create_time\":1,\"update_time\":2,\"pay_amount\":0,\"sku_order_list\":[]}",
                "sku_order_list");
        refused("{\"order_id\":\"1\",\"order_status\":2,\"create_time\":1,\"update_time\":2,\"pay_amount\":0,\"sku_order_list\":[1]}",
                "sku_order_list[0]");
    }
}

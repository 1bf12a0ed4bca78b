package org.ordertower.channel.example.internal;

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
import org.ordertower.api.ChannelFacts.ChannelState;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderLine;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.channel.ChannelException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ExampleOrderMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ExampleOrderMapper mapper = new ExampleOrderMapper();

    static String fixture(String name) {
        try (InputStream in = ExampleOrderMapperTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("fixture " + name, e);
        }
    }

    @Test
    void mapsAPaidOrderField() {
        NormalizedOrder o = mapper.map("shop-1", fixture("order-paid.json"));
        assertEquals(List.of(), o.problems());
        assertEquals("example", o.channel());
        assertEquals("shop-1", o.shop());
        assertEquals("7100000042", o.platformOrderId());
        assertEquals(1731254620123L, o.platformVersion());
        assertEquals("WAIT_SHIP", o.platformStatus());
        assertEquals(PaymentStatus.PAID, o.paymentStatus());
        assertEquals(ChannelState.OPEN, o.facts().state());
        assertEquals(Instant.ofEpochMilli(1731254592000L), o.createdAt());
        assertEquals(Instant.ofEpochMilli(1731254620000L), o.paidAt());
        assertEquals(Instant.ofEpochMilli(1731254620123L), o.platformChangedAt());
        assertEquals("CNY", o.amounts().currency());
        assertEquals(new BigDecimal("346.00"), o.amounts().goods());
        assertEquals(new BigDecimal("20.00"), o.amounts().discount());
        assertEquals(new BigDecimal("8.00"), o.amounts().shipping());
        assertEquals(new BigDecimal("334.00"), o.amounts().paid());
        assertEquals("王伟", o.buyer().name());
        assertEquals("13812345678", o.buyer().phone());
        assertEquals("b3f9a0c11d", o.buyer().platformBuyerId());
        assertEquals("CN", o.address().country());
        assertEquals("西湖区", o.address().district());
        assertEquals("文三路", o.address().street());
        assertEquals("88号3幢1201室", o.address().detail());
        assertEquals("310012", o.address().postcode());
        assertEquals(3, o.lines().size());
        OrderLine tea = o.lines().get(0);
        assertEquals("71000000420", tea.lineNo());
        assertEquals("TEA-LJ-250", tea.channelSku());
        assertEquals(1, tea.quantity());
        assertEquals(new BigDecimal("268.00"), tea.unitPrice());
        assertEquals(new BigDecimal("252.50"), tea.paidAmount());
        assertFalse(tea.gift());
        OrderLine bag = o.lines().get(2);
        assertEquals("5300901", bag.channelSku(), "no outer_sku: the sku_id");
        assertTrue(bag.gift());
        assertEquals("请尽快发货，谢谢", o.buyerNote());
        assertNull(o.sellerNote());
        assertEquals(List.of("refund-requested"), o.tags());
    }

    @Test
    void closedPaidOrderIsRefundedAndShippedIsShipped() throws Exception {
        ObjectNode n = (ObjectNode) JSON.readTree(fixture("order-paid.json"));
        n.put("status", "CLOSED");
        NormalizedOrder closed = mapper.map("s", n.toString());
        assertEquals(PaymentStatus.REFUNDED, closed.paymentStatus());
        assertEquals(ChannelState.CANCELLED, closed.facts().state());
        n.put("status", "SHIPPED");
        assertEquals(ChannelState.SHIPPED, mapper.map("s", n.toString()).facts().state());
        n.put("status", "WAIT_PAY");
        n.putNull("paid_at");
        assertEquals(PaymentStatus.UNPAID, mapper.map("s", n.toString()).paymentStatus());
    }

    @Test
    void refusesWhatItCannotMapNamingTheField() throws Exception {
        assertRefused("not json", "not valid JSON");
        ObjectNode n = (ObjectNode) JSON.readTree(fixture("order-paid.json"));
        assertRefused(n.deepCopy().put("status", "LOST").toString(), "order.status");
        ObjectNode noItems = n.deepCopy();
        noItems.putArray("items");
        assertRefused(noItems.toString(), "order.items");
        assertRefused(n.deepCopy().put("paid_amount", "-1").toString(), "order.paid_amount");
        ObjectNode noUpdate = n.deepCopy();
        noUpdate.remove("updated_at");
        assertRefused(noUpdate.toString(), "order.updated_at");
        assertRefused(n.deepCopy().put("created_at", "yesterday").toString(), "order.created_at");
    }

    private void assertRefused(String payload, String naming) {
        ChannelException e = assertThrows(ChannelException.class, () -> mapper.map("s", payload));
        assertEquals(ChannelException.Kind.PERMANENT, e.kind());
        assertTrue(e.getMessage().contains(naming), e.getMessage());
    }
}

package org.ordertower.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.flows.FulfilmentSupport.settle;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.AuditEntry;
import org.ordertower.api.ChannelFacts;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.Refund;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.RefundResult;
import org.ordertower.api.channel.ReturnOutcome;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.fulfilment.ParcelStatus;
import org.ordertower.api.fulfilment.ParcelView;
import org.ordertower.api.fulfilment.ReceivedLine;
import org.ordertower.api.fulfilment.ReturnOrder;
import org.ordertower.api.fulfilment.TrackingState;
import org.ordertower.api.fulfilment.WmsEvent;
import org.ordertower.api.inventory.StockRow;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.fulfilment.internal.Fulfilment;
import org.ordertower.fulfilment.internal.Partners;

/**
 * Returns to the refund on the marketplace, on the real pipeline, catalog and inventory (H2): the buyer refused the
 * parcel and asked for a refund on the platform; the return centre's receipt puts the goods back through the ledger
 * and a durable REFUND task tells the marketplace, once, with the write-back's retries and dead letters.
 */
class ReturnRefundFlowTest {
    private PipelineFixture f;
    private final Partners partners = new Partners();
    private final TestWms wms = new TestWms();
    private final List<ReturnOutcome> reported = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean refundCapable = true;
    private Fulfilment fulfilment;

    @BeforeEach
    void setUp() throws Exception {
        f = new PipelineFixture(TestDatabases.h2());
        f.teaShop();
        partners.add(wms);
        partners.add(new TestCarrier());
        fulfilment = fulfilment();
    }

    private Fulfilment fulfilment() {
        return FulfilmentSupport.fulfilment(f, partners, (method, args) -> switch (method) {
            case "ship" -> ShipResult.SHIPPED;
            case "returnReceived" -> {
                if (!refundCapable) {
                    throw new UnsupportedOperationException("channel tmall cannot report refunds");
                }
                if (failures.get() > 0) {
                    failures.decrementAndGet();
                    throw new ChannelException(ChannelException.Kind.TRANSIENT, "isp.top-remote-connection-timeout");
                }
                ReturnOutcome out = (ReturnOutcome) args[2];
                boolean again = reported.stream().anyMatch(r -> r.refundId().equals(out.refundId()));
                reported.add(out);
                yield again ? RefundResult.ALREADY_DONE : RefundResult.DONE;
            }
            default -> throw new UnsupportedOperationException(method);
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        fulfilment.close();
        f.close();
    }

    /**
     * An order of {@code cups} cups shipped from HZ, refused at the door, with refund {@code refundId} on the platform
     * waiting for the goods; returns the order id once its return order is at the return centre.
     */
    private long refusedWithRefund(String tid, int cups, String refundId) throws Exception {
        f.stock("CUP", cups);
        NormalizedOrder placed = FulfilmentSupport.order(tid, "浙江省", List.of(PipelineFixture.line("1", "T-CUP", cups,
                "19.90")), List.of());
        long id = f.intake(placed);
        settle(f, fulfilment);
        ParcelView p = fulfilment.parcels(id).get(0);
        FulfilmentSupport.shippedByWms(fulfilment, p, p.trackingNo());
        settle(f, fulfilment);
        assertEquals(OrderStatus.SHIPPED, f.order(id).status());

        // the platform's next version of the order carries the buyer's refund
        Refund refund = new Refund(refundId, List.of("1"), Refund.State.GOODS_RETURNED, "WAIT_SELLER_CONFIRM_GOODS");
        f.intake(new NormalizedOrder(placed.channel(), placed.shop(), tid, 2, "WAIT_BUYER_CONFIRM_GOODS",
                placed.paymentStatus(), placed.buyer(), placed.address(), placed.lines(), placed.amounts(),
                placed.createdAt(), placed.paidAt(), Instant.ofEpochMilli(2), null, null, List.of(),
                new ChannelFacts(ChannelFacts.ChannelState.SHIPPED, null, null, null, List.of(refund))));
        assertEquals(List.of(refund), f.order(id).content().facts().refunds(), "kept with the order");

        fulfilment.trackingEvents("kuaidi100", List.of(FulfilmentSupport.event(p, TrackingState.REFUSED, 1)));
        settle(f, fulfilment);
        return id;
    }

    private void received(String eventId, long id, ReceivedLine... lines) throws Exception {
        String code = wms.returns.stream().filter(r -> r.platformOrderId().equals(f.order(id).content().platformOrderId()))
                .findFirst().orElseThrow().code();
        fulfilment.wmsEvents("qimen", List.of(new WmsEvent(eventId, WmsEvent.Kind.RETURN_RECEIVED, code, "HZ",
                Instant.now(), List.of(), List.of(lines), "RECEIVED", null)));
    }

    private List<AuditEntry> audit(long id, String action) {
        return f.orders.timeline(id).stream().filter(a -> a.action().equals(action)).toList();
    }

    @Test
    void aReturnReceivedRestocksAndTheRefundIsAgreedOnTheMarketplaceOnce() throws Exception {
        long id = refusedWithRefund("R1", 2, "70001");
        assertEquals("70001", wms.returns.get(0).refundId(), "the return order names the platform's refund");

        received("r1", id, new ReceivedLine("CUP", 2, false));
        received("r1", id, new ReceivedLine("CUP", 2, false)); // the same report again
        settle(f, fulfilment);
        assertEquals(OrderStatus.RETURNED, f.order(id).status());
        assertEquals(2, f.inventory.view("CUP").rows().get(0).onHand(), "back to stock through the ledger");
        received("r1-bis", id, new ReceivedLine("CUP", 2, false)); // the WMS reports it again under a new id
        settle(f, fulfilment);
        assertEquals(2, f.inventory.view("CUP").rows().get(0).onHand(), "not booked twice");
        assertTrue(audit(id, "return-excess").get(0).reason().contains("2 x CUP more than"),
                audit(id, "return-excess").toString());
        assertEquals(1, f.count("SELECT COUNT(*) FROM outbox WHERE event_type = 'ALERT' AND payload LIKE '%return-excess%'"));
        assertTrue(f.inventory.check().ok(), f.inventory.check().toString());
        assertEquals(1, reported.size(), "reported once per platform refund: " + reported);
        ReturnOutcome out = reported.get(0);
        assertEquals(new ReturnOutcome("R1", "70001", Map.of("1", 2), Map.of(), ReturnOutcome.Decision.AGREE,
                "goods received"), out);
        assertTrue(fulfilment.calls(id).contains("REFUND:DONE:1"), fulfilment.calls(id).toString());
        assertTrue(audit(id, "refund-reported").get(0).reason().contains("tmall answered DONE to AGREE"));
        assertEquals(Refund.State.REFUNDED, f.order(id).content().facts().refunds().get(0).state());
    }

    @Test
    void aReturnTheBuyerAsksForOnThePlatformGoesToTheCarriersReturnCentreAndSettlesItsRefund() throws Exception {
        f.stock("CUP", 2);
        NormalizedOrder placed = FulfilmentSupport.order("B1", "浙江省", List.of(PipelineFixture.line("1", "T-CUP", 2,
                "19.90")), List.of());
        long id = f.intake(placed);
        settle(f, fulfilment);
        ParcelView p = fulfilment.parcels(id).get(0);
        FulfilmentSupport.shippedByWms(fulfilment, p, p.trackingNo());
        fulfilment.trackingEvents("kuaidi100", List.of(FulfilmentSupport.event(p, TrackingState.DELIVERED, 1)));
        settle(f, fulfilment);
        assertEquals(OrderStatus.DELIVERED, f.order(id).status());
        assertEquals(List.of(), wms.returns);

        // a week later the buyer asks to send the cups back and the seller agrees on the platform
        Refund refund = new Refund("70100", List.of("1"), Refund.State.AWAITING_RETURN, "WAIT_BUYER_RETURN_GOODS");
        f.intake(new NormalizedOrder(placed.channel(), placed.shop(), "B1", 2, "TRADE_FINISHED",
                placed.paymentStatus(), placed.buyer(), placed.address(), placed.lines(), placed.amounts(),
                placed.createdAt(), placed.paidAt(), Instant.ofEpochMilli(2), "请退到杭州", null, List.of(),
                new ChannelFacts(ChannelFacts.ChannelState.SHIPPED, null, null, null, List.of(refund))));
        settle(f, fulfilment);
        settle(f, fulfilment);
        assertEquals(1, wms.returns.size(), "announced once: " + wms.returns);
        ReturnOrder r = wms.returns.get(0);
        assertEquals("HZ", r.warehouse(), "SF's return centre, from the configured return addresses");
        assertEquals("70100", r.refundId());
        assertTrue(r.toString().contains("returned by the buyer (refund 70100)"), r.toString());
        assertEquals(ParcelStatus.RETURNING, fulfilment.parcels(id).get(0).status());
        assertTrue(audit(id, "returning").get(0).reason().contains("for refund 70100"));

        received("b1", id, new ReceivedLine("CUP", 2, false));
        settle(f, fulfilment);
        assertEquals(OrderStatus.RETURNED, f.order(id).status());
        assertEquals(1, reported.size());
        assertEquals(ReturnOutcome.Decision.AGREE, reported.get(0).decision());
        assertEquals(2, f.inventory.view("CUP").rows().get(0).onHand(), "back to stock through the ledger");
    }

    @Test
    void aReturnConfirmedInPartsIsBookedPartByPart() throws Exception {
        long id = refusedWithRefund("R6", 3, "70006");
        received("r6-a", id, new ReceivedLine("CUP", 1, false));
        settle(f, fulfilment);
        received("r6-b", id, new ReceivedLine("CUP", 1, false), new ReceivedLine("CUP", 1, true));
        settle(f, fulfilment);
        StockRow hz = f.inventory.view("CUP").rows().get(0);
        assertEquals(2, hz.onHand(), "two sound cups back");
        assertEquals(1, hz.quarantine(), "the damaged one in quarantine");
        assertEquals(List.of(), audit(id, "return-excess"));
        assertTrue(f.inventory.check().ok(), f.inventory.check().toString());
    }

    @Test
    void goodsMissingFromTheReturnRefuseTheRefundWithTheReason() throws Exception {
        long id = refusedWithRefund("R2", 3, "70002");
        received("r2", id, new ReceivedLine("CUP", 1, false), new ReceivedLine("CUP", 1, true));
        settle(f, fulfilment);
        ReturnOutcome out = reported.get(0);
        assertEquals(ReturnOutcome.Decision.REFUSE, out.decision());
        assertEquals(Map.of("1", 2), out.received());
        assertEquals(Map.of("1", 1), out.damaged());
        assertEquals("goods missing from the return: line 1: 2 of 3", out.reason());
        assertEquals(Refund.State.REFUSED, f.order(id).content().facts().refunds().get(0).state());
        assertTrue(f.inventory.check().ok(), "the counters equal the ledger");
    }

    @Test
    void aFailingMarketplaceIsRetriedThenDeadLetteredAndReplayed() throws Exception {
        long id = refusedWithRefund("R3", 1, "70003");
        failures.set(2);
        received("r3", id, new ReceivedLine("CUP", 1, false));
        settle(f, fulfilment);
        assertEquals(1, reported.size(), "succeeded on the third attempt");
        assertTrue(fulfilment.calls(id).contains("REFUND:DONE:3"), fulfilment.calls(id).toString());

        long id2 = refusedWithRefund("R4", 1, "70004");
        failures.set(1000);
        received("r4", id2, new ReceivedLine("CUP", 1, false));
        settle(f, fulfilment);
        assertEquals(1, reported.size());
        assertEquals(1, fulfilment.failed("REFUND", 10).size(), "dead after 4 attempts");
        assertTrue(fulfilment.failed("REFUND", 10).get(0).lastError().contains("timeout"));
        assertTrue(audit(id2, "call-failed").get(0).reason().contains("gave up after 4 attempts"));
        assertEquals(OrderStatus.RETURNED, f.order(id2).status(), "the goods are back whatever the marketplace says");

        // the node restarts; an operator replays the call (ship:retry)
        fulfilment.close();
        fulfilment = fulfilment();
        failures.set(0);
        assertTrue(fulfilment.revive(fulfilment.failed("REFUND", 10).get(0).id()));
        settle(f, fulfilment);
        assertEquals(List.of(), fulfilment.failed(null, 10));
        assertEquals(List.of("70003", "70004"), reported.stream().map(ReturnOutcome::refundId).toList());
    }

    @Test
    void aChannelWithoutRefundsGetsAnAuditRowAndNoRetries() throws Exception {
        refundCapable = false;
        long id = refusedWithRefund("R5", 1, "70005");
        received("r5", id, new ReceivedLine("CUP", 1, false));
        settle(f, fulfilment);
        assertEquals(List.of(), reported);
        assertEquals(List.of(), fulfilment.failed(null, 10));
        assertTrue(fulfilment.calls(id).contains("REFUND:DONE:1"), fulfilment.calls(id).toString());
        assertEquals("refund must be settled on tmall by hand: AGREE (goods received)",
                audit(id, "refund-manual").get(0).reason());
        assertEquals(Refund.State.GOODS_RETURNED, f.order(id).content().facts().refunds().get(0).state());
    }

    @Test
    void aReturnWithoutARefundOnThePlatformReportsNothing() throws Exception {
        f.stock("CUP", 1);
        long id = f.intake(FulfilmentSupport.order("R6", "浙江省", List.of(PipelineFixture.line("1", "T-CUP", 1, "19.90")),
                List.of()));
        settle(f, fulfilment);
        ParcelView p = fulfilment.parcels(id).get(0);
        FulfilmentSupport.shippedByWms(fulfilment, p, p.trackingNo());
        fulfilment.trackingEvents("kuaidi100", List.of(FulfilmentSupport.event(p, TrackingState.REFUSED, 1)));
        settle(f, fulfilment);
        assertNull(wms.returns.get(0).refundId());
        received("r6", id, new ReceivedLine("CUP", 1, false));
        settle(f, fulfilment);
        assertEquals(List.of(), reported);
        assertEquals(1, audit(id, "refund-none").size());
        assertEquals(OrderStatus.RETURNED, f.order(id).status());
    }
}

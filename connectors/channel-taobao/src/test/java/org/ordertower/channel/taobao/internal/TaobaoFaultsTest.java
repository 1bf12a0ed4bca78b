package org.ordertower.channel.taobao.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.channel.taobao.internal.api.TaobaoSettings;
import org.ordertower.sim.kit.SimFaults;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.taobao.TaobaoSimulator;

/**
 * The ship write-back against a simulator that fails {@code taobao.logistics.offline.send} in each of the ways a
 * platform does: every failure is one core retries, never a permanent one, and the retry after the fault clears
 * consigns the trade exactly once, whether or not the faulted call had already consigned it.
 */
class TaobaoFaultsTest {
    /** The connector's timeout in this test; a slow answer is held back twice as long. */
    private static final int TIMEOUT_SECONDS = 2;
    private static final long SLOW_MILLIS = 4_000;
    private static final String TRACKING_NO = "YT7300000000042";

    private SimSupport s;
    private TaobaoConnector connector;
    private Shipment parcel;

    @BeforeEach
    void start() {
        s = new SimSupport();
        TaobaoSettings b = s.settings();
        connector = s.connector(new TaobaoSettings(b.gatewayUrl(), b.oauthUrl(), b.appKey(), b.appSecret(), b.shop(),
                b.accessToken(), b.refreshToken(), b.tokenExpiresAt(), b.appRatePerSecond(), b.shopRatePerSecond(),
                TIMEOUT_SECONDS, b.signMethod(), b.tmcGroup(), b.clock()));
        SimOrder o = s.sim.book().create();
        s.sim.book().pay(o.orderId);
        parcel = new Shipment(o.orderId, List.of(), "YTO", TRACKING_NO);
        // a first call that no fault targets, so that a cold start of the client or the simulator is not what
        // runs into the short timeout
        assertEquals(o.orderId, connector.fetch(o.orderId).platformOrderId());
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void aServerErrorIsTransientAndTheRetryConsignsOnce() {
        ChannelException e = shipFails(SimFaults.Kind.SERVER_ERROR, Kind.TRANSIENT);
        assertEquals("500", e.platformCode());
        assertEquals(List.of(), s.sim.shipments(), "the gateway failed before the platform consigned");
        assertEquals(ShipResult.SHIPPED, retried());
        assertConsignedOnce();
    }

    @Test
    void aRateLimitIsRateLimitedWithTheHintAndTheRetryConsignsOnce() {
        ChannelException e = shipFails(SimFaults.Kind.RATE_LIMITED, Kind.RATE_LIMITED);
        assertEquals("429", e.platformCode());
        assertEquals(Duration.ofSeconds(1), e.retryAfter());
        assertEquals(List.of(), s.sim.shipments(), "the gateway refused the call before the platform consigned");
        assertEquals(ShipResult.SHIPPED, retried());
        assertConsignedOnce();
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsTransientAndTheRetryFindsTheTradeShipped() {
        s.sim.faults().slowMillis(SLOW_MILLIS);
        ChannelException e = shipFails(SimFaults.Kind.SLOW, Kind.TRANSIENT);
        assertTrue(e.getMessage().contains(TaobaoConstants.OFFLINE_SEND), e.getMessage());
        assertInstanceOf(HttpTimeoutException.class, e.getCause(), "the connector's own timeout");
        assertEquals(1, s.sim.shipments().size(), "the platform consigned; only its answer came late");
        assertEquals(ShipResult.ALREADY_SHIPPED, retried());
        assertConsignedOnce();
    }

    @Test
    void aTruncatedAnswerIsTransientAndTheRetryFindsTheTradeShipped() {
        ChannelException e = shipFails(SimFaults.Kind.TRUNCATED, Kind.TRANSIENT);
        assertTrue(e.getMessage().contains(TaobaoConstants.OFFLINE_SEND) && e.getMessage().contains("truncated or malformed"),
                e.getMessage());
        assertEquals(1, s.sim.shipments().size(), "the platform consigned; only its answer was cut short");
        assertEquals(ShipResult.ALREADY_SHIPPED, retried());
        assertConsignedOnce();
    }

    /** Ships with every {@code offline.send} failing as {@code fault} says; the failure is of {@code expected}. */
    private ChannelException shipFails(SimFaults.Kind fault, Kind expected) {
        s.sim.faults().failRate(1, fault, TaobaoConstants.OFFLINE_SEND);
        ChannelException e = assertThrows(ChannelException.class, () -> connector.ship(parcel));
        assertEquals(expected, e.kind(), e.getMessage());
        assertEquals(1, s.counter("faults.injected"), e.getMessage());
        return e;
    }

    /** Clears the fault and ships the same parcel again, as core's retry does. */
    private ShipResult retried() {
        s.sim.faults().failRate(0);
        return connector.ship(parcel);
    }

    /** One consign of the trade with the parcel's tracking number, which every line of the trade carries. */
    private void assertConsignedOnce() {
        assertEquals(List.of(new TaobaoSimulator.Shipment(parcel.platformOrderId(), List.of(), "YTO", TRACKING_NO)),
                s.sim.shipments());
        assertEquals(1, s.counter("ship.recorded"));
        SimOrder after = s.sim.book().get(parcel.platformOrderId()).orElseThrow();
        assertTrue(after.lines.stream().allMatch(l -> TRACKING_NO.equals(l.trackingNo) && "YTO".equals(l.carrierCode)));
        assertEquals(2, s.sim.calls().stream().filter(c -> TaobaoConstants.OFFLINE_SEND.equals(c.param("method"))).count(),
                "the faulted call and its retry");
    }
}

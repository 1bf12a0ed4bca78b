package org.ordertower.channel.pdd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.sim.kit.SimFaults;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimRequest;
import org.ordertower.sim.pdd.PddSimulator;

/**
 * The ship call (pdd.logistics.online.send) against a Pinduoduo simulator that fails it in one way at a time: a
 * gateway's 500, a 429, an answer that comes after the connector's timeout and an answer cut in half. Each failure is
 * retryable, never PERMANENT, because PDD may have shipped the order; once the fault clears, the retry ends with the
 * order shipped exactly once. PDD names its method in {@code type}, which the fault injector does not match, so the
 * fault is aimed at the router path, and the test checks that the ship call was the only call it met.
 */
class PddFaultsTest {
    /** The connector's timeout in these tests, short to keep them fast. */
    private static final Duration TIMEOUT = Duration.ofMillis(800);
    /** How late the simulator answers a slow call: well past {@link #TIMEOUT}. */
    private static final long SLOW_MILLIS = 2_500;
    private static final String YTO = "85";
    private static final String TRACKING = "YT7428394850001";

    @ParameterizedTest
    @EnumSource(value = SimFaults.Kind.class, names = { "SERVER_ERROR", "RATE_LIMITED", "SLOW", "TRUNCATED" })
    void aFaultedShipIsRetryableAndTheRetryShipsTheOrderOnce(SimFaults.Kind fault) {
        try (SimFixture fx = new SimFixture()) {
            SimOrder order = fx.sim.book().create();
            fx.sim.book().pay(order.orderId);
            String orderSn = fx.sim.platformOrderId(order);
            PddConnector connector = new PddConnector(fx.settings(TIMEOUT));
            Shipment parcel = new Shipment(orderSn, List.of(), YTO, TRACKING);
            int callsBefore = fx.sim.server().calls().size();
            fx.sim.faults().slowMillis(SLOW_MILLIS);
            fx.sim.faults().failRate(1, fault, PddSimulator.PATH);

            ChannelException e = assertThrows(ChannelException.class, () -> connector.ship(parcel));
            assertTrue(e.getMessage().contains(PddConstants.SHIP), e.getMessage());
            boolean tookEffect = fault.reachesHandler();
            switch (fault) {
                case SERVER_ERROR -> {
                    assertEquals(Kind.TRANSIENT, e.kind(), e.getMessage());
                    assertEquals("HTTP 500", e.platformCode());
                }
                case RATE_LIMITED -> {
                    assertEquals(Kind.RATE_LIMITED, e.kind(), e.getMessage());
                    assertEquals("HTTP 429", e.platformCode());
                    assertEquals(Duration.ofSeconds(1), e.retryAfter());
                }
                case SLOW -> {
                    assertEquals(Kind.TRANSIENT, e.kind(), e.getMessage());
                    assertTrue(e.getMessage().contains("timed out"), e.getMessage());
                }
                default -> {
                    assertEquals(Kind.TRANSIENT, e.kind(), e.getMessage());
                    assertTrue(e.getMessage().contains("truncated or malformed"), e.getMessage());
                    assertNull(e.platformCode());
                }
            }
            List<SimRequest> calls = fx.sim.server().calls();
            List<SimRequest> faulted = calls.subList(callsBefore, calls.size());
            assertEquals(List.of(PddConstants.SHIP), faulted.stream().map(r -> r.param("type")).toList(),
                    "the calls the fault met");
            assertEquals(tookEffect ? 1 : 0, fx.sim.shipments().size(), "whether the faulted call shipped");

            fx.sim.faults().failRate(0);
            assertEquals(tookEffect ? ShipResult.ALREADY_SHIPPED : ShipResult.SHIPPED, connector.ship(parcel));
            assertEquals(List.of(new PddSimulator.Shipped(orderSn, Long.parseLong(YTO), "圆通快递", TRACKING)),
                    fx.sim.shipments());
            assertEquals(1L, fx.sim.counters().get("shipped"));
            SimOrder after = fx.sim.book().get(order.orderId).orElseThrow();
            assertEquals(SimOrder.Status.SHIPPED, after.status);
            assertEquals(TRACKING, after.lines.get(0).trackingNo);
        }
    }
}

package org.ordertower.channel.jd.internal;

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
import org.ordertower.sim.jd.JdSimulator;
import org.ordertower.sim.kit.SimFaults;
import org.ordertower.sim.kit.SimOrder;

/**
 * The ship call (jingdong.pop.order.shipment) against a JD simulator that fails it in one way at a time: a gateway's
 * 500, a 429, an answer that comes after the connector's timeout and an answer cut in half. Each failure is
 * retryable, never PERMANENT, because JD may have shipped the order; once the fault clears, the retry ends with the
 * order shipped exactly once.
 */
class JdFaultsTest {
    /** The connector's timeout in these tests, short to keep them fast. */
    private static final Duration TIMEOUT = Duration.ofMillis(800);
    /** How late the simulator answers a slow call: well past {@link #TIMEOUT}. */
    private static final long SLOW_MILLIS = 2_500;
    private static final String CARRIER = "2087";
    private static final String WAYBILL = "JDV000444555666";

    @ParameterizedTest
    @EnumSource(value = SimFaults.Kind.class, names = { "SERVER_ERROR", "RATE_LIMITED", "SLOW", "TRUNCATED" })
    void aFaultedShipIsRetryableAndTheRetryShipsTheOrderOnce(SimFaults.Kind fault) {
        try (JdSimFixture f = new JdSimFixture()) {
            SimOrder order = f.sim.book().create();
            f.sim.book().pay(order.orderId);
            JdConnector connector = new JdConnector(f.settings(TIMEOUT));
            Shipment parcel = new Shipment(order.orderId, List.of(), CARRIER, WAYBILL);
            f.sim.faults().slowMillis(SLOW_MILLIS);
            f.sim.faults().failRate(1, fault, JdConstants.SHIPMENT);

            ChannelException e = assertThrows(ChannelException.class, () -> connector.ship(parcel));
            assertTrue(e.getMessage().contains(JdConstants.SHIPMENT), e.getMessage());
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
            assertEquals(tookEffect ? 1 : 0, f.sim.shipments().size(), "whether the faulted call shipped");

            f.sim.faults().failRate(0);
            assertEquals(tookEffect ? ShipResult.ALREADY_SHIPPED : ShipResult.SHIPPED, connector.ship(parcel));
            assertEquals(List.of(new JdSimulator.Shipped(order.orderId, CARRIER, WAYBILL)), f.sim.shipments());
            assertEquals(1L, f.sim.counters().get("shipments"));
            SimOrder after = f.sim.book().get(order.orderId).orElseThrow();
            assertEquals(SimOrder.Status.SHIPPED, after.status);
            assertEquals(WAYBILL, after.lines.get(0).trackingNo);
        }
    }
}

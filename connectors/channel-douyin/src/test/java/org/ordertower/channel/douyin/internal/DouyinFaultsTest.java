package org.ordertower.channel.douyin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.sim.kit.SimFaults;
import org.ordertower.sim.kit.SimOrder;

/**
 * The ship call (order.logisticsAdd) against a simulator that fails it in one way at a time: a gateway's 500, a 429,
 * an answer that comes after the connector's timeout and an answer cut in half. Each failure is retryable, never
 * PERMANENT, because the platform may have shipped the order; once the fault clears, the retry ends with the order
 * shipped exactly once.
 */
class DouyinFaultsTest {
    /** The connector's timeout in these tests, short to keep them fast. */
    private static final Duration TIMEOUT = Duration.ofMillis(800);
    /** How late the simulator answers a slow call: well past {@link #TIMEOUT}. */
    private static final long SLOW_MILLIS = 2_500;
    private static final String SHIP_PATH = "/order/logisticsAdd";

    @ParameterizedTest
    @EnumSource(value = SimFaults.Kind.class, names = { "SERVER_ERROR", "RATE_LIMITED", "SLOW", "TRUNCATED" })
    void aFaultedShipIsRetryableAndTheRetryShipsTheOrderOnce(SimFaults.Kind fault) {
        try (SimShop shop = new SimShop()) {
            SimOrder order = shop.sim.book().create(Instant.now().minusSeconds(120));
            shop.sim.book().pay(order.orderId);
            DouyinSettings s = shop.settings();
            DouyinConnector connector = new DouyinConnector(new DouyinSettings(s.gatewayUrl(), s.appKey(), s.appSecret(),
                    s.shop(), s.accessToken(), s.refreshToken(), s.tokenExpiresAt(), s.appRatePerSecond(),
                    s.shopRatePerSecond(), TIMEOUT, s.pushMaxAge(), s.listingPageSize(), s.clock(), s.tokens()));
            Shipment parcel = new Shipment(order.orderId, List.of(), "shunfeng", "SF1400000077");
            shop.sim.faults().slowMillis(SLOW_MILLIS);
            shop.sim.faults().failRate(1, fault, SHIP_PATH);

            ChannelException e = assertThrows(ChannelException.class, () -> connector.ship(parcel));
            assertTrue(e.getMessage().contains("order.logisticsAdd"), e.getMessage());
            boolean tookEffect = fault.reachesHandler();
            switch (fault) {
                case SERVER_ERROR -> {
                    assertEquals(Kind.TRANSIENT, e.kind(), e.getMessage());
                    assertEquals("http-500", e.platformCode());
                }
                case RATE_LIMITED -> {
                    assertEquals(Kind.RATE_LIMITED, e.kind(), e.getMessage());
                    assertEquals("http-429", e.platformCode());
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
            assertEquals(tookEffect ? 1 : 0, shop.sim.shipments().size(), "whether the faulted call shipped");

            shop.sim.faults().failRate(0);
            assertEquals(tookEffect ? ShipResult.ALREADY_SHIPPED : ShipResult.SHIPPED, connector.ship(parcel));
            assertEquals(List.of(List.of(order.orderId, "shunfeng", "SF1400000077")), shop.sim.shipments());
        }
    }
}

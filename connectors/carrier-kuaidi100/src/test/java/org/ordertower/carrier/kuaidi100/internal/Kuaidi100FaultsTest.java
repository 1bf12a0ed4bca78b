package org.ordertower.carrier.kuaidi100.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.PartnerException.Kind;
import org.ordertower.api.fulfilment.TrackingSubscription;
import org.ordertower.sim.kit.SimFaults;
import org.ordertower.sim.kuaidi100.Kuaidi100Simulator;

/**
 * The tracking subscribe ({@code POST /poll}) against a simulator that fails it in one way at a time: a gateway's
 * 500, a 429, an answer that comes after the connector's timeout and an answer cut in half. Each failure is
 * retryable, never PERMANENT, because Kuaidi100 may have taken the subscription; once the fault clears, the retry
 * leaves the number subscribed once.
 */
class Kuaidi100FaultsTest {
    /** The connector's timeout in these tests, short to keep them fast. */
    private static final Duration TIMEOUT = Duration.ofMillis(800);
    /** How late the simulator answers a slow call: well past {@link #TIMEOUT}. */
    private static final long SLOW_MILLIS = 2_500;
    private static final String CALLBACK = "http://127.0.0.1:9/api/v1/carriers/kuaidi100/callback";

    @ParameterizedTest
    @EnumSource(value = SimFaults.Kind.class, names = { "SERVER_ERROR", "RATE_LIMITED", "SLOW", "TRUNCATED" })
    void aFaultedSubscribeIsRetryableAndTheRetryLeavesOneSubscription(SimFaults.Kind fault) {
        try (SimAccount a = new SimAccount()) {
            Kuaidi100Settings s = a.settings;
            Kuaidi100Connector connector = new Kuaidi100Connector(new Kuaidi100Settings(s.pollUrl(), s.customer(), s.key(),
                    s.salt(), TIMEOUT, s.ratePerSecond()));
            TrackingSubscription subscription = new TrackingSubscription("ZTO", "75312345670077", "13912345678",
                    "北京市朝阳区", CALLBACK);
            a.sim.server().faults().slowMillis(SLOW_MILLIS);
            a.sim.server().faults().failRate(1, fault, Kuaidi100Constants.SUBSCRIBE_PATH);

            PartnerException e = assertThrows(PartnerException.class, () -> connector.subscribe(subscription));
            assertTrue(e.getMessage().contains("subscribe"), e.getMessage());
            boolean tookEffect = fault.reachesHandler();
            switch (fault) {
                case SERVER_ERROR -> {
                    assertEquals(Kind.TRANSIENT, e.kind(), e.getMessage());
                    assertEquals("HTTP 500", e.partnerCode());
                }
                case RATE_LIMITED -> {
                    assertEquals(Kind.RATE_LIMITED, e.kind(), e.getMessage());
                    assertEquals("HTTP 429", e.partnerCode());
                    assertEquals(Duration.ofSeconds(1), e.retryAfter());
                }
                case SLOW -> {
                    assertEquals(Kind.TRANSIENT, e.kind(), e.getMessage());
                    assertTrue(e.getMessage().contains("timed out"), e.getMessage());
                }
                default -> {
                    assertEquals(Kind.TRANSIENT, e.kind(), e.getMessage());
                    assertTrue(e.getMessage().contains("truncated or malformed"), e.getMessage());
                    assertNull(e.partnerCode());
                }
            }
            assertEquals(tookEffect ? 1 : 0, a.sim.subscriptions().size(), "whether the faulted call subscribed");

            a.sim.server().faults().failRate(0);
            connector.subscribe(subscription);
            List<Kuaidi100Simulator.Subscription> subscriptions = a.sim.subscriptions();
            assertEquals(1, subscriptions.size());
            assertEquals("zhongtong", subscriptions.get(0).company());
            assertEquals("75312345670077", subscriptions.get(0).number());
            assertEquals("polling", subscriptions.get(0).status());
        }
    }
}

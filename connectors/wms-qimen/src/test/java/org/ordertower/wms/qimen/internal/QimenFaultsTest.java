package org.ordertower.wms.qimen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.wms.qimen.internal.SimFixture.order;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ordertower.api.fulfilment.DeliveryAck;
import org.ordertower.api.fulfilment.DeliveryOrder;
import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.PartnerException.Kind;
import org.ordertower.sim.kit.SimFaults;
import org.ordertower.sim.qimen.QimenSimulator;

/**
 * The delivery-order create against a simulator that fails it in one way at a time: a gateway's 500, a 429, an answer
 * that comes after the connector's timeout and an answer cut in half. Each failure is retryable, never PERMANENT,
 * because the WMS may have taken the order; once the fault clears, the retry answers the one delivery order the WMS
 * has for the code.
 */
class QimenFaultsTest {
    /** The connector's timeout in these tests, short to keep them fast. */
    private static final Duration TIMEOUT = Duration.ofMillis(800);
    /** How late the simulator answers a slow call: well past {@link #TIMEOUT}. */
    private static final long SLOW_MILLIS = 2_500;

    @ParameterizedTest
    @EnumSource(value = SimFaults.Kind.class, names = { "SERVER_ERROR", "RATE_LIMITED", "SLOW", "TRUNCATED" })
    void aFaultedCreateIsRetryableAndTheRetryLeavesOneDeliveryOrder(SimFaults.Kind fault) {
        try (SimFixture fx = new SimFixture(Map.of())) {
            fx.sim.pause();
            QimenSettings s = fx.settings;
            QimenConnector connector = new QimenConnector(new QimenSettings(s.gatewayUrl(), s.appKey(), s.appSecret(),
                    s.customerId(), s.signMethod(), s.warehouses(), s.warehouseCodes(), s.ownerCode(), TIMEOUT,
                    s.ratePerSecond(), s.pageSize(), s.clock()));
            DeliveryOrder delivery = order("DO-F1", "WH-HZ", "SF1234567890777", new ParcelLine("1", "SKU-1", "杯子", 2));
            fx.sim.faults().slowMillis(SLOW_MILLIS);
            fx.sim.faults().failRate(1, fault, QimenConstants.DELIVERY_CREATE);

            PartnerException e = assertThrows(PartnerException.class, () -> connector.createDelivery(delivery));
            assertTrue(e.getMessage().contains(QimenConstants.DELIVERY_CREATE), e.getMessage());
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
            assertEquals(tookEffect ? 1 : 0, fx.sim.deliveries().size(), "whether the faulted call created the order");

            fx.sim.faults().failRate(0);
            DeliveryAck ack = connector.createDelivery(delivery);
            assertEquals("DO-F1", ack.code());
            assertEquals(tookEffect, ack.repeated(), "a retry after a create that took effect is answered as a repeat");
            List<QimenSimulator.DeliveryView> deliveries = fx.sim.deliveries();
            assertEquals(1, deliveries.size());
            assertEquals("DO-F1", deliveries.get(0).code());
            assertEquals(deliveries.get(0).id(), ack.wmsOrderId());
        }
    }
}

package org.ordertower.carrier.cainiao.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.PartnerException.Kind;
import org.ordertower.api.fulfilment.Waybill;
import org.ordertower.sim.cainiao.CainiaoSimulator;
import org.ordertower.sim.kit.SimFaults;

/**
 * The waybill call against a simulator that fails {@code cainiao.waybill.ii.get} in each of the ways a platform does:
 * every failure is one core retries, never a permanent one, and the retry after the fault clears gives the parcel its
 * one waybill, the same one the faulted call issued when it reached the platform.
 */
class CainiaoFaultsTest {
    /** The connector's timeout in this test; a slow answer is held back twice as long. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final long SLOW_MILLIS = 4_000;
    private static final String PARCEL = "F-1";

    private CainiaoSimulator sim;
    private CainiaoConnector connector;

    @BeforeEach
    void start() {
        sim = SimFixture.start();
        CainiaoSettings b = SimFixture.settings(sim);
        connector = new CainiaoConnector(new CainiaoSettings(b.account(), b.gatewayUrl(), b.appKey(), b.appSecret(),
                b.session(), b.signMethod(), b.carriers(), b.templateUrl(), b.userId(), TIMEOUT, b.ratePerSecond(),
                b.appRatePerSecond(), b.clock()));
        // a first call that no fault targets, so that a cold start of the client or the simulator is not what
        // runs into the short timeout
        assertEquals(3, connector.balances(null).size());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aServerErrorIsTransientAndTheRetryIssuesTheOnlyWaybill() {
        PartnerException e = applyFails(SimFaults.Kind.SERVER_ERROR, Kind.TRANSIENT);
        assertEquals("500", e.partnerCode());
        assertEquals(0, sim.waybills(), "the gateway failed before the platform issued a waybill");
        assertOneWaybill(retried());
    }

    @Test
    void aRateLimitIsRateLimitedWithTheHintAndTheRetryIssuesTheOnlyWaybill() {
        PartnerException e = applyFails(SimFaults.Kind.RATE_LIMITED, Kind.RATE_LIMITED);
        assertEquals("429", e.partnerCode());
        assertEquals(Duration.ofSeconds(1), e.retryAfter());
        assertEquals(0, sim.waybills(), "the gateway refused the call before the platform issued a waybill");
        assertOneWaybill(retried());
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsTransientAndTheRetryGetsTheWaybillItIssued() {
        sim.faults().slowMillis(SLOW_MILLIS);
        PartnerException e = applyFails(SimFaults.Kind.SLOW, Kind.TRANSIENT);
        assertTrue(e.getMessage().contains(CainiaoConstants.APPLY), e.getMessage());
        assertInstanceOf(HttpTimeoutException.class, e.getCause(), "the connector's own timeout");
        assertEquals(1, sim.waybills(), "the platform issued the waybill; only its answer came late");
        assertOneWaybill(retried());
    }

    @Test
    void aTruncatedAnswerIsTransientAndTheRetryGetsTheWaybillItIssued() {
        PartnerException e = applyFails(SimFaults.Kind.TRUNCATED, Kind.TRANSIENT);
        assertTrue(e.getMessage().contains(CainiaoConstants.APPLY) && e.getMessage().contains("truncated or malformed"),
                e.getMessage());
        assertEquals(1, sim.waybills(), "the platform issued the waybill; only its answer was cut short");
        assertOneWaybill(retried());
    }

    /** Applies with every waybill call failing as {@code fault} says; the failure is of {@code expected}. */
    private PartnerException applyFails(SimFaults.Kind fault, Kind expected) {
        sim.faults().failRate(1, fault, CainiaoConstants.APPLY);
        PartnerException e = assertThrows(PartnerException.class,
                () -> connector.applyWaybill(SimFixture.parcel(PARCEL, "SF", "100")));
        assertEquals(expected, e.kind(), e.getMessage());
        assertEquals(1L, sim.counters().get("faults.injected"), e.getMessage());
        return e;
    }

    /** Clears the fault and applies for the same parcel again, as core's retry does. */
    private Waybill retried() {
        sim.faults().failRate(0);
        return connector.applyWaybill(SimFixture.parcel(PARCEL, "SF", "100"));
    }

    /**
     * The platform issued one waybill, the retry's, and spent one of the balance on it: asking once more for the
     * parcel gives the same number and spends nothing.
     */
    private void assertOneWaybill(Waybill retry) {
        assertEquals(PARCEL, retry.parcelId());
        assertEquals(1, sim.waybills());
        assertEquals(999, sim.quota("SF"));
        assertEquals(2, sim.calls().stream().filter(c -> CainiaoConstants.APPLY.equals(c.param("method"))).count(),
                "the faulted call and its retry");
        assertEquals(retry.waybillNo(), connector.applyWaybill(SimFixture.parcel(PARCEL, "SF", "100")).waybillNo());
        assertEquals(1, sim.waybills());
        assertEquals(999, sim.quota("SF"));
    }
}

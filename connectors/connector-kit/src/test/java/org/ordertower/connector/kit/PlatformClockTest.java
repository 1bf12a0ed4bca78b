package org.ordertower.connector.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

class PlatformClockTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00.300Z");
    private final PlatformClock clock = new PlatformClock("taobao", Clock.fixed(NOW, ZoneOffset.UTC));

    private static String date(Instant at) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(at);
    }

    @Test
    void aDateWithinTheSecondsAHeaderCannotTellApartIsNoOffset() {
        clock.observeDate(date(NOW.plusSeconds(1)), NOW, NOW.plusMillis(40));
        clock.observeDate(date(NOW.minusSeconds(1)), NOW, NOW.plusMillis(40));
        assertEquals(Duration.ZERO, clock.offset());
        assertEquals(NOW, clock.instant());
        assertEquals(0, clock.corrections());
    }

    @Test
    void aPlatformTenMinutesBehindIsReadSoAndBackInStepAgain() {
        clock.observeDate(date(NOW.minusSeconds(600)), NOW.minusMillis(100), NOW.plusMillis(100));
        // the header's second began at 09:50:00; the clock read somewhere in it, taken as its middle
        assertEquals(-599_800, clock.offset().toMillis());
        assertEquals(1, clock.corrections());
        clock.observeDate(date(NOW.minusSeconds(600)), NOW, NOW); // the same again: within the header's precision
        assertEquals(-599_800, clock.offset().toMillis());
        clock.observeDate(date(NOW), NOW, NOW);
        assertEquals(Duration.ZERO, clock.offset(), "in step again");
        assertEquals(2, clock.corrections());
    }

    @Test
    void aTimeCallIsReadToTheMillisecondTakingTheMiddleOfTheCall() {
        clock.observe(NOW.plusSeconds(90), NOW.minusMillis(200), NOW);
        assertEquals(90_100, clock.offset().toMillis());
        assertEquals(NOW.plusMillis(90_100), clock.instant());
        assertEquals(1, clock.corrections());
    }

    @Test
    void aMissingOrGarbledDateTellsNothing() {
        clock.observeDate(null, NOW, NOW);
        clock.observeDate("", NOW, NOW);
        clock.observeDate("yesterday", NOW, NOW);
        clock.observeDate("Mon, 32 Dec 2026 10:00:00 GMT", NOW, NOW);
        assertEquals(Duration.ZERO, clock.offset());
    }
}

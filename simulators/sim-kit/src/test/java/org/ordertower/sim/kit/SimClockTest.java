package org.ordertower.sim.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SimClockTest {
    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void runsScaledFromItsOriginAndJumpsForward() throws Exception {
        SimClock clock = new SimClock(ORIGIN, 1000);
        Thread.sleep(20);
        assertTrue(clock.instant().isAfter(ORIGIN.plusSeconds(15)), "20 ms at 1000x is 20 simulated seconds");
        Instant before = clock.instant();
        clock.advance(Duration.ofHours(1));
        assertTrue(!clock.instant().isBefore(before.plus(Duration.ofHours(1))));
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> new SimClock(ORIGIN, 0));
        assertEquals(Duration.ofMillis(60), clock.realDuration(Duration.ofMinutes(1)));
    }

    @Test
    void aPausedClockStandsStillUntilResumedAndThenRunsOnFromThere() throws Exception {
        SimClock clock = new SimClock(ORIGIN, 1000);
        clock.pause();
        clock.pause();
        assertTrue(clock.paused());
        Instant frozen = clock.instant();
        Thread.sleep(20);
        assertEquals(frozen, clock.instant());
        clock.advance(Duration.ofMinutes(5));
        assertEquals(frozen.plus(Duration.ofMinutes(5)), clock.instant(), "a jump moves a paused clock too");
        clock.resume();
        assertFalse(clock.paused());
        Thread.sleep(20);
        Instant running = clock.instant();
        assertTrue(running.isAfter(frozen.plus(Duration.ofMinutes(5))));
        assertTrue(running.isBefore(frozen.plus(Duration.ofMinutes(5)).plusSeconds(3600)),
                "time paused is not caught up on resume");
    }
}

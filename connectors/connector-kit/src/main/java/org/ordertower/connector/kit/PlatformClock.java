package org.ordertower.connector.kit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A platform's clock as this node reads it: this machine's clock plus the offset the platform's answers show. Platforms
 * refuse a call whose timestamp is more than a few minutes from their clock (TOP and Pinduoduo 10 minutes, JOS 6), and
 * an incremental pull must end its windows by the platform's clock, not this machine's. So a connector signs its calls
 * and ends its windows with {@link #instant()}, and feeds this clock what the platform says its time is: the
 * {@code Date} header of every answer ({@link #observeDate}, whole seconds: an offset under {@value #DATE_SLACK_MS} ms
 * is taken for no offset) and, where the platform has one, its time call ({@link #observe}).
 *
 * <p>When the offset moves by more than {@value #NOTABLE_MS} ms the log says so once at WARN, naming the platform and
 * the offset (a machine whose clock drifts, or a platform's that jumped), and {@link #corrections()} counts it.
 * Thread-safe.
 */
public final class PlatformClock extends Clock {
    /** A {@code Date} header has whole seconds, and the answer took a moment: differences this small are not offsets. */
    static final long DATE_SLACK_MS = 2_000;
    /** An offset change worth a WARN line. */
    static final long NOTABLE_MS = 30_000;
    private static final Logger LOGGER = LoggerFactory.getLogger(PlatformClock.class);
    private final String platform;
    private final Clock local;
    private final AtomicLong offsetMillis = new AtomicLong();
    private final AtomicLong corrections = new AtomicLong();

    /**
     * @param platform names the platform in the log
     * @param local this machine's clock
     */
    public PlatformClock(String platform, Clock local) {
        this.platform = platform;
        this.local = local;
    }

    @Override
    public Instant instant() {
        return local.instant().plusMillis(offsetMillis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(local, offset()).withZone(zone);
    }

    /** This machine's clock, to time a call ({@link #observe}'s {@code sent} and {@code received}). */
    public Instant local() {
        return local.instant();
    }

    /** How far the platform's clock is ahead of this machine's (negative: behind). */
    public Duration offset() {
        return Duration.ofMillis(offsetMillis.get());
    }

    /** How many times the offset moved by more than {@value #NOTABLE_MS} ms. */
    public long corrections() {
        return corrections.get();
    }

    /**
     * The platform's own reading of its clock (its time call), answered to a call sent at {@code sent} and answered at
     * {@code received} by this machine's clock: the platform read it halfway between.
     */
    public void observe(Instant platformNow, Instant sent, Instant received) {
        long local = sent.toEpochMilli() + (received.toEpochMilli() - sent.toEpochMilli()) / 2;
        move(platformNow.toEpochMilli() - local, 0);
    }

    /**
     * An answer's {@code Date} header (RFC 7231: {@code Mon, 07 Dec 2026 10:00:00 GMT}); null or unreadable is ignored,
     * as a gateway that sends none or a garbled one tells nothing.
     */
    public void observeDate(String date, Instant sent, Instant received) {
        Instant at = httpDate(date);
        if (at == null) {
            return;
        }
        // the header drops the milliseconds: the platform's clock read somewhere in that second
        long local = sent.toEpochMilli() + (received.toEpochMilli() - sent.toEpochMilli()) / 2;
        move(at.toEpochMilli() + 500 - local, DATE_SLACK_MS);
    }

    /** An HTTP date (RFC 7231, {@code Mon, 07 Dec 2026 10:00:00 GMT}); null when absent or unreadable. */
    static Instant httpDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.strip(), Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private void move(long measured, long slack) {
        while (true) {
            long now = offsetMillis.get();
            if (Math.abs(measured - now) <= slack) {
                return; // within what the reading can tell: keep the offset as it is
            }
            long next = Math.abs(measured) <= slack ? 0 : measured;
            if (offsetMillis.compareAndSet(now, next)) {
                if (Math.abs(next - now) > NOTABLE_MS) {
                    corrections.incrementAndGet();
                    if (next == 0) {
                        LOGGER.warn("{}'s clock is in step with this machine's again (it was {} it)", platform,
                                describe(now));
                    } else {
                        LOGGER.warn("{}'s clock is {} this machine's (until now {}): calls are signed and pulls end by"
                                + " the platform's clock; if every platform shows the same, check this machine's time"
                                + " service", platform, describe(next), describe(now));
                    }
                } else {
                    LOGGER.debug("{}'s clock offset now {} ms (was {} ms)", platform, next, now);
                }
                return;
            }
        }
    }

    private static String describe(long offsetMs) {
        if (offsetMs == 0) {
            return "in step";
        }
        return String.format(java.util.Locale.ROOT, "%.1f s %s", Math.abs(offsetMs) / 1000.0,
                offsetMs > 0 ? "ahead of" : "behind");
    }
}

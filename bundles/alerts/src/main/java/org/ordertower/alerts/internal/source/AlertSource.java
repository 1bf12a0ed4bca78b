package org.ordertower.alerts.internal.source;

import java.time.Instant;
import java.util.List;

import org.ordertower.alerts.internal.alert.Alert;

/**
 * Looks for one kind of trouble through one of the product's services. A source whose service is not installed finds
 * nothing. Called from the poller's thread only.
 */
public interface AlertSource {
    /** A short name for the log, such as {@code low-stock}. */
    String name();

    /**
     * The trouble found now, one alert per key.
     *
     * @throws RuntimeException when the service failed; the poller logs it and asks again at the next poll
     */
    List<Alert> look(Instant now);
}

package org.ordertower.alerts.internal.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * One piece of trouble a source found. Sources find the same trouble again at every poll; the key is what makes
 * two findings the same alert (grouping, repeats and resolution go by it).
 *
 * @param key stable while the trouble lasts, such as {@code stuck:P-1001}; at most 200 characters are kept
 * @param kind what it is about
 * @param severity how urgent
 * @param title one line, in the configured language
 * @param message the facts, in the configured language, without buyer data or secrets
 * @param link the console page to open (console.url and a fragment)
 * @param at when it was observed
 */
public record Alert(String key, AlertKind kind, Severity severity, String title, String message, String link,
        Instant at) {
    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(at, "at");
        if (key == null || key.isBlank() || title == null || title.isBlank() || message == null || link == null) {
            throw new IllegalArgumentException("an alert needs a key, a title, a message and a link: " + key);
        }
    }
}

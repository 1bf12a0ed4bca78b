package org.ordertower.alerts.internal.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * One message to deliver, in the configured language; each sink formats it its own way (markdown for the robots,
 * plain text for e-mail).
 *
 * @param type why it goes out
 * @param key the alert's key (for a digest or a test, the sink's own)
 * @param severity how urgent
 * @param title one line
 * @param text the body: the alert's message and what the dispatcher adds (the repeat count)
 * @param link the console page
 * @param at when it was written
 */
public record Notice(NoticeType type, String key, Severity severity, String title, String text, String link,
        Instant at) {
    public Notice {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(at, "at");
    }
}

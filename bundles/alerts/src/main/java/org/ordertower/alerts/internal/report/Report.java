package org.ordertower.alerts.internal.report;

import java.time.LocalDate;

/**
 * A daily report as the sinks send it: a title, a short summary as markdown (robots) and as plain text (mail), the
 * drawn report as PNG, and the console page that explains it.
 */
public record Report(LocalDate date, String title, String markdown, String text, byte[] png, String link) {
}

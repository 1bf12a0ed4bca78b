package org.ordertower.alerts.internal.alert;

/** What an alert is about. Its id starts the alert's key, as in {@code low-stock:SKU-1}. */
public enum AlertKind {
    LOW_STOCK("low-stock", Severity.WARNING),
    STUCK("stuck", Severity.WARNING),
    FAILED_CALL("failed-call", Severity.WARNING),
    PARTNER_DOWN("partner-down", Severity.CRITICAL),
    PULL_LAG("pull-lag", Severity.WARNING),
    CHANNEL_DOWN("channel-down", Severity.CRITICAL),
    REVIEW_AGE("review-age", Severity.WARNING),
    NODE_DOWN("node-down", Severity.CRITICAL),
    /** The message {@code POST /api/v1/alerts/test} sends; never stored. */
    TEST("test", Severity.WARNING);

    private final String id;
    private final Severity severity;

    AlertKind(String id, Severity severity) {
        this.id = id;
        this.severity = severity;
    }

    public String id() {
        return id;
    }

    /** The usual severity of this kind; a source may raise it. */
    public Severity severity() {
        return severity;
    }

    /** The key of an alert of this kind: the id, then each part after a colon. */
    public String key(Object... parts) {
        StringBuilder b = new StringBuilder(id);
        for (Object p : parts) {
            b.append(':').append(p);
        }
        return b.toString();
    }
}

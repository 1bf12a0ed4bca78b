package org.ordertower.alerts.internal.alert;

/** Why a message goes out. */
public enum NoticeType {
    /** An alert key seen for the first time. */
    ALERT,
    /** An alert still active after repeat.minutes, with the count of repeats. */
    REPEAT,
    /** An alert not seen for resolve.minutes. */
    RESOLVED,
    /** The messages a sink's minute had no room for, counted. */
    DIGEST,
    /** Asked for through {@code POST /api/v1/alerts/test}. */
    TEST
}

package org.ordertower.alerts.internal.alert;

/** How urgent an alert is. */
public enum Severity {
    /** Someone should look today. */
    WARNING,
    /** Someone should look now: orders stop or pile up. */
    CRITICAL
}

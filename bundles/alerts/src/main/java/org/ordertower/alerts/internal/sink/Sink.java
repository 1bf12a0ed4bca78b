package org.ordertower.alerts.internal.sink;

import org.ordertower.alerts.internal.alert.Notice;

/** Where messages go: a group robot or a mailbox. Called from one thread at a time. */
public interface Sink {
    /** {@code dingtalk}, {@code wecom} or {@code mail}: the outbox and the rate limit go by it. */
    String name();

    /** The server's host, for the log (never the webhook, which carries its token). */
    String target();

    /**
     * Delivers one message, within about 10 seconds.
     *
     * @throws DeliveryException when it was not accepted; its message names why, without secrets
     */
    void deliver(Notice notice) throws DeliveryException;

    /**
     * Delivers a daily report: its summary and, where the sink can carry one, its image.
     *
     * @throws DeliveryException when it was not accepted
     */
    void deliverReport(org.ordertower.alerts.internal.report.Report report) throws DeliveryException;
}

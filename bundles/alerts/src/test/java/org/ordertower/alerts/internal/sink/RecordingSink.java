package org.ordertower.alerts.internal.sink;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.ordertower.alerts.internal.alert.Notice;

/** A sink that keeps what it was given; it refuses the next {@link #failNext} deliveries. */
public final class RecordingSink implements Sink {
    public final List<Notice> delivered = new CopyOnWriteArrayList<>();
    public final List<org.ordertower.alerts.internal.report.Report> reports = new CopyOnWriteArrayList<>();
    public final AtomicInteger failNext = new AtomicInteger();
    private final String name;

    public RecordingSink(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String target() {
        return "memory";
    }

    @Override
    public void deliver(Notice notice) throws DeliveryException {
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new DeliveryException("refused for the test");
        }
        delivered.add(notice);
    }

    @Override
    public void deliverReport(org.ordertower.alerts.internal.report.Report report) throws DeliveryException {
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new DeliveryException("refused for the test");
        }
        reports.add(report);
    }
}

package org.ordertower.alerts.internal.dispatch;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.alerts.internal.alert.Alert;
import org.ordertower.alerts.internal.alert.AlertKind;
import org.ordertower.alerts.internal.alert.Links;
import org.ordertower.alerts.internal.alert.Notice;
import org.ordertower.alerts.internal.alert.NoticeType;
import org.ordertower.alerts.internal.alert.Severity;
import org.ordertower.alerts.internal.alert.Texts;
import org.ordertower.alerts.internal.sink.DeliveryException;
import org.ordertower.alerts.internal.sink.Sink;
import org.ordertower.alerts.internal.store.AlertTable;
import org.ordertower.alerts.internal.store.Outbox;
import org.ordertower.alerts.internal.store.RateGate;
import org.ordertower.alerts.internal.store.Rows;
import org.ordertower.alerts.internal.store.Transactions;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups alerts by key and rate-limits their messages, safely across the nodes sharing the database:
 * <ul>
 * <li>A key seen for the first time is sent at once; while it stays active it is sent again only after
 * {@code repeat}, saying how often it was seen since. Whoever claims a send (a conditional update of
 * {@code alert_sent} whose row count is 1) writes the messages for every sink to {@code alert_outbox} in the same
 * transaction, so exactly one node sends and nothing claimed is lost.</li>
 * <li>A key not seen for {@code resolve} is forgotten (the node whose delete removed it announces it once).</li>
 * <li>Each sink gets at most {@code maxPerMinute} messages a minute (counted in {@code alert_rate}, shared); the rest
 * of the minute are folded into one digest at the first poll of the next minute.</li>
 * <li>A failed delivery keeps its message in the outbox for the next poll; the sink's other messages wait behind it.
 * A message undelivered for a day is dropped with an error in the log.</li>
 * </ul>
 * Called from one thread (the poller); {@link #test} may run at the same time.
 */
public final class Dispatcher {
    /** How long a node holds a message it is delivering; after that another node may try it. */
    static final Duration CLAIM = Duration.ofMinutes(2);
    /** Messages still undelivered after this are dropped, with an error in the log. */
    static final Duration GIVE_UP = Duration.ofHours(24);
    private static final int BATCH = 500;
    private final Logger logger = LoggerFactory.getLogger(Dispatcher.class);
    private final Database db;
    private final List<Sink> sinks;
    private final Texts texts;
    private final Links links;
    private final Options options;
    private final AlertTable alerts = new AlertTable();
    private final Outbox outbox = new Outbox();
    private final RateGate gate = new RateGate();

    /**
     * @param node this node's id (who holds an outbox message)
     * @param poll the poll period: sightings closer than half of it count once
     * @param repeat how long an active key waits before it is sent again
     * @param resolve how long a key must be quiet to be resolved
     * @param sendResolved whether a resolution is announced
     * @param maxPerMinute messages per sink per minute
     */
    public record Options(String node, Duration poll, Duration repeat, Duration resolve, boolean sendResolved,
            int maxPerMinute) {
    }

    /** What {@link #test} got from one sink. */
    public record SinkResult(String sink, boolean ok, String error) {
    }

    public Dispatcher(Database db, List<Sink> sinks, Texts texts, Links links, Options options) {
        this.db = db;
        this.sinks = List.copyOf(sinks);
        this.texts = texts;
        this.links = links;
        this.options = options;
    }

    /** One poll's work: notes the alerts, resolves the quiet ones, then delivers what is due. */
    public void poll(List<Alert> found, Instant now) {
        Instant t = now.truncatedTo(ChronoUnit.MILLIS);
        observe(found, t);
        resolve(t);
        deliver(t);
    }

    /** Notes each alert (one per key) and claims the sends that are due. */
    public void observe(List<Alert> found, Instant now) {
        Map<String, Alert> byKey = new LinkedHashMap<>();
        for (Alert a : found) {
            byKey.putIfAbsent(AlertTable.key(a), a);
        }
        for (Alert a : byKey.values()) {
            try {
                observe(a, now);
            } catch (SQLException e) {
                failed("noting alert " + a.key(), e);
            }
        }
    }

    private void observe(Alert a, Instant now) throws SQLException {
        String key = AlertTable.key(a);
        for (int attempt = 1;; attempt++) {
            try (Tx tx = db.begin()) {
                alerts.seen(tx, a, now, now.minus(options.poll().dividedBy(2)));
                AlertTable.Row row = alerts.find(tx, key).orElseThrow();
                Instant dueBefore = now.minus(options.repeat());
                boolean due = row.lastSentAt() == null || !row.lastSentAt().isAfter(dueBefore);
                if (due && !sinks.isEmpty() && alerts.claim(tx, key, now, dueBefore, row.suppressed())) {
                    Notice n = row.lastSentAt() == null
                            ? new Notice(NoticeType.ALERT, key, a.severity(), a.title(), a.message(), a.link(), now)
                            : new Notice(NoticeType.REPEAT, key, a.severity(), a.title(),
                                    texts.stillHappening(row.suppressed(), row.lastSentAt(), row.firstAt()) + "\n"
                                            + a.message(), a.link(), now);
                    for (Sink s : sinks) {
                        outbox.add(tx, s.name(), n);
                    }
                }
                tx.connection().commit();
                return;
            } catch (SQLException e) {
                if (attempt == 1 && Rows.isDuplicate(e)) {
                    continue; // another node inserted the key at the same moment: now it is an update
                }
                throw e;
            }
        }
    }

    /** Forgets the keys quiet for {@code resolve}, announcing those that were sent. */
    public void resolve(Instant now) {
        Instant before = now.minus(options.resolve());
        List<AlertTable.Row> quiet;
        try {
            quiet = db.read(tx -> alerts.quiet(tx, before, BATCH));
        } catch (SQLException e) {
            failed("reading quiet alerts", e);
            return;
        }
        for (AlertTable.Row r : quiet) {
            try {
                Transactions.write(db, tx -> {
                    if (alerts.forget(tx, r.key(), before) && options.sendResolved() && r.lastSentAt() != null) {
                        Notice n = new Notice(NoticeType.RESOLVED, r.key(), severity(r), texts.resolvedTitle(r.title()),
                                texts.resolved(r.key(), options.resolve(), r.firstAt(), r.total()), r.link(), now);
                        for (Sink s : sinks) {
                            outbox.add(tx, s.name(), n);
                        }
                    }
                    return null;
                });
            } catch (SQLException e) {
                failed("resolving alert " + r.key(), e);
            }
        }
    }

    private static Severity severity(AlertTable.Row r) {
        try {
            return Severity.valueOf(r.severity());
        } catch (IllegalArgumentException e) {
            return Severity.WARNING;
        }
    }

    /** Delivers what each sink is owed now, within its budget for the minute. */
    public void deliver(Instant now) {
        expire(now);
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        for (Sink s : sinks) {
            try {
                deliver(s, now, minute);
            } catch (SQLException e) {
                failed("delivering alerts to " + s.name(), e);
            }
        }
    }

    private void deliver(Sink sink, Instant now, Instant minute) throws SQLException {
        startMinute(sink, now, minute);
        List<Outbox.Pending> due = db.read(tx -> outbox.due(tx, sink.name(), now, BATCH));
        for (Outbox.Pending p : due) {
            if (!Transactions.write(db, tx -> outbox.claim(tx, p.id(), options.node(), now, now.plus(CLAIM)))) {
                continue; // another node has it
            }
            boolean budgeted = p.notice().type() != NoticeType.DIGEST; // a digest comes on top of the budget
            if (budgeted && !Transactions.write(db, tx -> gate.take(tx, sink.name(), minute, options.maxPerMinute()))) {
                hold(sink, p, minute);
                continue;
            }
            try {
                sink.deliver(p.notice());
            } catch (DeliveryException | RuntimeException e) {
                // a sink's own message is scrubbed of secrets; anything else is a bug, named by its class only
                String why = e instanceof DeliveryException ? e.getMessage() : "unexpected " + e.getClass().getName();
                Transactions.write(db, tx -> {
                    outbox.failed(tx, p.id(), why);
                    if (budgeted) {
                        gate.giveBack(tx, sink.name(), minute);
                    }
                    return null;
                });
                logger.warn("Alert {} was not delivered to {} ({}), attempt {}; retrying at the next poll: {}",
                        p.notice().key(), sink.name(), sink.target(), p.attempts() + 1, why);
                return; // the sink is failing: its other messages wait behind this one
            }
            Transactions.write(db, tx -> {
                outbox.remove(tx, p.id());
                return null;
            });
            logger.debug("Alert {} ({}) delivered to {}", p.notice().key(), p.notice().type(), sink.name());
        }
    }

    /** At the first poll of a minute: the sink's budget starts again, and what the last one held back becomes a digest. */
    private void startMinute(Sink sink, Instant now, Instant minute) throws SQLException {
        try {
            Transactions.write(db, tx -> {
                gate.ensure(tx, sink.name(), minute);
                return null;
            });
        } catch (SQLException e) {
            if (!Rows.isDuplicate(e)) {
                throw e;
            }
        }
        Transactions.write(db, tx -> {
            int held = gate.rollOver(tx, sink.name(), minute);
            if (held > 0) {
                outbox.add(tx, sink.name(), new Notice(NoticeType.DIGEST, "digest:" + sink.name(), Severity.WARNING,
                        texts.digestTitle(held), texts.digest(held, links.console()), links.console(), now));
            }
            return null;
        });
    }

    /** The minute is full: the message is counted for the digest instead of being sent. */
    private void hold(Sink sink, Outbox.Pending p, Instant minute) throws SQLException {
        boolean held = Transactions.write(db, tx -> {
            if (!gate.hold(tx, sink.name(), minute)) {
                return false;
            }
            outbox.remove(tx, p.id());
            return true;
        });
        if (!held) { // another node started a new minute meanwhile: try it again at the next poll
            Transactions.write(db, tx -> {
                outbox.release(tx, p.id());
                return null;
            });
        }
        logger.debug("Alert {} held back for the digest of {} ({} a minute)", p.notice().key(), sink.name(),
                options.maxPerMinute());
    }

    private void expire(Instant now) {
        try {
            for (Outbox.Dropped d : Transactions.write(db, tx -> outbox.expire(tx, now.minus(GIVE_UP), now))) {
                logger.error("Dropped {} alert messages to {} that could not be delivered for {} hours; last error: {}",
                        d.count(), d.sink(), GIVE_UP.toHours(), d.lastError());
            }
        } catch (SQLException e) {
            failed("dropping expired alert messages", e);
        }
    }

    /** Sends one test message to every sink now, past the outbox and the budget. */
    public List<SinkResult> test(Instant now) {
        List<SinkResult> out = new ArrayList<>();
        for (Sink s : sinks) {
            Notice n = new Notice(NoticeType.TEST, AlertKind.TEST.key(options.node()), Severity.WARNING, texts.testTitle(),
                    texts.test(options.node()), links.console(), now);
            try {
                s.deliver(n);
                out.add(new SinkResult(s.name(), true, null));
            } catch (DeliveryException | RuntimeException e) {
                String why = e instanceof DeliveryException ? e.getMessage() : "unexpected " + e.getClass().getName();
                logger.warn("Test alert was not delivered to {} ({}): {}", s.name(), s.target(), why);
                out.add(new SinkResult(s.name(), false, why));
            }
        }
        return out;
    }

    /** The newest alerts, for the REST interface. */
    public List<AlertTable.Row> newest(int limit) throws SQLException {
        return db.read(tx -> alerts.newest(tx, limit));
    }

    /** One page of the newest alerts, after the row of that first sighting and key (from the newest when null). */
    public List<AlertTable.Row> newest(java.time.Instant afterFirstAt, String afterKey, int limit) throws SQLException {
        return db.read(tx -> alerts.newest(tx, afterFirstAt, afterKey, limit));
    }

    /** Messages waiting in the outbox for a sink. */
    public int waiting(String sink) throws SQLException {
        return db.read(tx -> outbox.waiting(tx, sink));
    }

    private void failed(String what, SQLException e) {
        if (Rows.isConflict(e)) {
            logger.debug("Another node was {} at the same moment; again at the next poll: {}", what, e.getMessage());
        } else {
            logger.warn("Alerts: failed {}; again at the next poll: {}", what, e.getMessage());
        }
    }
}

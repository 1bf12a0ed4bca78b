package org.ordertower.alerts.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.ordertower.alerts.internal.alert.Alert;
import org.ordertower.alerts.internal.dispatch.Dispatcher;
import org.ordertower.alerts.internal.source.AlertSource;
import org.ordertower.alerts.internal.store.NodeTable;
import org.ordertower.alerts.internal.store.Transactions;
import org.ordertower.jdbc.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll: writes this node's heartbeat, asks every source, and hands what they found to the dispatcher. A source
 * that fails is logged and skipped for this poll; nothing here stops the next poll.
 */
public final class Poller implements Runnable {
    private final Logger logger = LoggerFactory.getLogger(Poller.class);
    private final Database db;
    private final NodeTable nodes;
    private final String node;
    private final List<AlertSource> sources;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final org.ordertower.alerts.internal.report.DailyReport reports;

    public Poller(Database db, NodeTable nodes, String node, List<AlertSource> sources, Dispatcher dispatcher, Clock clock) {
        this(db, nodes, node, sources, dispatcher, clock, null);
    }

    /** @param reports the daily report, sent from a poll when it is due; null: none */
    public Poller(Database db, NodeTable nodes, String node, List<AlertSource> sources, Dispatcher dispatcher, Clock clock,
            org.ordertower.alerts.internal.report.DailyReport reports) {
        this.reports = reports;
        this.db = db;
        this.nodes = nodes;
        this.node = node;
        this.sources = List.copyOf(sources);
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            poll();
        } catch (RuntimeException | LinkageError e) {
            // a bug, or a bundle this one uses being refreshed: an exception here would end the schedule for good
            logger.error("Alerts poll failed unexpectedly; again at the next poll", e);
        }
    }

    /** One poll now. */
    public void poll() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try {
            Transactions.write(db, tx -> {
                nodes.beat(tx, node, now);
                return null;
            });
        } catch (SQLException e) {
            logger.warn("Alerts: cannot write the heartbeat of node {}: {}", node, e.getMessage());
        }
        List<Alert> found = new ArrayList<>();
        for (AlertSource s : sources) {
            try {
                found.addAll(s.look(now));
            } catch (RuntimeException e) {
                logger.warn("Alerts: source {} failed, skipped in this poll: {}", s.name(), e.toString());
            }
        }
        dispatcher.poll(found, now);
        if (reports != null) {
            try {
                reports.poll();
            } catch (RuntimeException e) {
                logger.warn("Alerts: the daily report failed, tried again at the next poll: {}", e.toString());
            }
        }
    }

    /** This node stops on purpose: its heartbeat goes, so no other node reports it down. */
    public void leave() {
        try {
            Transactions.write(db, tx -> {
                nodes.remove(tx, node);
                return null;
            });
        } catch (SQLException e) {
            logger.warn("Alerts: cannot remove the heartbeat of node {}; others report it down until it is back: {}", node,
                    e.getMessage());
        }
    }
}

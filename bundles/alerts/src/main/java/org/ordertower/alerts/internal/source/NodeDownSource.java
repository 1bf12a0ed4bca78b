package org.ordertower.alerts.internal.source;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.ordertower.alerts.internal.alert.Alert;
import org.ordertower.alerts.internal.alert.AlertKind;
import org.ordertower.alerts.internal.alert.Links;
import org.ordertower.alerts.internal.alert.Texts;
import org.ordertower.alerts.internal.store.NodeTable;
import org.ordertower.jdbc.Database;

/**
 * Another node that wrote no heartbeat ({@code alert_node}) for 3 poll periods: key {@code node-down:<id>}. A node
 * stopped on purpose deletes its heartbeat, so only a node that died or lost the database is reported; it stays
 * reported until it beats again.
 */
public final class NodeDownSource implements AlertSource {
    static final int SILENT_POLLS = 3;
    private final Database db;
    private final NodeTable nodes;
    private final String self;
    private final Duration silence;
    private final Texts texts;
    private final Links links;

    public NodeDownSource(Database db, NodeTable nodes, String self, Duration poll, Texts texts, Links links) {
        this.db = db;
        this.nodes = nodes;
        this.self = self;
        this.silence = poll.multipliedBy(SILENT_POLLS);
        this.texts = texts;
        this.links = links;
    }

    @Override
    public String name() {
        return AlertKind.NODE_DOWN.id();
    }

    @Override
    public List<Alert> look(Instant now) {
        List<NodeTable.Seen> silent;
        try {
            silent = db.read(tx -> nodes.silent(tx, self, now.minus(silence)));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the node heartbeats: " + e.getMessage(), e);
        }
        return silent.stream().map(s -> new Alert(AlertKind.NODE_DOWN.key(s.node()), AlertKind.NODE_DOWN,
                AlertKind.NODE_DOWN.severity(), texts.nodeDownTitle(s.node()),
                texts.nodeDown(s.node(), s.at(), Duration.between(s.at(), now), self), links.overview(), now)).toList();
    }
}

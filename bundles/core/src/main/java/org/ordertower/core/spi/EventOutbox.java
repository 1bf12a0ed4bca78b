package org.ordertower.core.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The core's outbox for events that are not about one order (the inventory's stock changes): an event added here in
 * the caller's transaction is published on its topic (JMS, and Kafka when configured) once that transaction commits,
 * at least once, in commit order; consumers drop a repeat by its event id. Offered by the core bundle; internal to
 * OrderTower's own bundles, not a plugin API.
 */
@ProviderType
public interface EventOutbox {
    /** The type of a stock change event (schema {@code stock-change/1}), published on the stock topic. */
    String STOCK_CHANGED = "STOCK_CHANGED";

    /**
     * Adds an event in the caller's transaction on {@code tx} (a connection of the {@code ordertower} DataSource
     * with auto-commit off); the caller commits.
     *
     * @param key what the event is about (a master SKU): the Kafka key, so one key's events stay in order
     * @param payload the event as JSON, carrying {@code eventId}
     */
    void add(Connection tx, String eventId, String type, String key, Instant at, String payload) throws SQLException;

    /** Tells the relay that events were committed, so they go out now rather than at its next poll. */
    void committed();
}

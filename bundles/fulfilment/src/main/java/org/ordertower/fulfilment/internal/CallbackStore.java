package org.ordertower.fulfilment.internal;

import static org.ordertower.fulfilment.internal.Rows.cut;
import static org.ordertower.fulfilment.internal.Rows.ts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.ordertower.api.fulfilment.TrackingState;
import org.ordertower.jdbc.Tx;

/** The {@code partner_event} and {@code tracking_event} tables: which partner callbacks were applied already. */
final class CallbackStore {

    /** Records a partner's event id; true when it is new (false: a repeat, already applied). */
    boolean firstTime(Tx tx, String partner, String eventId, Instant now) throws SQLException {
        PreparedStatement q = tx.prepare("SELECT 1 FROM partner_event WHERE partner = ? AND event_id = ?");
        q.setString(1, partner);
        q.setString(2, cut(eventId, 128));
        try (ResultSet rs = q.executeQuery()) {
            if (rs.next()) {
                return false;
            }
        }
        PreparedStatement ps = tx.prepare("INSERT INTO partner_event (partner, event_id, received_at) VALUES (?, ?, ?)");
        ps.setString(1, partner);
        ps.setString(2, cut(eventId, 128));
        ts(ps, 3, now);
        ps.executeUpdate();
        return true;
    }

    /** Stores a tracking event; true when it is new. */
    boolean trackingEvent(Tx tx, long parcelId, TrackingState state, Instant at, String description, String location,
            Instant now) throws SQLException {
        PreparedStatement q = tx.prepare("SELECT 1 FROM tracking_event WHERE parcel_id = ? AND at = ? AND state = ?");
        q.setLong(1, parcelId);
        ts(q, 2, at);
        q.setString(3, state.name());
        try (ResultSet rs = q.executeQuery()) {
            if (rs.next()) {
                return false;
            }
        }
        PreparedStatement ps = tx.prepare("INSERT INTO tracking_event (parcel_id, state, at, description, location, "
                + "received_at) VALUES (?, ?, ?, ?, ?, ?)");
        ps.setLong(1, parcelId);
        ps.setString(2, state.name());
        ts(ps, 3, at);
        ps.setString(4, cut(description, 512));
        ps.setString(5, cut(location, 128));
        ts(ps, 6, now);
        ps.executeUpdate();
        return true;
    }
}

package org.ordertower.channels.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.channel.DeadLetter;
import org.ordertower.api.channel.PushEvent;
import org.ordertower.jdbc.Tx;

/** SQL of the channel runtime's tables (core migration V4). Stateless; every method runs in the caller's transaction. */
final class ChannelStore {
    private static final String DUPLICATE = "23505";

    /** A shop's pull position. */
    record Cursor(Instant from, Instant to, String page, Instant caughtUpTo) {
    }

    /** A stored event waiting to be processed. */
    /**
     * One stored event. {@code occurredAt} is when the platform says the change happened (null when it did not say),
     * {@code receivedAt} when this node stored it.
     */
    record StoredEvent(long id, String channel, String shop, String messageId, String source, String topic,
            String platformOrderId, String payload, int attempts, Instant occurredAt, Instant receivedAt) {
    }

    /** One row of channel_seen. */
    record Seen(String platformOrderId, Instant pulledAt, Instant pushedAt) {
    }

    Optional<Cursor> cursor(Tx tx, String channel, String shop) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT window_from, window_to, page, caught_up_to FROM channel_cursor "
                + "WHERE channel = ? AND shop = ?");
        ps.setString(1, channel);
        ps.setString(2, shop);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new Cursor(instant(rs, 1), instant(rs, 2), rs.getString(3), instant(rs, 4)))
                    : Optional.empty();
        }
    }

    void saveCursor(Tx tx, String channel, String shop, Cursor c, Instant now) throws SQLException {
        PreparedStatement up = tx.prepare("UPDATE channel_cursor SET window_from = ?, window_to = ?, page = ?, "
                + "caught_up_to = ?, updated_at = ? WHERE channel = ? AND shop = ?");
        ts(up, 1, c.from());
        ts(up, 2, c.to());
        up.setString(3, c.page());
        ts(up, 4, c.caughtUpTo());
        ts(up, 5, now);
        up.setString(6, channel);
        up.setString(7, shop);
        if (up.executeUpdate() == 0) {
            PreparedStatement in = tx.prepare("INSERT INTO channel_cursor (window_from, window_to, page, caught_up_to, "
                    + "updated_at, channel, shop) VALUES (?, ?, ?, ?, ?, ?, ?)");
            ts(in, 1, c.from());
            ts(in, 2, c.to());
            in.setString(3, c.page());
            ts(in, 4, c.caughtUpTo());
            ts(in, 5, now);
            in.setString(6, channel);
            in.setString(7, shop);
            in.executeUpdate();
        }
    }

    /**
     * Takes or renews the shop's lease for {@code owner} until {@code until}: true when this owner holds it
     * (it held it, nobody did, or the holder's lease ran out).
     */
    boolean lease(Tx tx, String channel, String shop, String owner, Instant now, Instant until) throws SQLException {
        PreparedStatement up = tx.prepare("UPDATE channel_lease SET owner = ?, until = ? WHERE channel = ? AND shop = ? "
                + "AND (owner = ? OR until < ?)");
        up.setString(1, owner);
        ts(up, 2, until);
        up.setString(3, channel);
        up.setString(4, shop);
        up.setString(5, owner);
        ts(up, 6, now);
        if (up.executeUpdate() == 1) {
            return true;
        }
        PreparedStatement held = tx.prepare("SELECT 1 FROM channel_lease WHERE channel = ? AND shop = ?");
        held.setString(1, channel);
        held.setString(2, shop);
        try (ResultSet rs = held.executeQuery()) {
            if (rs.next()) {
                return false;
            }
        }
        PreparedStatement in = tx.prepare("INSERT INTO channel_lease (owner, until, channel, shop) VALUES (?, ?, ?, ?)");
        in.setString(1, owner);
        ts(in, 2, until);
        in.setString(3, channel);
        in.setString(4, shop);
        return insertUnlessDuplicate(tx, in);
    }

    /** Stores an event unless its message id was stored before; false for a repeat. */
    boolean addEvent(Tx tx, String channel, PushEvent e, String source, Instant now) throws SQLException {
        PreparedStatement ps = tx.prepare("INSERT INTO channel_event (channel, shop, message_id, source, topic, "
                + "platform_order_id, payload, received_at, attempts, next_at, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)");
        ps.setString(1, channel);
        ps.setString(2, e.shop());
        ps.setString(3, cut(e.messageId(), 128));
        ps.setString(4, source);
        ps.setString(5, cut(e.topic(), 128));
        ps.setString(6, cut(e.platformOrderId(), 64));
        ps.setString(7, e.order() == null ? null : e.order().payload());
        ts(ps, 8, now);
        ts(ps, 9, now);
        ts(ps, 10, e.occurredAt());
        return insertUnlessDuplicate(tx, ps);
    }

    /** Events due for processing at {@code now}, oldest first. */
    List<StoredEvent> dueEvents(Tx tx, Instant now, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT id, channel, shop, message_id, source, topic, platform_order_id, payload, "
                + "attempts, occurred_at, received_at FROM channel_event WHERE next_at <= ? ORDER BY next_at, id LIMIT ?");
        ts(ps, 1, now);
        ps.setInt(2, limit);
        List<StoredEvent> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9), instant(rs, 10), instant(rs, 11)));
            }
        }
        return out;
    }

    /** Claims an event for {@code until} (so another node leaves it alone); false when someone else did first. */
    boolean claimEvent(Tx tx, long id, int attempts, Instant until) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE channel_event SET next_at = ?, attempts = ? WHERE id = ? AND attempts = ? "
                + "AND next_at IS NOT NULL");
        ts(ps, 1, until);
        ps.setInt(2, attempts + 1);
        ps.setLong(3, id);
        ps.setInt(4, attempts);
        return ps.executeUpdate() == 1;
    }

    /** Marks an event done (kept for its message id until purged). */
    void eventDone(Tx tx, long id, Instant now, String error) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE channel_event SET next_at = NULL, done_at = ?, last_error = ? WHERE id = ?");
        ts(ps, 1, now);
        ps.setString(2, cut(error, 1024));
        ps.setLong(3, id);
        ps.executeUpdate();
    }

    /** Schedules another attempt. */
    void eventRetry(Tx tx, long id, Instant at, String error) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE channel_event SET next_at = ?, last_error = ? WHERE id = ?");
        ts(ps, 1, at);
        ps.setString(2, cut(error, 1024));
        ps.setLong(3, id);
        ps.executeUpdate();
    }

    /** Forgets processed events received before {@code before} (their message ids no longer guard against repeats). */
    int purgeEvents(Tx tx, Instant before) throws SQLException {
        PreparedStatement ps = tx.prepare("DELETE FROM channel_event WHERE next_at IS NULL AND received_at < ?");
        ts(ps, 1, before);
        return ps.executeUpdate();
    }

    /** Notes that a path saw an order ({@code pulled} or pushed), keeping the first time of each. */
    void seen(Tx tx, String channel, String shop, String platformOrderId, boolean pulled, Instant now) throws SQLException {
        String column = pulled ? "pulled_at" : "pushed_at";
        PreparedStatement up = tx.prepare("UPDATE channel_seen SET " + column + " = ? WHERE channel = ? AND shop = ? "
                + "AND platform_order_id = ? AND " + column + " IS NULL");
        ts(up, 1, now);
        up.setString(2, channel);
        up.setString(3, shop);
        up.setString(4, platformOrderId);
        if (up.executeUpdate() == 1) {
            return;
        }
        PreparedStatement in = tx.prepare("INSERT INTO channel_seen (" + column + ", channel, shop, platform_order_id) "
                + "VALUES (?, ?, ?, ?)");
        ts(in, 1, now);
        in.setString(2, channel);
        in.setString(3, shop);
        in.setString(4, platformOrderId);
        insertUnlessDuplicate(tx, in); // a row without this path's time exists already: it was seen first by the other
    }

    /** Orders of a shop seen by either path since {@code since}. */
    List<Seen> seenSince(Tx tx, String channel, String shop, Instant since) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT platform_order_id, pulled_at, pushed_at FROM channel_seen WHERE channel = ? "
                + "AND shop = ? AND pulled_at >= ? UNION SELECT platform_order_id, pulled_at, pushed_at FROM channel_seen "
                + "WHERE channel = ? AND shop = ? AND pushed_at >= ?");
        ps.setString(1, channel);
        ps.setString(2, shop);
        ts(ps, 3, since);
        ps.setString(4, channel);
        ps.setString(5, shop);
        ts(ps, 6, since);
        List<Seen> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Seen(rs.getString(1), instant(rs, 2), instant(rs, 3)));
            }
        }
        return out;
    }

    void deadLetter(Tx tx, String channel, String shop, String source, String platformOrderId, String reason, String payload,
            Instant now) throws SQLException {
        PreparedStatement ps = tx.prepare("INSERT INTO channel_dead_letter (channel, shop, source, platform_order_id, reason, "
                + "payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        ps.setString(1, channel);
        ps.setString(2, shop);
        ps.setString(3, source);
        ps.setString(4, cut(platformOrderId, 64));
        ps.setString(5, cut(reason == null ? "no reason given" : reason, 1024));
        ps.setString(6, kept(payload));
        ts(ps, 7, now);
        ps.executeUpdate();
    }

    /** Newest first: of {@code channel} (all when null), with an id below {@code after} (all when null). */
    List<DeadLetter> deadLetters(Tx tx, String channel, Long after, int limit) throws SQLException {
        List<String> where = new ArrayList<>();
        if (channel != null) {
            where.add("channel = ?");
        }
        if (after != null) {
            where.add("id < ?");
        }
        PreparedStatement ps = tx.prepare("SELECT id, channel, shop, source, platform_order_id, reason, created_at "
                + "FROM channel_dead_letter" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY id DESC LIMIT ?");
        int i = 1;
        if (channel != null) {
            ps.setString(i++, channel);
        }
        if (after != null) {
            ps.setLong(i++, after);
        }
        ps.setInt(i, limit);
        List<DeadLetter> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new DeadLetter(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), instant(rs, 7)));
            }
        }
        return out;
    }

    Optional<AccessToken> token(Tx tx, String channel, String shop) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT access_token, expires_at, refresh_token, refresh_expires_at FROM channel_token "
                + "WHERE channel = ? AND shop = ?");
        ps.setString(1, channel);
        ps.setString(2, shop);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new AccessToken(rs.getString(1), instant(rs, 2), rs.getString(3), instant(rs, 4)))
                    : Optional.empty();
        }
    }

    void saveToken(Tx tx, String channel, String shop, AccessToken t, Instant now) throws SQLException {
        PreparedStatement del = tx.prepare("DELETE FROM channel_token WHERE channel = ? AND shop = ?");
        del.setString(1, channel);
        del.setString(2, shop);
        del.executeUpdate();
        PreparedStatement in = tx.prepare("INSERT INTO channel_token (channel, shop, access_token, expires_at, refresh_token, "
                + "refresh_expires_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        in.setString(1, channel);
        in.setString(2, shop);
        in.setString(3, t.accessToken());
        ts(in, 4, t.expiresAt());
        in.setString(5, t.refreshToken());
        ts(in, 6, t.refreshExpiresAt());
        ts(in, 7, now);
        in.executeUpdate();
    }

    private static boolean insertUnlessDuplicate(Tx tx, PreparedStatement ps) throws SQLException {
        java.sql.Savepoint sp = tx.connection().setSavepoint();
        try {
            boolean inserted = ps.executeUpdate() == 1;
            tx.connection().releaseSavepoint(sp);
            return inserted;
        } catch (SQLException e) {
            if (DUPLICATE.equals(e.getSQLState())) {
                tx.connection().rollback(sp);
                return false;
            }
            throw e;
        }
    }

    private static void ts(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, t.atOffset(ZoneOffset.UTC));
        }
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String cut(String s, int max) {
        return kept(s == null || s.length() <= max ? s : s.substring(0, max));
    }


    /**
     * A text of a dead letter or an id as the store can keep it: PostgreSQL refuses a NUL character in a text, so a NUL
     * (only ever in a broken payload, which JSON does not allow raw) is kept as U+FFFD instead of failing the commit,
     * and with it the dead letter, for good. Never used on a payload that is still to be mapped.
     */
    static String kept(String s) {
        return s == null || s.indexOf('\u0000') < 0 ? s : s.replace('\u0000', '\ufffd');
    }
}

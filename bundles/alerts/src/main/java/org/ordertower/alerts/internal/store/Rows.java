package org.ordertower.alerts.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Column conversions and the SQL states the stores tell apart. */
public final class Rows {
    private Rows() {
    }

    static Instant instant(ResultSet rs, int i) throws SQLException {
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static void ts(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, t.atOffset(ZoneOffset.UTC));
        }
    }

    /** {@code s} cut to {@code max} characters (never in the middle of a surrogate pair). */
    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }

    /** A unique key was taken by another transaction (H2 and PostgreSQL both say 23505). */
    public static boolean isDuplicate(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /**
     * Another transaction held or changed the row: a lock timeout or a concurrent update on H2, a serialization
     * failure or a deadlock on PostgreSQL. The work is done again at the next poll.
     */
    public static boolean isConflict(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state) || "HYT00".equals(state) || "55P03".equals(state)
                || e.getErrorCode() == 90131 || e.getErrorCode() == 50200 || e.getErrorCode() == 40001;
    }
}

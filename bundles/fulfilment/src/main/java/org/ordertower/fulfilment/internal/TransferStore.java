package org.ordertower.fulfilment.internal;

import static org.ordertower.fulfilment.internal.Rows.instant;
import static org.ordertower.fulfilment.internal.Rows.ts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.jdbc.Tx;

/** The {@code parcel_transfer} table: goods a parcel waits for from another warehouse, and where they are. */
final class TransferStore {
    static final String PLANNED = "PLANNED";
    static final String RECEIVED = "RECEIVED";
    static final String MOVED = "MOVED";
    static final String CANCELLED = "CANCELLED";

    private static final String TRANSFER_COLS = "id, code, parcel_id, order_id, from_wh, to_wh, lines, km, expected, "
            + "status, late_at";

    /** Goods of a parcel coming from another warehouse first. */
    record Transfer(long id, String code, long parcelId, long orderId, String from, String to, List<ParcelLine> lines,
            int km, LocalDate expected, String status, Instant lateAt) {
    }

    void insertTransfer(Tx tx, String code, long parcelId, long orderId, String from, String to, List<ParcelLine> lines,
            long km, LocalDate expected, Instant now) throws SQLException {
        PreparedStatement ps = tx.prepare("INSERT INTO parcel_transfer (code, parcel_id, order_id, from_wh, to_wh, lines, km, "
                + "expected, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PLANNED', ?, ?)");
        ps.setString(1, code);
        ps.setLong(2, parcelId);
        ps.setLong(3, orderId);
        ps.setString(4, from);
        ps.setString(5, to);
        ps.setString(6, ParcelLines.write(lines));
        ps.setInt(7, (int) Math.min(Integer.MAX_VALUE, km));
        ps.setObject(8, expected);
        ts(ps, 9, now);
        ts(ps, 10, now);
        ps.executeUpdate();
    }

    Optional<Transfer> transferByCode(Tx tx, String code, boolean forUpdate) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + TRANSFER_COLS + " FROM parcel_transfer WHERE code = ?"
                + (forUpdate ? " FOR UPDATE" : ""));
        ps.setString(1, code);
        List<Transfer> l = transfers(ps);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    List<Transfer> transfersOf(Tx tx, long parcelId) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + TRANSFER_COLS + " FROM parcel_transfer WHERE parcel_id = ? ORDER BY id");
        ps.setLong(1, parcelId);
        return transfers(ps);
    }

    /** Transfers not received whose expected day is before {@code day} and that are not flagged yet. */
    List<Transfer> lateTransfers(Tx tx, LocalDate day, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + TRANSFER_COLS + " FROM parcel_transfer WHERE status = 'PLANNED' "
                + "AND late_at IS NULL AND expected < ? ORDER BY id LIMIT ?");
        ps.setObject(1, day);
        ps.setInt(2, limit);
        return transfers(ps);
    }

    void setTransfer(Tx tx, long id, String status, Instant now) throws SQLException {
        boolean received = RECEIVED.equals(status);
        PreparedStatement ps = tx.prepare("UPDATE parcel_transfer SET status = ?, updated_at = ?"
                + (received ? ", received_at = ?" : "") + " WHERE id = ?");
        ps.setString(1, status);
        ts(ps, 2, now);
        if (received) {
            ts(ps, 3, now);
        }
        ps.setLong(received ? 4 : 3, id);
        ps.executeUpdate();
    }

    void flagLate(Tx tx, long id, Instant now) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE parcel_transfer SET late_at = ?, updated_at = ? WHERE id = ?");
        ts(ps, 1, now);
        ts(ps, 2, now);
        ps.setLong(3, id);
        ps.executeUpdate();
    }

    private static List<Transfer> transfers(PreparedStatement ps) throws SQLException {
        List<Transfer> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Transfer(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6), ParcelLines.read(rs.getString(7)), rs.getInt(8),
                        rs.getObject(9, LocalDate.class), rs.getString(10), instant(rs, 11)));
            }
        }
        return out;
    }
}

package org.ordertower.core.internal.db;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.ordertower.api.Actor;
import org.ordertower.api.Address;
import org.ordertower.api.Amounts;
import org.ordertower.api.AuditEntry;
import org.ordertower.api.Buyer;
import org.ordertower.api.ChannelFacts;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderLine;
import org.ordertower.api.OrderQuery;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.Refund;
import org.ordertower.api.RiskLevel;
import org.ordertower.jdbc.Migrator;
import org.ordertower.jdbc.Tx;

/** SQL for orders, lines, audit, inbox and outbox. Stateless apart from the id blocks; thread-safe. */
public final class OrderStore {
    /** Most ids in one {@code IN (...)} list (statements prepared per list length stay few). */
    private static final int IN_CHUNK = 500;
    private static final String COLS = "id, channel, shop, platform_order_id, platform_version, platform_status, "
            + "status, risk_level, payment_status, buyer_name, buyer_phone, buyer_platform_id, addr_country, "
            + "addr_province, addr_city, addr_district, addr_street, addr_detail, addr_postcode, currency, "
            + "goods_amount, discount_amount, shipping_amount, paid_amount, created_at, paid_at, "
            + "platform_changed_at, received_at, updated_at, buyer_note, seller_note, tags, channel_state, promised_ship_by, "
            + "device_id, buyer_ip, revision";
    private static final String INSERT = "INSERT INTO orders (" + COLS + ", lines_digest, content_digest) VALUES ("
            + String.join(", ", java.util.Collections.nCopies(39, "?")) + ")";
    private static final String UPDATE = "UPDATE orders SET platform_version = ?, platform_status = ?, status = ?, "
            + "risk_level = ?, payment_status = ?, buyer_name = ?, buyer_phone = ?, buyer_platform_id = ?, "
            + "addr_country = ?, addr_province = ?, addr_city = ?, addr_district = ?, addr_street = ?, addr_detail = ?, "
            + "addr_postcode = ?, currency = ?, goods_amount = ?, discount_amount = ?, shipping_amount = ?, "
            + "paid_amount = ?, created_at = ?, paid_at = ?, platform_changed_at = ?, received_at = ?, updated_at = ?, "
            + "buyer_note = ?, seller_note = ?, tags = ?, channel_state = ?, promised_ship_by = ?, device_id = ?, buyer_ip = ?, "
            + "revision = ?, lines_digest = ? WHERE id = ? AND revision = ?";
    private static final String LINE_COLS = "order_id, seq, line_no, channel_sku, master_sku, title, quantity, "
            + "unit_price, paid_amount, gift, parent_line_no";

    private final IdBlocks ids = new IdBlocks("order_id_seq");

    /** The migrations of the core's tables (scripts next to this class), versions in {@code schema_version}. */
    public static Migrator migrator(DataSource dataSource) {
        return new Migrator(dataSource, OrderStore.class, "schema_version");
    }

    public long nextId(Tx tx) throws SQLException {
        return ids.next(tx.connection(), tx.dialect());
    }

    /**
     * Which of these platform orders the store holds, their rows locked for the rest of the transaction: the keys
     * ({@link NormalizedOrder#key()}) of those that exist. On PostgreSQL one query per channel and shop (its index on
     * the platform key serves {@code platform_order_id IN (...)}); on H2, which would read every order of the shop
     * for such a list, one look-up per order by the whole key (embedded: no round trip).
     */
    public java.util.Set<String> lockExisting(Tx tx, java.util.Collection<NormalizedOrder> orders) throws SQLException {
        if (tx.dialect() == org.ordertower.jdbc.Dialect.H2) {
            java.util.Set<String> out = new java.util.HashSet<>();
            java.util.SortedMap<String, NormalizedOrder> byKey = new java.util.TreeMap<>(); // one lock order for every writer
            orders.forEach(o -> byKey.putIfAbsent(o.key(), o));
            PreparedStatement ps = tx.prepare("SELECT 1 FROM orders WHERE channel = ? AND shop = ? AND platform_order_id = ? "
                    + "FOR UPDATE");
            for (java.util.Map.Entry<String, NormalizedOrder> e : byKey.entrySet()) {
                String key = e.getKey();
                NormalizedOrder o = e.getValue();
                ps.setString(1, o.channel());
                ps.setString(2, o.shop());
                ps.setString(3, o.platformOrderId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.add(key);
                    }
                }
            }
            return out;
        }
        java.util.Map<List<String>, java.util.SortedSet<String>> byShop = new java.util.TreeMap<>(
                java.util.Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
        for (NormalizedOrder o : orders) {
            byShop.computeIfAbsent(List.of(o.channel(), o.shop()), k -> new java.util.TreeSet<>()).add(o.platformOrderId());
        }
        java.util.Set<String> out = new java.util.HashSet<>();
        for (java.util.Map.Entry<List<String>, java.util.SortedSet<String>> e : byShop.entrySet()) {
            List<String> ids = new ArrayList<>(e.getValue());
            for (int from = 0; from < ids.size(); from += IN_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
                PreparedStatement ps = tx.prepare("SELECT channel, shop, platform_order_id FROM orders WHERE channel = ? AND shop = ? "
                        + "AND platform_order_id IN (" + marks(chunk.size())
                        + ") ORDER BY platform_order_id FOR UPDATE");
                ps.setString(1, e.getKey().get(0));
                ps.setString(2, e.getKey().get(1));
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 3, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3)); // as NormalizedOrder.key()
                    }
                }
            }
        }
        return out;
    }

    public Optional<Order> lockByPlatformId(Tx tx, String channel, String shop, String platformOrderId)
            throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + COLS
                + " FROM orders WHERE channel = ? AND shop = ? AND platform_order_id = ? FOR UPDATE");
        ps.setString(1, channel);
        ps.setString(2, shop);
        ps.setString(3, platformOrderId);
        return one(tx, ps);
    }

    public Optional<Order> findByPlatformId(Tx tx, String channel, String shop, String platformOrderId)
            throws SQLException {
        PreparedStatement ps = tx.prepare(
                "SELECT " + COLS + " FROM orders WHERE channel = ? AND shop = ? AND platform_order_id = ?");
        ps.setString(1, channel);
        ps.setString(2, shop);
        ps.setString(3, platformOrderId);
        return one(tx, ps);
    }

    public Optional<Order> load(Tx tx, long id, boolean forUpdate) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + COLS + " FROM orders WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""));
        ps.setLong(1, id);
        return one(tx, ps);
    }

    private Optional<Order> one(Tx tx, PreparedStatement ps) throws SQLException {
        Order order;
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            order = readRow(rs);
        }
        return Optional.of(withRefunds(withLines(order, lines(tx, order.id())), refunds(tx, List.of(order.id()))
                .getOrDefault(order.id(), List.of())));
    }

    /** The digest of the lines the platform last sent; null for orders stored before it was kept. */
    public String linesDigest(Tx tx, long id) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT lines_digest FROM orders WHERE id = ?");
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * The digests of what the platform last sent for this order: {lines, whole content}; either may be
     * null on rows older than the migration that added it.
     */
    public String[] digests(Tx tx, long id) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT lines_digest, content_digest FROM orders WHERE id = ?");
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new String[] { rs.getString(1), rs.getString(2) } : new String[2];
        }
    }

    /** Records the digest of the whole content the platform sent with the stored version. */
    public void contentDigest(Tx tx, long id, String digest) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE orders SET content_digest = ? WHERE id = ?");
        ps.setString(1, digest);
        ps.setLong(2, id);
        ps.executeUpdate();
    }

    /** True when an order with this id exists; reads no lines. */
    public boolean exists(Tx tx, long id) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT 1 FROM orders WHERE id = ?");
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    public Page search(Tx tx, OrderQuery q) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.status() != null) {
            where.append(" AND status = ?");
            args.add(q.status().name());
        }
        if (q.channel() != null) {
            where.append(" AND channel = ?");
            args.add(q.channel());
        }
        if (q.shop() != null) {
            where.append(" AND shop = ?");
            args.add(q.shop());
        }
        long total;
        PreparedStatement count = tx.prepare("SELECT COUNT(*) FROM orders" + where);
        bind(count, args);
        try (ResultSet rs = count.executeQuery()) {
            rs.next();
            total = rs.getLong(1);
        }
        StringBuilder pageWhere = new StringBuilder(where);
        List<Object> pageArgs = new ArrayList<>(args);
        if (q.after() != null) {
            pageWhere.append(pageWhere.length() == 0 ? " WHERE " : " AND ").append(q.oldestFirst() ? "id > ?" : "id < ?");
            pageArgs.add(q.after());
        }
        PreparedStatement ps = tx.prepare("SELECT " + COLS + " FROM orders" + pageWhere + " ORDER BY id "
                + (q.oldestFirst() ? "ASC" : "DESC") + " LIMIT ? OFFSET ?");
        pageArgs.add(q.size());
        pageArgs.add((long) (q.page() - 1) * q.size());
        bind(ps, pageArgs);
        List<Order> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(readRow(rs));
            }
        }
        return new Page(withLines(tx, rows), total);
    }

    public record Page(List<Order> orders, long total) {
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }

    /**
     * @param linesDigest the digest of the lines as the platform sent them
     * @param contentDigest the digest of everything the platform sent in this version
     */
    public void insert(Tx tx, Order o, String linesDigest, String contentDigest) throws SQLException {
        PreparedStatement ps = tx.prepare(INSERT);
        ps.setLong(1, o.id());
        NormalizedOrder c = o.content();
        ps.setString(2, c.channel());
        ps.setString(3, c.shop());
        ps.setString(4, c.platformOrderId());
        ps.setLong(5, c.platformVersion());
        int i = bindContent(ps, 6, o);
        ps.setInt(i++, o.revision());
        ps.setString(i++, linesDigest);
        ps.setString(i, contentDigest);
        tx.write(ps);
        insertLines(tx, o.id(), c.lines());
        insertRefunds(tx, o.id(), c.facts().refunds());
    }

    /**
     * Writes a changed order if its revision is still {@code expectedRevision}; false if someone else won.
     *
     * @param linesDigest the digest of the lines as the platform sent them this time
     */
    public boolean update(Tx tx, Order o, int expectedRevision, boolean linesChanged, String linesDigest)
            throws SQLException {
        PreparedStatement ps = tx.prepare(UPDATE);
        ps.setLong(1, o.content().platformVersion());
        int i = bindContent(ps, 2, o);
        ps.setInt(i++, o.revision());
        ps.setString(i++, linesDigest);
        ps.setLong(i++, o.id());
        ps.setInt(i, expectedRevision);
        boolean ok = ps.executeUpdate() == 1;
        if (ok && linesChanged) {
            PreparedStatement del = tx.prepare("DELETE FROM order_lines WHERE order_id = ?");
            del.setLong(1, o.id());
            del.executeUpdate();
            insertLines(tx, o.id(), o.content().lines());
        }
        if (ok) {
            PreparedStatement del = tx.prepare("DELETE FROM order_refund WHERE order_id = ?");
            del.setLong(1, o.id());
            del.executeUpdate();
            insertRefunds(tx, o.id(), o.content().facts().refunds());
        }
        return ok;
    }

    /** Binds the columns from platform_status through tags, starting at {@code i}; returns the next index. */
    private static int bindContent(PreparedStatement ps, int i, Order o) throws SQLException {
        NormalizedOrder c = o.content();
        ps.setString(i++, c.platformStatus());
        ps.setString(i++, o.status().name());
        ps.setString(i++, o.riskLevel().name());
        ps.setString(i++, c.paymentStatus().name());
        Buyer b = c.buyer() == null ? new Buyer(null, null, null) : c.buyer();
        ps.setString(i++, b.name());
        ps.setString(i++, b.phone());
        ps.setString(i++, b.platformBuyerId());
        Address a = c.address() == null ? new Address(null, null, null, null, null, null, null) : c.address();
        ps.setString(i++, a.country());
        ps.setString(i++, a.province());
        ps.setString(i++, a.city());
        ps.setString(i++, a.district());
        ps.setString(i++, a.street());
        ps.setString(i++, a.detail());
        ps.setString(i++, a.postcode());
        Amounts m = c.amounts();
        ps.setString(i++, m.currency());
        ps.setBigDecimal(i++, m.goods());
        ps.setBigDecimal(i++, m.discount());
        ps.setBigDecimal(i++, m.shipping());
        ps.setBigDecimal(i++, m.paid());
        ts(ps, i++, c.createdAt());
        ts(ps, i++, c.paidAt());
        ts(ps, i++, c.platformChangedAt());
        ts(ps, i++, o.receivedAt());
        ts(ps, i++, o.updatedAt());
        ps.setString(i++, c.buyerNote());
        ps.setString(i++, c.sellerNote());
        ps.setString(i++, c.tags().isEmpty() ? null : String.join(",", c.tags()));
        ChannelFacts f = c.facts();
        ps.setString(i++, f.state().name());
        ts(ps, i++, f.promisedShipBy());
        ps.setString(i++, cut(f.deviceId(), 128));
        ps.setString(i++, cut(f.buyerIp(), 64));
        return i;
    }

    private void insertLines(Tx tx, long orderId, List<OrderLine> lines) throws SQLException {
        PreparedStatement ps = tx.prepare("INSERT INTO order_lines (" + LINE_COLS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        int seq = 0;
        for (OrderLine l : lines) {
            ps.setLong(1, orderId);
            ps.setInt(2, seq++);
            ps.setString(3, l.lineNo());
            ps.setString(4, l.channelSku());
            ps.setString(5, l.masterSku());
            ps.setString(6, l.title());
            ps.setInt(7, l.quantity());
            ps.setBigDecimal(8, l.unitPrice());
            ps.setBigDecimal(9, l.paidAmount());
            ps.setBoolean(10, l.gift());
            ps.setString(11, l.parentLineNo());
            ps.addBatch();
        }
        tx.writeBatch(ps);
    }

    private void insertRefunds(Tx tx, long orderId, List<Refund> refunds) throws SQLException {
        if (refunds.isEmpty()) {
            return;
        }
        PreparedStatement ps = tx.prepare("INSERT INTO order_refund (order_id, seq, refund_id, line_nos, state, "
                + "platform_status) VALUES (?, ?, ?, ?, ?, ?)");
        int seq = 0;
        for (Refund r : refunds) {
            ps.setLong(1, orderId);
            ps.setInt(2, seq++);
            ps.setString(3, r.refundId());
            ps.setString(4, r.lineNos().isEmpty() ? null : cut(String.join(",", r.lineNos()), 2000));
            ps.setString(5, r.state().name());
            ps.setString(6, cut(r.platformStatus(), 64));
            ps.addBatch();
        }
        tx.writeBatch(ps);
    }

    /** The refunds of several orders in one query, by order id. */
    private java.util.Map<Long, List<Refund>> refunds(Tx tx, List<Long> orderIds) throws SQLException {
        java.util.Map<Long, List<Refund>> out = new java.util.HashMap<>();
        if (orderIds.isEmpty()) {
            return out;
        }
        String in = marks(orderIds.size());
        PreparedStatement ps = tx.prepare("SELECT order_id, refund_id, line_nos, state, platform_status FROM order_refund "
                + "WHERE order_id IN (" + in + ") ORDER BY order_id, seq");
        for (int i = 0; i < orderIds.size(); i++) {
            ps.setLong(i + 1, orderIds.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String lineNos = rs.getString(3);
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Refund(rs.getString(2),
                        lineNos == null ? List.of() : List.of(lineNos.split(",")), Refund.State.valueOf(rs.getString(4)),
                        rs.getString(5)));
            }
        }
        return out;
    }

    /**
     * Records where a refund stands after this house told the platform (the next platform version of the order
     * rewrites it with the platform's own word); false when the order has no such refund.
     */
    public boolean refundState(Tx tx, long orderId, String refundId, Refund.State state) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE order_refund SET state = ? WHERE order_id = ? AND refund_id = ?");
        ps.setString(1, state.name());
        ps.setLong(2, orderId);
        ps.setString(3, refundId);
        return ps.executeUpdate() > 0;
    }

    private List<OrderLine> lines(Tx tx, long orderId) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + LINE_COLS + " FROM order_lines WHERE order_id = ? ORDER BY seq");
        ps.setLong(1, orderId);
        List<OrderLine> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(readLine(rs));
            }
        }
        return out;
    }

    /** The lines of several orders in one query, by order id. */
    private java.util.Map<Long, List<OrderLine>> linesOf(Tx tx, List<Order> orders) throws SQLException {
        java.util.Map<Long, List<OrderLine>> out = new java.util.HashMap<>();
        if (orders.isEmpty()) {
            return out;
        }
        String in = marks(orders.size());
        PreparedStatement ps = tx.prepare("SELECT " + LINE_COLS + " FROM order_lines WHERE order_id IN (" + in
                + ") ORDER BY order_id, seq");
        for (int i = 0; i < orders.size(); i++) {
            ps.setLong(i + 1, orders.get(i).id());
        }
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(readLine(rs));
            }
        }
        return out;
    }

    private static OrderLine readLine(ResultSet rs) throws SQLException {
        return new OrderLine(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7),
                scaled(rs.getBigDecimal(8)), scaled(rs.getBigDecimal(9)), rs.getBoolean(10), rs.getString(11));
    }

    /**
     * @param holdReason why an ON_HOLD order waits (see V2__pipeline.sql); null for other statuses
     */
    public void updateStatus(Tx tx, long id, OrderStatus status, String holdReason, int revision, Instant now)
            throws SQLException {
        PreparedStatement ps = tx.prepare(
                "UPDATE orders SET status = ?, hold_reason = ?, revision = ?, updated_at = ? WHERE id = ?");
        writeStatus(tx, ps, 1, id, status, holdReason, revision, now);
    }

    /** Binds {@code status = ?, hold_reason = ?, revision = ?, updated_at = ? WHERE id = ?} from {@code from} and writes. */
    private static void writeStatus(Tx tx, PreparedStatement ps, int from, long id, OrderStatus status, String holdReason,
            int revision, Instant now) throws SQLException {
        ps.setString(from, status.name());
        ps.setString(from + 1, holdReason);
        ps.setInt(from + 2, revision);
        ts(ps, from + 3, now);
        ps.setLong(from + 4, id);
        tx.write(ps);
    }

    /** An order's status, hold reason and revision, locked for the rest of the transaction. */
    public Optional<State> lockState(Tx tx, long id) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT status, hold_reason, revision FROM orders WHERE id = ? FOR UPDATE");
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new State(OrderStatus.valueOf(rs.getString(1)), rs.getString(2), rs.getInt(3)))
                    : Optional.empty();
        }
    }

    public record State(OrderStatus status, String holdReason, int revision) {
    }

    /** The states of these orders (those that exist), locked in id order for the rest of the transaction; id -> state. */
    public java.util.Map<Long, State> lockStates(Tx tx, java.util.Collection<Long> ids) throws SQLException {
        java.util.Map<Long, State> out = new java.util.HashMap<>();
        List<Long> sorted = new ArrayList<>(new java.util.TreeSet<>(ids));
        for (int from = 0; from < sorted.size(); from += IN_CHUNK) {
            List<Long> chunk = sorted.subList(from, Math.min(sorted.size(), from + IN_CHUNK));
            PreparedStatement ps = tx.prepare("SELECT id, status, hold_reason, revision FROM orders WHERE id IN ("
                    + marks(chunk.size()) + ") ORDER BY id FOR UPDATE");
            for (int i = 0; i < chunk.size(); i++) {
                ps.setLong(i + 1, chunk.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), new State(OrderStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getInt(4)));
                }
            }
        }
        return out;
    }

    /**
     * The oldest orders matching {@code where} (a fixed SQL condition on {@code orders}, never user
     * input), with their lines, at most {@code limit}.
     */
    public List<Order> oldest(Tx tx, String where, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + COLS + " FROM orders WHERE " + where + " ORDER BY id LIMIT ?");
        ps.setInt(1, limit);
        List<Order> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(readRow(rs));
            }
        }
        return withLines(tx, rows);
    }

    /** The rows with their lines, loaded in one query. */
    private List<Order> withLines(Tx tx, List<Order> rows) throws SQLException {
        java.util.Map<Long, List<OrderLine>> lines = linesOf(tx, rows);
        java.util.Map<Long, List<Refund>> refunds = refunds(tx, rows.stream().map(Order::id).toList());
        List<Order> orders = new ArrayList<>(rows.size());
        for (Order o : rows) {
            orders.add(withRefunds(withLines(o, lines.getOrDefault(o.id(), List.of())),
                    refunds.getOrDefault(o.id(), List.of())));
        }
        return orders;
    }

    /**
     * Records a screening and the status it leads to in one write of the row: the risk level, the tags after the
     * fixes, the status, hold reason and revision (see {@link #updateStatus}).
     */
    public void screenedStatus(Tx tx, long id, RiskLevel risk, List<String> tags, OrderStatus status, String holdReason,
            int revision, Instant now) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE orders SET risk_level = ?, tags = ?, status = ?, hold_reason = ?, "
                + "revision = ?, updated_at = ? WHERE id = ?");
        ps.setString(1, risk.name());
        ps.setString(2, tags.isEmpty() ? null : String.join(",", tags));
        writeStatus(tx, ps, 3, id, status, holdReason, revision, now);
    }

    /** Records a screening: the risk level, the tags after the fixes, and a completed address if any. */
    public void screened(Tx tx, long orderId, RiskLevel risk, List<String> tags, Address address) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE orders SET risk_level = ?, tags = ? WHERE id = ?");
        ps.setString(1, risk.name());
        ps.setString(2, tags.isEmpty() ? null : String.join(",", tags));
        ps.setLong(3, orderId);
        tx.write(ps);
        completedAddress(tx, orderId, address);
    }

    /** The address a rule completed; nothing when null. */
    public void completedAddress(Tx tx, long orderId, Address address) throws SQLException {
        if (address != null) {
            PreparedStatement a = tx.prepare("UPDATE orders SET addr_country = ?, addr_province = ?, addr_city = ?, "
                    + "addr_district = ?, addr_street = ?, addr_detail = ?, addr_postcode = ? WHERE id = ?");
            a.setString(1, address.country());
            a.setString(2, address.province());
            a.setString(3, address.city());
            a.setString(4, address.district());
            a.setString(5, address.street());
            a.setString(6, address.detail());
            a.setString(7, address.postcode());
            a.setLong(8, orderId);
            tx.write(a);
        }
    }

    /** Replaces an order's lines (the caller audits and bumps the revision with a status change). */
    public void replaceLines(Tx tx, long orderId, List<OrderLine> lines) throws SQLException {
        PreparedStatement del = tx.prepare("DELETE FROM order_lines WHERE order_id = ?");
        del.setLong(1, orderId);
        tx.write(del);
        insertLines(tx, orderId, lines);
    }

    public void audit(Tx tx, long orderId, Instant at, Actor actor, String action, String field, String oldValue,
            String newValue, String reason) throws SQLException {
        PreparedStatement ps = tx.prepare("INSERT INTO audit (order_id, at, actor_type, actor_name, action, field, "
                + "old_value, new_value, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        ps.setLong(1, orderId);
        ts(ps, 2, at);
        ps.setString(3, actor.type().name());
        ps.setString(4, cut(actor.name(), 128));
        ps.setString(5, action);
        ps.setString(6, field);
        ps.setString(7, cut(oldValue, 2048));
        ps.setString(8, cut(newValue, 2048));
        ps.setString(9, cut(reason, 2048));
        tx.write(ps);
    }

    public List<AuditEntry> timeline(Tx tx, long orderId) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT id, order_id, at, actor_type, actor_name, action, field, old_value, "
                + "new_value, reason FROM audit WHERE order_id = ? ORDER BY id");
        ps.setLong(1, orderId);
        List<AuditEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new AuditEntry(rs.getLong(1), rs.getLong(2), instant(rs, 3),
                        new Actor(Actor.Type.valueOf(rs.getString(4)), rs.getString(5)), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10)));
            }
        }
        return out;
    }

    public void inbox(Tx tx, NormalizedOrder o, String source, String contentType, String payload, Instant at,
            String outcome, Long orderId) throws SQLException {
        PreparedStatement ps = tx.prepare("INSERT INTO inbox (channel, shop, platform_order_id, platform_version, "
                + "source, content_type, received_at, outcome, order_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        ps.setString(1, o.channel());
        ps.setString(2, o.shop());
        ps.setString(3, o.platformOrderId());
        ps.setLong(4, o.platformVersion());
        ps.setString(5, cut(source, 32));
        ps.setString(6, cut(contentType, 128));
        ts(ps, 7, at);
        ps.setString(8, outcome);
        if (orderId == null) {
            ps.setNull(9, Types.BIGINT);
        } else {
            ps.setLong(9, orderId);
        }
        ps.setString(10, payload);
        tx.write(ps);
    }

    public void outbox(Tx tx, String eventId, String type, long orderId, String orderKey, Instant at, String payload)
            throws SQLException {
        PreparedStatement ps = tx.prepare("INSERT INTO outbox (event_id, event_type, order_id, order_key, at, payload) "
                + "VALUES (?, ?, ?, ?, ?, ?)");
        ps.setString(1, eventId);
        ps.setString(2, type);
        ps.setLong(3, orderId);
        ps.setString(4, orderKey);
        ts(ps, 5, at);
        ps.setString(6, payload);
        tx.write(ps);
    }

    /** {@code n} placeholders for an {@code IN (...)} list: {@code ?, ?, ?}. */
    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static void ts(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, t.atOffset(java.time.ZoneOffset.UTC));
        }
    }

    static Instant instant(ResultSet rs, int i) throws SQLException {
        java.time.OffsetDateTime t = rs.getObject(i, java.time.OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static BigDecimal scaled(BigDecimal v) {
        return v == null ? null : v.stripTrailingZeros().scale() < 2 ? v.setScale(2, java.math.RoundingMode.UNNECESSARY)
                : v.stripTrailingZeros();
    }

    private static Order withRefunds(Order o, List<Refund> refunds) {
        if (refunds.isEmpty()) {
            return o;
        }
        return new Order(o.id(), o.status(), o.riskLevel(), o.receivedAt(), o.updatedAt(), o.revision(),
                o.content().withFacts(o.content().facts().withRefunds(refunds)));
    }

    private static Order withLines(Order o, List<OrderLine> lines) {
        return new Order(o.id(), o.status(), o.riskLevel(), o.receivedAt(), o.updatedAt(), o.revision(),
                o.content().withLines(lines));
    }

    /** One orders row as an Order whose lines are still empty; see {@link #withLines}. */
    private static Order readRow(ResultSet rs) throws SQLException {
        Buyer buyer = new Buyer(rs.getString(10), rs.getString(11), rs.getString(12));
        if (buyer.name() == null && buyer.phone() == null && buyer.platformBuyerId() == null) {
            buyer = null;
        }
        Address addr = new Address(rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
                rs.getString(17), rs.getString(18), rs.getString(19));
        if (addr.oneLine().isEmpty()) {
            addr = null;
        }
        Amounts amounts = new Amounts(rs.getString(20), scaled(rs.getBigDecimal(21)), scaled(rs.getBigDecimal(22)),
                scaled(rs.getBigDecimal(23)), scaled(rs.getBigDecimal(24)));
        String tags = rs.getString(32);
        NormalizedOrder content = new NormalizedOrder(rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), PaymentStatus.valueOf(rs.getString(9)), buyer, addr, List.of(), amounts,
                instant(rs, 25), instant(rs, 26), instant(rs, 27), rs.getString(30), rs.getString(31),
                tags == null ? List.of() : Arrays.asList(tags.split(",")), new ChannelFacts(
                        rs.getString(33) == null ? null : ChannelFacts.ChannelState.valueOf(rs.getString(33)), instant(rs, 34),
                        rs.getString(35), rs.getString(36)));
        return new Order(rs.getLong(1), OrderStatus.valueOf(rs.getString(7)), RiskLevel.valueOf(rs.getString(8)),
                instant(rs, 28), instant(rs, 29), rs.getInt(37), content);
    }
}

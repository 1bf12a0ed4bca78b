package org.ordertower.inventory.internal.push;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ordertower.api.inventory.ChannelAllocation;
import org.ordertower.jdbc.Tx;
import org.ordertower.inventory.internal.store.InList;

/** The batched reads of a push pass: kits of dirty parts, sellable stock, SKU settings, allocation rules, listings. */
final class PushStore {
    /** A SKU's low-stock and presale settings. */
    record SkuFacts(int lowStockThreshold, int presaleThreshold, int presaleQuota) {
    }

    /** A listing and the master SKU it sells, {@code factor} units a piece. */
    record Mapping(Listing listing, String itemId, String outerCode, String masterSku, int factor) {
    }

    private PushStore() {
    }

    /** Adds the kits made of the dirty parts to {@code affected}; returns every affected kit's parts. */
    static Map<String, Map<String, Integer>> kits(Tx tx, Collection<String> dirtySkus, Map<String, Instant> affected)
            throws SQLException {
        for (List<String> chunk : InList.chunks(dirtySkus)) {
            PreparedStatement ps = tx.prepare("SELECT kit_sku, part_sku FROM kit_part WHERE part_sku IN (" + InList.marks(chunk.size()) + ")");
            InList.bind(ps, 1, chunk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant at = affected.get(rs.getString(2));
                    affected.merge(rs.getString(1), at, (a, b) -> a.isBefore(b) ? a : b);
                }
            }
        }
        Map<String, Map<String, Integer>> parts = new HashMap<>();
        for (List<String> chunk : InList.chunks(affected.keySet())) {
            PreparedStatement ps = tx.prepare("SELECT kit_sku, part_sku, quantity FROM kit_part WHERE kit_sku IN ("
                    + InList.marks(chunk.size()) + ")");
            InList.bind(ps, 1, chunk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    parts.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getInt(3));
                }
            }
        }
        return parts;
    }

    static Map<String, Integer> sellable(Tx tx, Collection<String> skus) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        for (List<String> chunk : InList.chunks(skus)) {
            PreparedStatement ps = tx.prepare("SELECT sku, on_hand - reserved - safety FROM stock WHERE sku IN ("
                    + InList.marks(chunk.size()) + ")");
            InList.bind(ps, 1, chunk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.merge(rs.getString(1), Math.max(0, rs.getInt(2)), Integer::sum);
                }
            }
        }
        return out;
    }

    static Map<String, SkuFacts> facts(Tx tx, Collection<String> skus) throws SQLException {
        Map<String, SkuFacts> out = new HashMap<>();
        for (List<String> chunk : InList.chunks(skus)) {
            PreparedStatement ps = tx.prepare("SELECT code, low_stock_threshold, presale_threshold, presale_quota FROM sku WHERE code IN ("
                    + InList.marks(chunk.size()) + ")");
            InList.bind(ps, 1, chunk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new SkuFacts(rs.getInt(2), rs.getInt(3), rs.getInt(4)));
                }
            }
        }
        return out;
    }

    /** Per SKU, per channel: the SKU's own rule, else the channel's {@code *} rule. */
    static Map<String, Map<String, ChannelAllocation>> rules(Tx tx, Collection<String> skus) throws SQLException {
        Map<String, ChannelAllocation> defaults = new HashMap<>();
        Map<String, Map<String, ChannelAllocation>> own = new HashMap<>();
        List<String> keys = new ArrayList<>(skus);
        keys.add("*");
        for (List<String> chunk : InList.chunks(keys)) {
            PreparedStatement ps = tx.prepare("SELECT sku, channel, share_percent, cap, keep_units, buffer_units FROM channel_allocation "
                    + "WHERE sku IN (" + InList.marks(chunk.size()) + ")");
            InList.bind(ps, 1, chunk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ChannelAllocation a = new ChannelAllocation(rs.getString(1), rs.getString(2), rs.getObject(3, Integer.class),
                            rs.getObject(4, Integer.class), rs.getInt(5), rs.getInt(6));
                    if (a.sku().equals("*")) {
                        defaults.put(a.channel(), a);
                    } else {
                        own.computeIfAbsent(a.sku(), k -> new HashMap<>()).put(a.channel(), a);
                    }
                }
            }
        }
        Map<String, Map<String, ChannelAllocation>> out = new HashMap<>();
        for (String sku : skus) {
            Map<String, ChannelAllocation> m = new HashMap<>(defaults);
            m.putAll(own.getOrDefault(sku, Map.of()));
            out.put(sku, m);
        }
        return out;
    }

    static List<Mapping> mappings(Tx tx, Collection<String> skus) throws SQLException {
        List<Mapping> out = new ArrayList<>();
        for (List<String> chunk : InList.chunks(skus)) {
            PreparedStatement ps = tx.prepare("SELECT channel, shop, channel_sku, item_id, outer_code, master_sku, factor FROM sku_mapping "
                    + "WHERE master_sku IN (" + InList.marks(chunk.size()) + ") ORDER BY channel, shop, channel_sku");
            InList.bind(ps, 1, chunk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Mapping(new Listing(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7)));
                }
            }
        }
        return out;
    }
}

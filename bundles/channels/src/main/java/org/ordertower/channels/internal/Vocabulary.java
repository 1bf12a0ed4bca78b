package org.ordertower.channels.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.ordertower.api.channel.CarrierCode;
import org.ordertower.api.channel.ChannelConnector;
import org.ordertower.api.channel.ChannelConnector.Capability;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelListing;
import org.ordertower.api.channel.Listing;
import org.ordertower.api.channel.ListingPage;
import org.ordertower.api.channel.ListingReport;
import org.ordertower.api.channel.LogisticsCompany;
import org.ordertower.api.fulfilment.Carriers;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.inventory.SkuMapping;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.jdbc.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platforms' vocabularies the channel runtime keeps per shop (core migration V10), so fulfilment and inventory
 * speak OrderTower's words only:
 * <ul>
 * <li><b>carrier codes</b>: each shop's platform list of logistics companies ({@link ChannelConnector#logisticsCompanies})
 * matched to OrderTower's carrier codes by the platform's company code or one of the carrier's exact names
 * ({@link Carriers}); overrides from configuration win; a channel without a list takes OrderTower's codes as they are;
 * anything else is missing and reported, never guessed;</li>
 * <li><b>listings</b>: each shop's items and SKUs ({@link ChannelConnector#listings}), matched to the master SKU whose
 * code equals the listing's outer code; a matched listing becomes (or updates) the catalog mapping of its platform SKU
 * id, so stock pushes name the platform's item and SKU ids; an unmatched one is kept with its reason and reported.</li>
 * </ul>
 * Thread-safe: the tables are read into memory per shop after each download and read from there on every call.
 */
final class Vocabulary {
    private static final int PAGES_MAX = 10_000;
    private final Logger logger = LoggerFactory.getLogger(Vocabulary.class);
    private final Database db;
    private final Clock clock;
    private final Supplier<CatalogService> catalog;
    /** channel -> CARRIER -> platform code, from configuration. */
    private final Map<String, Map<String, String>> overrides;
    /** shop key -> the platform's companies. */
    private final Map<String, List<LogisticsCompany>> companies = new ConcurrentHashMap<>();
    /** shop key -> listings by SKU id. */
    private final Map<String, Map<String, ChannelListing>> listings = new ConcurrentHashMap<>();
    /** shop key -> the unmatched listings already reported (reported once each, again when they change). */
    private final Map<String, Map<String, String>> reported = new ConcurrentHashMap<>();

    Vocabulary(Database db, Clock clock, Supplier<CatalogService> catalog, String overrides) {
        this.db = db;
        this.clock = clock;
        this.catalog = catalog;
        this.overrides = parseOverrides(overrides);
    }

    /**
     * Parses {@code channel:CARRIER=code, ...}.
     *
     * @throws IllegalArgumentException naming the entry at fault
     */
    static Map<String, Map<String, String>> parseOverrides(String text) {
        Map<String, Map<String, String>> out = new HashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String entry : text.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int colon = e.indexOf(':');
            int eq = e.indexOf('=');
            if (colon <= 0 || eq < colon + 2 || eq == e.length() - 1) {
                throw new IllegalArgumentException("channel.carrier.overrides: '" + e
                        + "' is not channel:CARRIER=platform code (for example pdd:ZTO=115)");
            }
            String carrier = e.substring(colon + 1, eq).strip().toUpperCase(Locale.ROOT);
            if (!Carriers.known(carrier)) {
                throw new IllegalArgumentException("channel.carrier.overrides: '" + e + "' names carrier " + carrier
                        + ", which is not one of " + Carriers.codes());
            }
            out.computeIfAbsent(e.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new HashMap<>())
                    .put(carrier, e.substring(eq + 1).strip());
        }
        return out;
    }

    // ---- carriers

    /** Reads the shop's platform list of logistics companies and keeps it; a connector without one is skipped. */
    boolean refreshCarriers(ChannelConnector c) {
        if (!c.capabilities().contains(Capability.CARRIERS)) {
            return false;
        }
        List<LogisticsCompany> list = List.copyOf(c.logisticsCompanies());
        String channel = c.channelId();
        String shop = c.shop();
        Instant now = clock.instant();
        write(tx -> {
            PreparedStatement del = tx.prepare("DELETE FROM channel_carrier WHERE channel = ? AND shop = ?");
            del.setString(1, channel);
            del.setString(2, shop);
            del.executeUpdate();
            PreparedStatement in = tx.prepare("INSERT INTO channel_carrier (channel, shop, ship_code, code, name, fetched_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)");
            Map<String, LogisticsCompany> unique = new LinkedHashMap<>();
            list.forEach(l -> unique.putIfAbsent(l.shipCode(), l));
            for (LogisticsCompany l : unique.values()) {
                in.setString(1, channel);
                in.setString(2, shop);
                in.setString(3, cut(l.shipCode(), 64));
                in.setString(4, cut(l.code(), 64));
                in.setString(5, cut(l.name(), 128));
                in.setObject(6, now.atOffset(ZoneOffset.UTC));
                in.addBatch();
            }
            in.executeBatch();
            return null;
        });
        companies.put(ChannelRuntime.key(channel, shop), list);
        List<String> missing = Carriers.codes().stream().filter(k -> !translate(c, k).mapped()).toList();
        logger.info("Channel {} shop {}: {} logistics companies read{}", channel, shop, list.size(),
                missing.isEmpty() ? "" : "; no match for " + missing + " (channel:carriers)");
        return true;
    }

    /** How the shop's platform names {@code carrier}. */
    CarrierCode translate(ChannelConnector c, String carrier) {
        String channel = c.channelId();
        String shop = c.shop();
        String k = carrier == null ? "" : carrier.strip().toUpperCase(Locale.ROOT);
        String override = overrides.getOrDefault(channel, Map.of()).get(k);
        if (override != null) {
            return new CarrierCode(channel, shop, k, override, null, CarrierCode.CONFIG);
        }
        if (!c.capabilities().contains(Capability.CARRIERS)) {
            return new CarrierCode(channel, shop, k, k, null, CarrierCode.AS_IS);
        }
        List<LogisticsCompany> known = companies(channel, shop);
        List<LogisticsCompany> list = known == null ? List.of() : known;
        List<String> names = Carriers.names(k);
        Optional<LogisticsCompany> hit = list.stream().filter(l -> k.equalsIgnoreCase(l.code())).findFirst();
        if (hit.isEmpty()) {
            hit = list.stream().filter(l -> names.contains(l.name().strip())).findFirst();
        }
        return hit.map(l -> new CarrierCode(channel, shop, k, l.shipCode(), l.name(), CarrierCode.PLATFORM))
                .orElse(new CarrierCode(channel, shop, k, null, null, CarrierCode.MISSING));
    }

    private List<LogisticsCompany> companies(String channel, String shop) {
        return companies.computeIfAbsent(ChannelRuntime.key(channel, shop), key -> read(tx -> {
            PreparedStatement ps = tx.prepare("SELECT ship_code, code, name FROM channel_carrier WHERE channel = ? AND shop = ? "
                    + "ORDER BY ship_code");
            ps.setString(1, channel);
            ps.setString(2, shop);
            List<LogisticsCompany> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LogisticsCompany(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            return out.isEmpty() ? null : List.copyOf(out);
        }));
    }

    /** True when the shop's list is known (read from the platform now or earlier). */
    boolean hasCarriers(ChannelConnector c) {
        return companies(c.channelId(), c.shop()) != null;
    }

    // ---- listings

    /** Downloads the shop's listings, keeps them, matches them and saves the mappings of the matched ones. */
    ListingReport refreshListings(ChannelConnector c) {
        if (!c.capabilities().contains(Capability.LISTINGS)) {
            throw new IllegalArgumentException("channel " + c.channelId() + " cannot list its items");
        }
        CatalogService cat = catalog.get();
        if (cat == null) {
            throw new ChannelException(ChannelException.Kind.TRANSIENT, "the catalog is not installed yet: listings are "
                    + "matched once it is");
        }
        String channel = c.channelId();
        String shop = c.shop();
        Map<String, Listing> found = new LinkedHashMap<>();
        String page = null;
        int pages = 0;
        do {
            ListingPage p = c.listings(page);
            pages++;
            p.listings().forEach(l -> found.put(l.skuId(), l));
            page = p.next();
            if (pages > PAGES_MAX) {
                throw new ChannelException(ChannelException.Kind.PERMANENT, channel + " shop " + shop
                        + ": the listings do not end after " + PAGES_MAX + " pages");
            }
        } while (page != null);
        Instant now = clock.instant();
        Map<String, ChannelListing> before = listingsOf(channel, shop);
        Map<String, ChannelListing> after = new LinkedHashMap<>();
        List<SkuMapping> toSave = new ArrayList<>();
        for (Listing l : found.values()) {
            String master = null;
            String problem;
            if (l.outerCode() == null) {
                problem = "no outer code on the platform";
            } else {
                Optional<Sku> sku = cat.sku(l.outerCode());
                if (sku.isPresent()) {
                    master = sku.get().code();
                    problem = null;
                } else {
                    problem = "no master SKU with code " + l.outerCode();
                }
            }
            after.put(l.skuId(), new ChannelListing(channel, shop, l.itemId(), l.skuId(), l.outerCode(), l.title(), l.quantity(),
                    master, problem, now));
            if (master != null) {
                String m = master;
                Optional<SkuMapping> existing = cat.mappingsOf(master).stream().filter(x -> x.channel().equals(channel)
                        && x.shop().equals(shop) && x.channelSku().equals(l.skuId())).findFirst();
                if (existing.isEmpty() || !l.itemId().equals(existing.get().itemId())
                        || !l.outerCode().equals(existing.get().outerCode())) {
                    toSave.add(new SkuMapping(channel, shop, l.skuId(), l.itemId(), l.outerCode(), m,
                            existing.map(SkuMapping::factor).orElse(1)));
                }
            }
        }
        write(tx -> {
            PreparedStatement del = tx.prepare("DELETE FROM channel_listing WHERE channel = ? AND shop = ?");
            del.setString(1, channel);
            del.setString(2, shop);
            del.executeUpdate();
            PreparedStatement in = tx.prepare("INSERT INTO channel_listing (channel, shop, sku_id, item_id, outer_code, title, "
                    + "quantity, master_sku, problem, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            for (ChannelListing l : after.values()) {
                in.setString(1, channel);
                in.setString(2, shop);
                in.setString(3, cut(l.skuId(), 64));
                in.setString(4, cut(l.itemId(), 64));
                in.setString(5, cut(l.outerCode(), 128));
                in.setString(6, cut(l.title(), 512));
                if (l.quantity() == null) {
                    in.setNull(7, java.sql.Types.INTEGER);
                } else {
                    in.setInt(7, l.quantity());
                }
                in.setString(8, l.masterSku());
                in.setString(9, cut(l.problem(), 256));
                in.setObject(10, now.atOffset(ZoneOffset.UTC));
                in.addBatch();
            }
            in.executeBatch();
            return null;
        });
        listings.put(ChannelRuntime.key(channel, shop), Map.copyOf(after));
        // the mappings go to the catalog after the listings are stored: a push they cause finds the listing
        for (SkuMapping m : toSave) {
            cat.saveMapping(m);
        }
        int added = (int) after.keySet().stream().filter(k -> !before.containsKey(k)).count();
        int removed = (int) before.keySet().stream().filter(k -> !after.containsKey(k)).count();
        int matched = (int) after.values().stream().filter(ChannelListing::matched).count();
        reportUnmatched(channel, shop, after);
        ListingReport r = new ListingReport(channel, shop, pages, after.size(), matched, after.size() - matched, added, removed,
                toSave.size());
        if (added + removed + toSave.size() > 0) {
            logger.info("Channel {} shop {}: {} listings ({} matched, {} unmatched; {} new, {} gone; {} mappings saved)",
                    channel, shop, r.listings(), r.matched(), r.unmatched(), added, removed, toSave.size());
        }
        return r;
    }

    /** Each unmatched listing is logged once (and again when its reason changes): an operator must map it. */
    private void reportUnmatched(String channel, String shop, Map<String, ChannelListing> now) {
        Map<String, String> seen = reported.computeIfAbsent(ChannelRuntime.key(channel, shop), k -> new ConcurrentHashMap<>());
        seen.keySet().retainAll(now.keySet());
        for (ChannelListing l : now.values()) {
            if (l.matched()) {
                seen.remove(l.skuId());
            } else if (!l.problem().equals(seen.put(l.skuId(), l.problem()))) {
                logger.warn("Channel {} shop {}: listing {} (item {}, '{}') is not matched to a master SKU: {}; stock is not "
                        + "pushed to it and its orders go to review (channel:listings --unmatched)", channel, shop, l.skuId(),
                        l.itemId(), l.title(), l.problem());
            }
        }
    }

    /** The kept listings of one shop, by SKU id. */
    Map<String, ChannelListing> listingsOf(String channel, String shop) {
        return listings.computeIfAbsent(ChannelRuntime.key(channel, shop), key -> read(tx -> {
            PreparedStatement ps = tx.prepare("SELECT item_id, sku_id, outer_code, title, quantity, master_sku, problem, seen_at "
                    + "FROM channel_listing WHERE channel = ? AND shop = ? ORDER BY item_id, sku_id");
            ps.setString(1, channel);
            ps.setString(2, shop);
            Map<String, ChannelListing> out = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int q = rs.getInt(5);
                    Integer quantity = rs.wasNull() ? null : q;
                    out.put(rs.getString(2), new ChannelListing(channel, shop, rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), quantity, rs.getString(6), rs.getString(7),
                            rs.getObject(8, OffsetDateTime.class).toInstant()));
                }
            }
            return Map.copyOf(out);
        }));
    }

    /**
     * The update with the platform's item and SKU ids of its listing: found by the update's SKU id, else by its outer
     * code (a mapping keyed by the merchant's outer code). A channel that cannot list its items gets the update as it
     * is.
     *
     * @throws ChannelException PERMANENT when the shop's listings hold no such listing
     */
    StockUpdate resolve(ChannelConnector c, StockUpdate u) {
        if (!c.capabilities().contains(Capability.LISTINGS)) {
            return u;
        }
        Map<String, ChannelListing> shopListings = listingsOf(c.channelId(), c.shop());
        ChannelListing l = shopListings.get(u.channelSku());
        if (l == null) {
            List<ChannelListing> byCode = shopListings.values().stream().filter(x -> x.outerCode() != null
                    && (x.outerCode().equals(u.outerCode()) || x.outerCode().equals(u.channelSku()))).toList();
            if (byCode.size() == 1) {
                l = byCode.get(0);
            } else if (byCode.size() > 1) {
                throw new ChannelException(ChannelException.Kind.PERMANENT, c.channelId() + " shop " + c.shop() + ": "
                        + byCode.size() + " listings carry the outer code " + u.channelSku() + "; map each by its SKU id");
            }
        }
        if (l == null) {
            throw new ChannelException(ChannelException.Kind.PERMANENT, c.channelId() + " shop " + c.shop()
                    + " has no listing with SKU id or outer code " + u.channelSku() + " (channel:listings " + c.channelId()
                    + "; channel:listings --refresh downloads them again)");
        }
        return new StockUpdate(u.shop(), l.skuId(), l.itemId(), l.outerCode(), u.masterSku(), u.quantity(), u.presale(),
                u.changedAt());
    }

    private <T> T read(Database.Work<T> work) {
        return ChannelRuntime.read(db, work);
    }

    private <T> T write(Database.Work<T> work) {
        return ChannelRuntime.write(db, work);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}

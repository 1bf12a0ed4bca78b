package org.ordertower.inventory.internal.catalog;

import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.ordertower.api.OrderLine;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.CatalogTable;
import org.ordertower.api.inventory.GiftDecision;
import org.ordertower.api.inventory.GiftRule;
import org.ordertower.api.inventory.ImportReport;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.api.inventory.KitPart;
import org.ordertower.api.inventory.MappedLines;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.inventory.SkuMapping;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;
import org.ordertower.inventory.internal.catalog.GiftChecker.RuleRow;
import org.ordertower.inventory.internal.stock.SkuDirectory;

/**
 * The catalog on the inventory's tables. Thread-safe and stateless: every call is its own
 * transaction. A save locks the SKU rows it checks, so two saves cannot together break the kit
 * rules (a kit's parts are plain SKUs; a gift is never a kit).
 */
public final class DefaultCatalogService implements CatalogService {
    static final int MAX_PAGE = 1000;
    private static final long CACHE_MILLIS = 5_000;

    private final Database db;
    private final Clock clock;
    private final CatalogCsv csv;
    /** What {@link #map} needs, cached for a few seconds; cleared by every write through this service. */
    private final MappingCache mappingCache;
    private final GiftRuleCache giftRules;
    private final SkuDirectory skus;

    public DefaultCatalogService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.csv = new CatalogCsv(db, clock);
        this.mappingCache = new MappingCache(clock, CACHE_MILLIS);
        this.giftRules = new GiftRuleCache(clock, CACHE_MILLIS);
        this.skus = new SkuDirectory(db, clock, CACHE_MILLIS);
    }

    @Override
    public Optional<Sku> sku(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return read(tx -> CatalogStore.sku(tx, code));
    }

    @Override
    public List<Sku> skus(String afterCode, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InventoryException("limit " + limit + " must be between 1 and " + MAX_PAGE);
        }
        return read(tx -> CatalogStore.page(tx, afterCode, limit));
    }

    @Override
    public void saveSku(Sku sku) {
        Sku s = CatalogValidator.normalise(Objects.requireNonNull(sku, "sku"));
        write(tx -> {
            List<String> problems = CatalogValidator.skuProblems(s,
                    SkuRefs.load(tx, CatalogValidator.skuRefs(s), true));
            if (!problems.isEmpty()) {
                throw new InventoryException("cannot save SKU '" + s.code() + "': " + String.join("; ", problems));
            }
            CatalogStore.writeSkus(tx, List.of(s), clock.instant());
        });
    }

    @Override
    public void saveMapping(SkuMapping mapping) {
        SkuMapping m = CatalogValidator.normalise(Objects.requireNonNull(mapping, "mapping"));
        write(tx -> {
            List<String> problems = CatalogValidator.mappingProblems(m,
                    SkuRefs.load(tx, CatalogValidator.mappingRefs(m), true));
            if (!problems.isEmpty()) {
                throw new InventoryException("cannot save mapping " + m.channel() + "/" + m.shop() + "/"
                        + m.channelSku() + ": " + String.join("; ", problems));
            }
            CatalogStore.writeMappings(tx, List.of(m));
        });
    }

    @Override
    public List<SkuMapping> mappingsOf(String masterSku) {
        if (masterSku == null) {
            return List.of();
        }
        return read(tx -> CatalogStore.mappingsOf(tx, masterSku));
    }

    @Override
    public void saveGiftRule(GiftRule rule) {
        GiftRule r = CatalogValidator.normalise(Objects.requireNonNull(rule, "rule"));
        write(tx -> {
            List<String> problems = CatalogValidator.ruleProblems(r,
                    SkuRefs.load(tx, CatalogValidator.ruleRefs(r), true));
            if (!problems.isEmpty()) {
                throw new InventoryException("cannot save gift rule '" + r.id() + "': " + String.join("; ", problems));
            }
            CatalogStore.writeGiftRules(tx, List.of(r));
        });
    }

    @Override
    public List<GiftRule> giftRules() {
        return read(CatalogStore::giftRules);
    }

    @Override
    public MappedLines map(String channel, String shop, List<OrderLine> lines) {
        CatalogValidator.requireText(channel, "channel");
        CatalogValidator.requireText(shop, "shop");
        List<OrderLine> input = LineMapper.withoutExpandedParts(Objects.requireNonNull(lines, "lines"));
        Set<String> channelSkus = new LinkedHashSet<>();
        Set<String> manual = new LinkedHashSet<>();
        for (OrderLine l : input) {
            if (l.masterSku() != null) {
                manual.add(l.masterSku());
            } else if (l.channelSku() != null) {
                channelSkus.add(l.channelSku());
            } else {
                throw new InventoryException(
                        "order line " + l.lineNo() + " has neither a channel SKU nor a master SKU");
            }
        }
        Map<String, List<SkuMapping>> cached = mappingCache.get(channel, shop, channelSkus);
        List<String> missing = channelSkus.stream().filter(c -> !cached.containsKey(c)).toList();
        List<SkuMapping> found = new ArrayList<>();
        cached.values().forEach(found::addAll);
        if (!missing.isEmpty()) {
            List<SkuMapping> loaded = read(tx -> CatalogStore.mappings(tx, channel, shop, missing));
            mappingCache.put(channel, shop, missing, loaded);
            found.addAll(loaded);
        }
        LineMapper mapper = new LineMapper(found);
        Set<String> masters = new HashSet<>(manual);
        masters.addAll(mapper.masters());
        Map<String, List<KitPart>> parts = new HashMap<>();
        skus.lookup(masters).forEach((code, e) -> parts.put(code, e.parts()));
        return mapper.map(input, parts);
    }

    @Override
    public void prefetch(List<org.ordertower.api.NormalizedOrder> orders) {
        try {
            Map<List<String>, Set<String>> missing = new HashMap<>();
            Set<String> masters = new HashSet<>();
            for (org.ordertower.api.NormalizedOrder o : orders) {
                if (o.channel() == null || o.shop() == null || o.lines() == null) {
                    continue;
                }
                Set<String> codes = new LinkedHashSet<>();
                for (OrderLine l : o.lines()) {
                    if (l.masterSku() != null) {
                        masters.add(l.masterSku());
                    } else if (l.channelSku() != null) {
                        codes.add(l.channelSku());
                    }
                }
                Map<String, List<SkuMapping>> cached = mappingCache.get(o.channel(), o.shop(), codes);
                cached.values().forEach(ms -> ms.forEach(m -> masters.add(m.masterSku())));
                codes.removeAll(cached.keySet());
                if (!codes.isEmpty()) {
                    missing.computeIfAbsent(List.of(o.channel(), o.shop()), k -> new LinkedHashSet<>()).addAll(codes);
                }
            }
            if (!missing.isEmpty()) {
                Map<List<String>, List<SkuMapping>> loaded = read(tx -> {
                    Map<List<String>, List<SkuMapping>> out = new HashMap<>();
                    for (Map.Entry<List<String>, Set<String>> e : missing.entrySet()) {
                        out.put(e.getKey(), CatalogStore.mappings(tx, e.getKey().get(0), e.getKey().get(1), e.getValue()));
                    }
                    return out;
                });
                loaded.forEach((k, ms) -> {
                    mappingCache.put(k.get(0), k.get(1), missing.get(k), ms);
                    ms.forEach(m -> masters.add(m.masterSku()));
                });
            }
            skus.lookup(masters);
        } catch (RuntimeException e) {
            // a hint: map reads (or fails) on its own
        }
    }

    @Override
    public GiftDecision gifts(String channel, List<OrderLine> mappedLines, BigDecimal goodsPaid, Instant at) {
        Objects.requireNonNull(mappedLines, "mappedLines");
        if (goodsPaid == null) {
            throw new InventoryException("goodsPaid is required to check gift rules");
        }
        Instant when = at == null ? clock.instant() : at;
        Set<String> giftSkus = GiftChecker.requestedGifts(mappedLines);
        List<RuleRow> all = giftRules.fresh();
        if (all == null) {
            all = read(giftRules::load);
        }
        Map<String, RuleRow> rules = all != null ? GiftRuleCache.select(all, giftSkus, channel, when)
                : read(tx -> CatalogStore.rulesFor(tx, giftSkus, channel, when));
        return new GiftChecker(channel, mappedLines, goodsPaid, when).decide(rules.values());
    }

    @Override
    public ImportReport importCsv(CatalogTable table, Reader in, boolean dryRun) {
        try {
            return csv.importCsv(Objects.requireNonNull(table, "table"), Objects.requireNonNull(in, "in"), dryRun);
        } finally {
            forget();
        }
    }

    /** Drops what {@link #map} cached: the catalog may have changed. */
    private void forget() {
        mappingCache.clear();
        giftRules.clear();
        skus.invalidateAll();
    }

    @Override
    public void exportCsv(CatalogTable table, Writer out) {
        csv.exportCsv(Objects.requireNonNull(table, "table"), Objects.requireNonNull(out, "out"));
    }

    // ---- transactions

    interface TxAction {
        void run(Tx tx) throws SQLException;
    }

    private <T> T read(Database.Work<T> work) {
        try (Tx tx = db.begin()) {
            return work.run(tx);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the catalog: " + e.getMessage(), e);
        }
    }

    /** Runs a save and commits it durably; retried once when it lost a race with a concurrent save. */
    private void write(TxAction action) {
        for (int attempt = 1;; attempt++) {
            try (Tx tx = db.begin()) {
                action.run(tx);
                tx.commitDurably();
                forget();
                return;
            } catch (SQLException e) {
                if (attempt == 1 && lostRace(e)) {
                    continue;
                }
                throw new StoreUnavailableException("cannot save to the catalog: " + e.getMessage(), e);
            }
        }
    }

    /** A unique key inserted concurrently (UPDATE found no row, then INSERT collided), a deadlock, or serialization. */
    private static boolean lostRace(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if (state != null && (state.equals("23505") || state.startsWith("40"))) {
                return true;
            }
        }
        return false;
    }
}

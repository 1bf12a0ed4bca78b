package org.ordertower.inventory.internal.catalog;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.ordertower.api.inventory.KitPart;
import org.ordertower.api.inventory.Sku;
import org.ordertower.jdbc.Tx;

/** The SKU table as CSV, kit parts in one cell as {@code SKU*2;SKU*1}. */
final class SkuCsvFormat implements CsvFormat<Sku> {
    @Override
    public List<String> columns() {
        return List.of("code", "name", "barcode", "base_price", "weight_g", "attributes", "cold_chain", "parts",
                "low_stock_threshold", "presale_threshold", "presale_quota");
    }

    @Override
    public Sku parse(CsvCells c) {
        Map<String, String> attributes = Map.of();
        try {
            attributes = CatalogFormats.parseAttributes(c.text("attributes"));
        } catch (IllegalArgumentException e) {
            c.problems.add(e.getMessage());
        }
        return CatalogValidator.normalise(new Sku(c.text("code"), c.text("name"), c.text("barcode"),
                c.decimal("base_price", BigDecimal.ZERO), c.integer("weight_g", 0), attributes,
                c.bool("cold_chain"), parts(c), c.integer("low_stock_threshold", 0),
                c.integer("presale_threshold", 0), c.integer("presale_quota", 0)));
    }

    private static List<KitPart> parts(CsvCells c) {
        String text = c.text("parts");
        List<KitPart> parts = new ArrayList<>();
        if (text.isEmpty()) {
            return parts;
        }
        for (String entry : text.split(";", -1)) {
            int star = entry.lastIndexOf('*');
            try {
                int quantity = Integer.parseInt(entry.substring(star + 1).strip());
                parts.add(new KitPart(entry.substring(0, star), quantity));
            } catch (RuntimeException e) {
                c.problems.add("parts entry '" + entry + "' must be SKU*quantity");
            }
        }
        return parts;
    }

    @Override
    public List<String> format(Sku s) {
        String parts = s.parts().stream().map(p -> p.sku() + "*" + p.quantity()).collect(Collectors.joining(";"));
        return List.of(s.code(), s.name(), Objects.toString(s.barcode(), ""),
                CatalogFormats.money(s.basePrice()).toPlainString(), Integer.toString(s.weightGrams()),
                CatalogFormats.formatAttributes(s.attributes()), Boolean.toString(s.coldChain()), parts,
                Integer.toString(s.lowStockThreshold()), Integer.toString(s.presaleThreshold()),
                Integer.toString(s.presaleQuota()));
    }

    @Override
    public String key(Sku s) {
        return s.code();
    }

    @Override
    public String describe(Sku s) {
        return "code " + s.code();
    }

    @Override
    public Set<String> refs(Sku s) {
        return CatalogValidator.skuRefs(s);
    }

    @Override
    public void define(SkuRefs refs, List<Sku> skus) {
        skus.forEach(refs::define);
    }

    @Override
    public List<String> problems(Sku s, SkuRefs refs) {
        return CatalogValidator.skuProblems(s, refs);
    }

    @Override
    public int write(Tx tx, List<Sku> skus, Instant now) throws SQLException {
        return CatalogStore.writeSkus(tx, skus, now);
    }

    @Override
    public void export(Tx tx, Writer out) throws SQLException, IOException {
        String after = null;
        while (true) {
            List<Sku> page = CatalogStore.page(tx, after, DefaultCatalogService.MAX_PAGE);
            for (Sku s : page) {
                Csv.write(out, format(s));
            }
            if (page.size() < DefaultCatalogService.MAX_PAGE) {
                return;
            }
            after = page.get(page.size() - 1).code();
        }
    }
}

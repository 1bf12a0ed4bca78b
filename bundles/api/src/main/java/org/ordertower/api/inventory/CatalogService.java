package org.ordertower.api.inventory;

import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.ordertower.api.OrderLine;

/**
 * The master SKU catalog: SKUs and kits, channel SKU mappings and gift rules. Thread-safe. Every
 * write is one transaction; bad input throws {@link InventoryException} and changes nothing.
 */
public interface CatalogService {

    Optional<Sku> sku(String code);

    /** SKUs by code, after {@code afterCode} (null for the first page), at most {@code limit}. */
    List<Sku> skus(String afterCode, int limit);

    /** Inserts or replaces a SKU. Kit parts must be existing plain SKUs. */
    void saveSku(Sku sku);

    /** Inserts or replaces the mapping with the same channel, shop and channel SKU. */
    void saveMapping(SkuMapping mapping);

    /** The mappings that sell this master SKU directly (listings of kits that contain it are not included). */
    List<SkuMapping> mappingsOf(String masterSku);

    /** Inserts or replaces a gift rule. */
    void saveGiftRule(GiftRule rule);

    List<GiftRule> giftRules();

    /**
     * Maps an order's lines through the catalog. Never guesses: a line whose channel SKU has no
     * mapping for this channel and shop is reported in {@link MappedLines#unmapped()}.
     */
    MappedLines map(String channel, String shop, List<OrderLine> lines);

    /**
     * Readies the catalog to {@link #map} these orders' lines, reading what it does not hold fresh in a few queries for
     * all of them, instead of one or more per order. A hint only: {@link #map} answers the same without it, and this
     * never throws for a store that cannot be read (map then reads, or fails, as ever).
     */
    default void prefetch(List<org.ordertower.api.NormalizedOrder> orders) {
    }

    /**
     * Checks the gift lines of a mapped order against the gift rules and lists the gifts to add.
     *
     * @param goodsPaid what the buyer paid for the non-gift lines
     */
    GiftDecision gifts(String channel, List<OrderLine> mappedLines, BigDecimal goodsPaid, Instant at);

    /**
     * Imports a CSV file (UTF-8, a header row, RFC 4180 quoting). Every row is validated first; if
     * any is bad nothing is written and the report lists every bad row.
     *
     * @param dryRun validate only
     */
    ImportReport importCsv(CatalogTable table, Reader csv, boolean dryRun);

    /** Writes the whole table as CSV in the format {@link #importCsv} reads. */
    void exportCsv(CatalogTable table, Writer out);
}

package org.ordertower.core.internal;

import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.ordertower.api.OrderLine;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.CatalogTable;
import org.ordertower.api.inventory.GiftDecision;
import org.ordertower.api.inventory.GiftRule;
import org.ordertower.api.inventory.ImportReport;
import org.ordertower.api.inventory.MappedLines;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.inventory.SkuMapping;

/**
 * A catalog for core's unit tests that answers nothing: each test catalog overrides what its code under test asks, so
 * an unexpected question fails loudly. (The real catalog lives in the inventory bundle, whose flow tests use it.)
 */
public abstract class AnswersNothingCatalog implements CatalogService {
    @Override
    public Optional<Sku> sku(String code) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Sku> skus(String afterCode, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void saveSku(Sku sku) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void saveMapping(SkuMapping mapping) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<SkuMapping> mappingsOf(String masterSku) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void saveGiftRule(GiftRule rule) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<GiftRule> giftRules() {
        throw new UnsupportedOperationException();
    }

    @Override
    public MappedLines map(String channel, String shop, List<OrderLine> lines) {
        throw new UnsupportedOperationException();
    }

    @Override
    public GiftDecision gifts(String channel, List<OrderLine> mappedLines, BigDecimal goodsPaid, Instant at) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ImportReport importCsv(CatalogTable table, Reader csv, boolean dryRun) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void exportCsv(CatalogTable table, Writer out) {
        throw new UnsupportedOperationException();
    }
}

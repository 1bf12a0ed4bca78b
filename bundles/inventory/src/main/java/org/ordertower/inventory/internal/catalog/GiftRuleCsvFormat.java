package org.ordertower.inventory.internal.catalog;

import java.io.IOException;
import java.io.Writer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.ordertower.api.inventory.GiftRule;
import org.ordertower.jdbc.Tx;

/** The gift rule table as CSV. */
final class GiftRuleCsvFormat implements CsvFormat<GiftRule> {
    @Override
    public List<String> columns() {
        return List.of("id", "gift_sku", "quantity", "main_sku", "min_amount", "channel", "valid_from", "valid_to",
                "auto_add");
    }

    @Override
    public GiftRule parse(CsvCells c) {
        return CatalogValidator.normalise(new GiftRule(c.text("id"), c.text("gift_sku"),
                c.required("quantity"), c.text("main_sku"), c.decimal("min_amount", null), c.text("channel"),
                c.instant("valid_from"), c.instant("valid_to"), c.bool("auto_add")));
    }

    @Override
    public List<String> format(GiftRule r) {
        return List.of(r.id(), r.giftSku(), Integer.toString(r.quantity()), Objects.toString(r.mainSku(), ""),
                r.minAmount() == null ? "" : CatalogFormats.money(r.minAmount()).toPlainString(),
                Objects.toString(r.channel(), ""), Objects.toString(r.validFrom(), ""),
                Objects.toString(r.validTo(), ""), Boolean.toString(r.autoAdd()));
    }

    @Override
    public String key(GiftRule r) {
        return r.id();
    }

    @Override
    public String describe(GiftRule r) {
        return "gift rule id " + r.id();
    }

    @Override
    public Set<String> refs(GiftRule r) {
        return CatalogValidator.ruleRefs(r);
    }

    @Override
    public List<String> problems(GiftRule r, SkuRefs refs) {
        return CatalogValidator.ruleProblems(r, refs);
    }

    @Override
    public int write(Tx tx, List<GiftRule> rules, Instant now) throws SQLException {
        return CatalogStore.writeGiftRules(tx, rules);
    }

    @Override
    public void export(Tx tx, Writer out) throws SQLException, IOException {
        PreparedStatement ps = tx.prepare(CatalogStore.ruleSelect());
        ps.setFetchSize(EXPORT_FETCH);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Csv.write(out, format(CatalogStore.rule(rs)));
            }
        }
    }
}

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

import org.ordertower.api.inventory.SkuMapping;
import org.ordertower.jdbc.Tx;

/** The SKU mapping table (channel SKU to master SKU) as CSV. */
final class MappingCsvFormat implements CsvFormat<SkuMapping> {
    @Override
    public List<String> columns() {
        return List.of("channel", "shop", "channel_sku", "item_id", "outer_code", "master_sku", "factor");
    }

    @Override
    public SkuMapping parse(CsvCells c) {
        return CatalogValidator.normalise(new SkuMapping(c.text("channel"), c.text("shop"),
                c.text("channel_sku"), c.text("item_id"), c.text("outer_code"), c.text("master_sku"),
                c.required("factor")));
    }

    @Override
    public List<String> format(SkuMapping m) {
        return List.of(m.channel(), m.shop(), m.channelSku(), Objects.toString(m.itemId(), ""),
                Objects.toString(m.outerCode(), ""), m.masterSku(), Integer.toString(m.factor()));
    }

    @Override
    public String key(SkuMapping m) {
        return m.channel() + "\u0000" + m.shop() + "\u0000" + m.channelSku();
    }

    @Override
    public String describe(SkuMapping m) {
        return "mapping " + m.channel() + "/" + m.shop() + "/" + m.channelSku();
    }

    @Override
    public Set<String> refs(SkuMapping m) {
        return CatalogValidator.mappingRefs(m);
    }

    @Override
    public List<String> problems(SkuMapping m, SkuRefs refs) {
        return CatalogValidator.mappingProblems(m, refs);
    }

    @Override
    public int write(Tx tx, List<SkuMapping> mappings, Instant now) throws SQLException {
        return CatalogStore.writeMappings(tx, mappings);
    }

    @Override
    public void export(Tx tx, Writer out) throws SQLException, IOException {
        PreparedStatement ps = tx.prepare(CatalogStore.mappingSelect());
        ps.setFetchSize(EXPORT_FETCH);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Csv.write(out, format(new SkuMapping(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7))));
            }
        }
    }
}

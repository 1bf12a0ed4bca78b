package org.ordertower.inventory.internal.catalog;

import static org.junit.jupiter.api.Assertions.*;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.inventory.CatalogTable;
import org.ordertower.api.inventory.GiftRule;
import org.ordertower.api.inventory.ImportReport;
import org.ordertower.api.inventory.ImportReport.RowError;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.api.inventory.KitPart;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.inventory.SkuMapping;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.jdbc.Database;
import org.ordertower.inventory.internal.store.InventorySchema;

class CatalogCsvTest {
    private static final String SKU_HEADER = "code,name,barcode,base_price,weight_g,attributes,cold_chain,parts,"
            + "low_stock_threshold,presale_threshold,presale_quota\n";

    private static String export(CatalogFixture f, CatalogTable table) {
        StringWriter out = new StringWriter();
        f.catalog.exportCsv(table, out);
        return out.toString();
    }

    private static ImportReport load(CatalogFixture f, CatalogTable table, String csv, boolean dryRun) {
        return f.catalog.importCsv(table, new StringReader(csv), dryRun);
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void exportImportExportGivesTheSameFiles(String kind) throws Exception {
        CatalogFixture source = new CatalogFixture(kind);
        source.catalog.saveSku(new Sku("TEA", "Green tea, \"Longjing\"\n250 g", "6901234567890", new BigDecimal("88.5"),
                260, Map.of("grade", "A, first pick", "origin", "Hangzhou"), false, List.of(), 10, 5, 50));
        source.catalog.saveSku(Sku.plain("CUP", "Cup", new BigDecimal("12.3456")));
        source.catalog.saveSku(new Sku("SET", "Tea set", null, new BigDecimal("100"), 900, Map.of(), true,
                List.of(new KitPart("TEA", 2), new KitPart("CUP", 4)), 0, 0, 0));
        source.catalog.saveMapping(new SkuMapping("tmall", "s1", "T-SET", "item,1", null, "SET", 1));
        source.catalog.saveMapping(new SkuMapping("jd", "s9", "J-TEA", null, "OC-TEA", "TEA", 6));
        source.catalog.saveGiftRule(new GiftRule("summer", "CUP", 1, "TEA", new BigDecimal("199"), "tmall",
                Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-07-01T00:00:00Z"), true));
        source.catalog.saveGiftRule(new GiftRule("always", "CUP", 2, null, null, null, null, null, false));

        String skus = export(source, CatalogTable.SKUS);
        String mappings = export(source, CatalogTable.MAPPINGS);
        String gifts = export(source, CatalogTable.GIFTS);
        assertEquals(SKU_HEADER.replace("\n", "\r\n")
                + "CUP,Cup,,12.3456,0,,false,,0,0,0\r\n"
                + "SET,Tea set,,100.00,900,,true,CUP*4;TEA*2,0,0,0\r\n"
                + "TEA,\"Green tea, \"\"Longjing\"\"\n250 g\",6901234567890,88.50,260,\"grade=A, first pick;origin=Hangzhou\","
                + "false,,10,5,50\r\n", skus);
        assertEquals("channel,shop,channel_sku,item_id,outer_code,master_sku,factor\r\n"
                + "jd,s9,J-TEA,,OC-TEA,TEA,6\r\n"
                + "tmall,s1,T-SET,\"item,1\",,SET,1\r\n", mappings);
        assertEquals("id,gift_sku,quantity,main_sku,min_amount,channel,valid_from,valid_to,auto_add\r\n"
                + "always,CUP,2,,,,,,false\r\n"
                + "summer,CUP,1,TEA,199.00,tmall,2024-06-01T00:00:00Z,2024-07-01T00:00:00Z,true\r\n", gifts);

        CatalogFixture target = new CatalogFixture(kind);
        assertEquals(new ImportReport(CatalogTable.SKUS, 3, 3, 0, List.of(), true),
                load(target, CatalogTable.SKUS, skus, false));
        assertEquals(new ImportReport(CatalogTable.MAPPINGS, 2, 2, 0, List.of(), true),
                load(target, CatalogTable.MAPPINGS, mappings, false));
        assertEquals(new ImportReport(CatalogTable.GIFTS, 2, 2, 0, List.of(), true),
                load(target, CatalogTable.GIFTS, gifts, false));
        assertEquals(skus, export(target, CatalogTable.SKUS));
        assertEquals(mappings, export(target, CatalogTable.MAPPINGS));
        assertEquals(gifts, export(target, CatalogTable.GIFTS));
        assertEquals(source.catalog.sku("TEA"), target.catalog.sku("TEA"));

        var before = target.snapshot();
        assertEquals(new ImportReport(CatalogTable.SKUS, 3, 0, 3, List.of(), true),
                load(target, CatalogTable.SKUS, skus, false), "importing the same file again updates every row");
        assertEquals(before, target.snapshot());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void reportsEveryBadRowAndWritesNothing(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        f.plain("OLD");
        var before = f.snapshot();
        String csv = SKU_HEADER
                + "A,Apple,,1.00,100,,false,,0,0,0\n" // line 2: good
                + "B,Banana,,-2,100,,false,,0,0,0\n" // line 3: negative price
                + "K,Kit,,5,0,,false,A*1;OLD*2,0,0,0\n" // line 4: good, parts from the file and the table
                + "K2,Kit 2,,5,0,,false,A*1;GHOST*1,0,0,0\n" // line 5: unknown part
                + "\n" // line 6: blank, skipped
                + "A,Apple again,,1.00,100,,false,,0,0,0\n" // line 7: duplicate
                + "C,Cherry,,1,1,size=S,true,,0,0,0\n"; // line 8: good

        ImportReport r = load(f, CatalogTable.SKUS, csv, false);

        assertFalse(r.applied());
        assertEquals(6, r.rows());
        assertEquals(List.of(3, 5, 7), r.errors().stream().map(RowError::line).toList(), r.errors().toString());
        assertEquals("base_price -2 must not be negative", r.errors().get(0).reason());
        assertEquals("kit part GHOST does not exist", r.errors().get(1).reason());
        assertEquals("duplicate code A (first on line 2)", r.errors().get(2).reason());
        assertEquals(before, f.snapshot());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void readsQuotedFieldsWithCommasLineBreaksAndQuotes(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        String csv = "\uFEFF" + SKU_HEADER.replace("\n", "\r\n")
                + "\"A\",\"Tea, green\r\n\"\"premium\"\"\",\"\",\"3.5\",0,\"note=a, b\",true,,0,0,0\r\n"
                + "B,plain,,1,0,,,,,,\r\n";
        ImportReport r = load(f, CatalogTable.SKUS, csv, false);
        assertEquals(List.of(), r.errors());
        assertEquals(new Sku("A", "Tea, green\r\n\"premium\"", null, new BigDecimal("3.50"), 0, Map.of("note", "a, b"),
                true, List.of(), 0, 0, 0), f.catalog.sku("A").orElseThrow());
        assertEquals(Sku.plain("B", "plain", new BigDecimal("1.00")), f.catalog.sku("B").orElseThrow(),
                "empty cells read as null, 0 or false");
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void aWrongHeaderIsReportedOnLineOne(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        var before = f.snapshot();
        ImportReport r = load(f, CatalogTable.MAPPINGS,
                "channel,shop,sku,item_id,outer_code,master_sku\nc,s,x,,,A\n", false);
        assertFalse(r.applied());
        assertEquals(1, r.errors().size());
        assertEquals(1, r.errors().get(0).line());
        assertEquals("the header must be exactly channel,shop,channel_sku,item_id,outer_code,master_sku,factor: "
                + "column 3 is 'sku', expected 'channel_sku'; column factor is missing", r.errors().get(0).reason());
        assertEquals(1, load(f, CatalogTable.GIFTS, "", false).errors().get(0).line());
        assertEquals(before, f.snapshot());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void aDryRunValidatesAndWritesNothing(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        f.plain("A");
        var before = f.snapshot();
        String csv = "channel,shop,channel_sku,item_id,outer_code,master_sku,factor\ntmall,s1,T-A,,,A,2\n";

        assertEquals(new ImportReport(CatalogTable.MAPPINGS, 1, 0, 0, List.of(), false),
                load(f, CatalogTable.MAPPINGS, csv, true));
        assertEquals(before, f.snapshot());

        ImportReport bad = load(f, CatalogTable.MAPPINGS, csv + "tmall,s1,T-B,,,B,1\ntmall,s1,T-C,,,A,\n", true);
        assertEquals(List.of(new RowError(3, "master_sku 'B' does not exist"), new RowError(4, "factor is required")),
                bad.errors(), "a mappings file cannot define SKUs");

        assertTrue(load(f, CatalogTable.MAPPINGS, csv, false).applied());
        assertEquals(List.of(new SkuMapping("tmall", "s1", "T-A", null, null, "A", 2)), f.catalog.mappingsOf("A"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void kitsMayComeBeforeTheirPartsInOneFile(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        f.plain("OLD");
        String csv = SKU_HEADER
                + "BOX,Gift box,,99,0,,false,P2*1;P1*2;OLD*1,0,0,0\n"
                + "P1,Part 1,,1,0,,false,,0,0,0\n"
                + "P2,Part 2,,1,0,,false,,0,0,0\n"
                + "OLD,Old one,,1,0,,false,,0,0,0\n";
        ImportReport r = load(f, CatalogTable.SKUS, csv, false);
        assertEquals(new ImportReport(CatalogTable.SKUS, 4, 3, 1, List.of(), true), r);
        assertEquals(List.of(new KitPart("OLD", 1), new KitPart("P1", 2), new KitPart("P2", 1)),
                f.catalog.sku("BOX").orElseThrow().parts());

        ImportReport nested = load(f, CatalogTable.SKUS, SKU_HEADER
                + "OUTER,Outer,,1,0,,false,BOX*1,0,0,0\n"
                + "P1,Part 1 as kit,,1,0,,false,P2*1,0,0,0\n", false);
        assertEquals(List.of(new RowError(2, "kit part BOX is itself a kit; parts must be plain SKUs"),
                new RowError(3, "P1 is a part of kit BOX and cannot become a kit")), nested.errors());

        ImportReport unpacked = load(f, CatalogTable.SKUS, SKU_HEADER
                + "P1,Part 1 as kit,,1,0,,false,P2*1,0,0,0\n"
                + "BOX,Gift box,,99,0,,false,P2*3,0,0,0\n", false);
        assertEquals(List.of(), unpacked.errors(), "P1 may become a kit when the same file takes it out of BOX");
        assertEquals(List.of(new KitPart("P2", 1)), f.catalog.sku("P1").orElseThrow().parts());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void aFailedWriteAppliesNothing(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        try (Connection c = f.dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE sku ADD CONSTRAINT no_zzz CHECK (code <> 'ZZZ')");
        }
        var before = f.snapshot();
        String csv = SKU_HEADER + "A,a,,1,0,,false,,0,0,0\nZZZ,z,,1,0,,false,,0,0,0\n";
        InventoryException e = assertThrows(InventoryException.class, () -> load(f, CatalogTable.SKUS, csv, false));
        assertTrue(e.getMessage().startsWith("the SKUS import failed and nothing of it was applied"), e.getMessage());
        assertEquals(before, f.snapshot());
    }

    @Test
    void aDatabaseOutageIsNotBlamedOnTheFile() throws Exception {
        BasicDataSource pool = TestDatabases.pooled("h2", 2);
        InventorySchema.migrator(pool).migrate();
        DefaultCatalogService catalog = new DefaultCatalogService(new Database(pool), Clock.systemUTC());
        pool.close(); // every connection is refused from now on
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                () -> catalog.importCsv(CatalogTable.SKUS, new StringReader(SKU_HEADER + "A,a,,1,0,,false,,0,0,0\n"), false));
        assertTrue(e.getMessage().startsWith("the SKUS import could not be written and nothing of it was applied"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void giftFilesAreCheckedLikeSaves(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        f.plain("G");
        f.plain("P");
        f.kit("K", new KitPart("P", 1));
        String header = "id,gift_sku,quantity,main_sku,min_amount,channel,valid_from,valid_to,auto_add\n";
        ImportReport r = load(f, CatalogTable.GIFTS, header
                + "r1,G,1,,,,2024-06-01T00:00:00Z,2024-07-01T00:00:00+08:00,true\n"
                + "r2,K,1,,,,,,false\n"
                + "r3,G,1,,,,yesterday,,false\n"
                + "r4,G,1,,,,2024-07-01T00:00:00Z,2024-06-01T00:00:00Z,false\n"
                + "r5,G,0,,12.345678,,,,yes\n", false);
        assertEquals(List.of(new RowError(3, "gift_sku 'K' is a kit; a gift must be a plain SKU"),
                new RowError(4, "valid_from 'yesterday' is not an ISO-8601 instant such as 2024-06-18T00:00:00Z"),
                new RowError(5, "valid_from 2024-07-01T00:00:00Z must be before valid_to 2024-06-01T00:00:00Z"),
                new RowError(6, "auto_add 'yes' must be true or false")), r.errors());

        assertTrue(load(f, CatalogTable.GIFTS, header + "r1,G,1,,,,,2024-07-01T00:00:00+08:00,true\n", false).applied());
        assertEquals(Instant.parse("2024-06-30T16:00:00Z"), f.catalog.giftRules().get(0).validTo());

        ImportReport zero = load(f, CatalogTable.GIFTS, header + "r5,G,0,,12.345678,,,,true\n", false);
        assertEquals(List.of(new RowError(2, "quantity 0 must be at least 1; min_amount 12.345678 has more than 4 decimals")),
                zero.errors(), "every problem of a row is named");
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void anUnterminatedQuoteIsReportedWithItsLine(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        f.plain("G");
        ImportReport r = load(f, CatalogTable.GIFTS, "id,gift_sku,quantity,main_sku,min_amount,channel,valid_from,"
                + "valid_to,auto_add\nr1,G,1,,,,,,true\nr2,\"G,1,,,,,,true\nr3,G,1,,,,,,true\n", false);
        assertEquals(1, r.errors().size());
        assertEquals(3, r.errors().get(0).line());
        assertTrue(r.errors().get(0).reason().startsWith("unterminated quote"), r.errors().toString());
        assertEquals(List.of(), f.catalog.giftRules());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2" })
    void aFileOverTheRowCapIsRefused(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        StringBuilder csv = new StringBuilder(SKU_HEADER);
        for (int i = 0; i <= CatalogCsv.MAX_ROWS; i++) {
            csv.append("S").append(i).append(",n,,1,0,,false,,0,0,0\n");
        }
        ImportReport r = load(f, CatalogTable.SKUS, csv.toString(), true);
        assertEquals(List.of(new RowError(CatalogCsv.MAX_ROWS + 2,
                "the file has more than 100000 data rows; split it into smaller files")), r.errors());
        assertFalse(r.applied());
    }
}

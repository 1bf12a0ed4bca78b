package org.ordertower.channels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.CarrierCode;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelListing;
import org.ordertower.api.channel.ListingReport;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.inventory.SkuMapping;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.channel.pdd.internal.PddConnector;
import org.ordertower.channel.pdd.internal.PddSettings;
import org.ordertower.sim.pdd.PddSimulator;
import org.ordertower.sim.kit.FakeData;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.core.internal.AnswersNothingCatalog;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.intake.DefaultOrderService;
import org.ordertower.core.internal.intake.GroupCommitWriter;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.jdbc.Database;
import org.ordertower.core.spi.http.OrderJson;

/**
 * The platform vocabularies of the channel runtime against the Pinduoduo connector and its strict simulator over HTTP:
 * OrderTower's carrier codes become PDD's numeric logistics ids before the ship call, an override wins, a carrier with
 * no company is reported, never sent; listings become mappings by outer code, an unmatched one is reported and never
 * guessed, and stock pushes carry the listing's goods and SKU ids.
 */
class VocabularyTest {
    private static final String SHOP = "mall-7";
    private final List<AutoCloseable> open = new ArrayList<>();
    private PddSimulator sim;
    private Database db;
    private DefaultOrderService orders;
    private final Catalog catalog = new Catalog();

    @BeforeEach
    void setUp() throws Exception {
        sim = PddSimulator.start(new SimulatorOptions(0, 0, false, Map.of("appKey", "pdd-vocab-" + System.nanoTime(),
                "appSecret", "vocab-secret", "shop", SHOP, "ratePerSecond", "1000")));
        open.add(sim);
        DataSource ds = TestDatabases.h2();
        db = new Database(ds);
        OrderStore.migrator(ds).migrate();
        OrderStore store = new OrderStore();
        OrderIntake intake = new OrderIntake(store, new OrderJson());
        GroupCommitWriter writer = new GroupCommitWriter(db, intake, Clock.systemUTC(), () -> { }, 256, 20_000, 30_000);
        open.add(writer::close);
        orders = new DefaultOrderService(db, store, intake, writer, Clock.systemUTC(), () -> Set.of("pdd"), () -> { });
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private ChannelRuntime runtime(String overrides) {
        ChannelRuntime r = new ChannelRuntime(db, orders, Clock.systemUTC(), new ChannelRuntime.Options("node-a",
                Duration.ofHours(1), Duration.ofSeconds(2), 2, 3, Duration.ofDays(7), false),
                new ChannelRuntime.Vocabularies(() -> catalog, overrides, Duration.ZERO, Duration.ZERO));
        open.add(r);
        r.add(new PddConnector(new PddSettings(sim.gatewayUrl(), sim.clientId(), sim.clientSecret(), SHOP, sim.accessToken(),
                sim.refreshToken(), null, null, 1000, 1000, Duration.ofSeconds(10), 100, Clock.systemUTC())));
        return r;
    }

    private SimOrder paidOrder() {
        SimOrder o = sim.book().create();
        sim.book().pay(o.orderId);
        return sim.book().get(o.orderId).orElseThrow();
    }

    private static String sn(SimOrder o) {
        return java.time.format.DateTimeFormatter.ofPattern("yyMMdd").withZone(java.time.ZoneId.of("Asia/Shanghai"))
                .format(o.created) + "-" + o.orderId;
    }

    @Test
    void orderTowersCarrierCodesBecomePddsIdsBeforeTheShipCall() {
        ChannelRuntime r = runtime("");
        CarrierCode zto = r.carrierCode("pdd", SHOP, "ZTO");
        assertEquals(new CarrierCode("pdd", SHOP, "ZTO", "115", zto.platformName(), CarrierCode.PLATFORM), zto);
        assertTrue(zto.platformName().contains("中通"), zto.platformName());
        List<CarrierCode> table = r.carrierCodes("pdd");
        assertEquals(org.ordertower.api.fulfilment.Carriers.codes().size(), table.size());
        assertTrue(table.stream().allMatch(CarrierCode::mapped), table.toString());

        SimOrder o = paidOrder();
        assertEquals(ShipResult.SHIPPED, r.ship("pdd", SHOP, new Shipment(sn(o), List.of(), "ZTO", "73100000000001")));
        PddSimulator.Shipped shipped = sim.shipment(sn(o)).orElseThrow();
        assertEquals(115L, shipped.logisticsId(), "PDD got its own id, not OrderTower's code");
        assertEquals("73100000000001", shipped.trackingNumber());
    }

    @Test
    void anOverrideWinsAndACarrierWithoutACompanyIsReportedNotSent() {
        ChannelRuntime r = runtime("pdd:SF=44, jd:ZTO=1499");
        assertEquals(CarrierCode.CONFIG, r.carrierCode("pdd", SHOP, "SF").source());
        CarrierCode unknown = r.carrierCode("pdd", SHOP, "ACME");
        assertFalse(unknown.mapped());
        assertEquals(CarrierCode.MISSING, unknown.source());

        SimOrder o = paidOrder();
        long shipsBefore = sim.shipments().size();
        ChannelException e = assertThrows(ChannelException.class,
                () -> r.ship("pdd", SHOP, new Shipment(sn(o), List.of(), "ACME", "X1")));
        assertEquals(ChannelException.Kind.TRANSIENT, e.kind(), "a missing translation waits for one; it is no dead call");
        assertTrue(e.getMessage().contains("pdd") && e.getMessage().contains("ACME")
                && e.getMessage().contains("channel.carrier.overrides"), e.getMessage());
        assertEquals(shipsBefore, sim.shipments().size(), "nothing reached the platform");

        assertThrows(IllegalArgumentException.class, () -> Vocabulary.parseOverrides("pdd=ZTO"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Vocabulary.parseOverrides("pdd:FOO=1"));
        assertTrue(bad.getMessage().contains("FOO"), bad.getMessage());
        assertEquals(Map.of("pdd", Map.of("ZTO", "115")), Vocabulary.parseOverrides(" pdd:zto = 115 ,"));
    }

    @Test
    void listingsBecomeMappingsByOuterCodeAndAnUnmatchedOneIsReportedNeverGuessed() {
        // every simulated listing but the blue mug has its master SKU
        for (FakeData.Listing l : sim.book().listings()) {
            if (!l.outerId().equals("CUP-BLUE")) {
                catalog.skus.put(l.outerId(), Sku.plain(l.outerId(), l.title(), BigDecimal.ONE));
            }
        }
        ChannelRuntime r = runtime("");
        ListingReport report = r.refreshListings("pdd", SHOP);
        int all = sim.book().listings().size();
        assertEquals(all, report.listings());
        assertEquals(all - 1, report.matched());
        assertEquals(1, report.unmatched());
        assertEquals(all - 1, report.mappingsSaved());

        List<ChannelListing> unmatched = r.listings("pdd", null, true);
        assertEquals(1, unmatched.size());
        ChannelListing blue = unmatched.get(0);
        assertEquals("CUP-BLUE", blue.outerCode());
        assertNull(blue.masterSku());
        assertTrue(blue.problem().contains("no master SKU with code CUP-BLUE"), blue.problem());
        assertTrue(catalog.saved.stream().noneMatch(m -> "CUP-BLUE".equals(m.outerCode())), "never guessed (CUP-WHITE is close)");
        FakeData.Listing white = sim.book().listings().stream().filter(l -> l.outerId().equals("CUP-WHITE")).findFirst()
                .orElseThrow();
        assertTrue(catalog.saved.contains(new SkuMapping("pdd", SHOP, white.skuId(), white.itemId(), "CUP-WHITE", "CUP-WHITE",
                1)), catalog.saved.toString());

        // a second download with nothing changed saves nothing again
        assertEquals(0, r.refreshListings("pdd", SHOP).mappingsSaved());

        // a push named by the master SKU's outer code reaches the platform with PDD's goods and SKU ids
        r.updateStock("pdd", new StockUpdate(SHOP, "CUP-WHITE", null, "CUP-WHITE", "CUP-WHITE", 17, false, Instant.now()));
        assertEquals(17, sim.quantity(white.itemId(), white.skuId()));
        // and one named by the platform SKU id as the mapping keeps it
        r.updateStock("pdd", new StockUpdate(SHOP, white.skuId(), white.itemId(), "CUP-WHITE", "CUP-WHITE", 9, false,
                Instant.now()));
        assertEquals(9, sim.quantity(white.itemId(), white.skuId()));
        ChannelException none = assertThrows(ChannelException.class, () -> r.updateStock("pdd", new StockUpdate(SHOP, "NOPE-1",
                null, "NOPE-1", "NOPE-1", 1, false, Instant.now())));
        assertEquals(ChannelException.Kind.PERMANENT, none.kind());
        assertTrue(none.getMessage().contains("no listing") && none.getMessage().contains("NOPE-1"), none.getMessage());
        // the shop counts its pushes: three, one refused, none for its rate, 0.3 a minute over ten minutes
        org.ordertower.api.channel.ShopStatus st = r.shops().stream().filter(x -> x.channel().equals("pdd")).findFirst()
                .orElseThrow();
        assertEquals(List.of(3L, 1L, 0L), List.of(st.pushes(), st.pushFailures(), st.rateLimited()), st.toString());
        assertEquals(0.3, st.pushesPerMinute(), 1e-9);
    }

    /** The catalog as far as the runtime uses it: SKUs by code, mappings saved and listed. */
    private static final class Catalog extends AnswersNothingCatalog {
        final Map<String, Sku> skus = new HashMap<>();
        final List<SkuMapping> saved = new CopyOnWriteArrayList<>();

        @Override
        public Optional<Sku> sku(String code) {
            return Optional.ofNullable(skus.get(code));
        }

        @Override
        public void saveMapping(SkuMapping mapping) {
            saved.removeIf(m -> m.channel().equals(mapping.channel()) && m.shop().equals(mapping.shop())
                    && m.channelSku().equals(mapping.channelSku()));
            saved.add(mapping);
        }

        @Override
        public List<SkuMapping> mappingsOf(String masterSku) {
            return saved.stream().filter(m -> m.masterSku().equals(masterSku)).toList();
        }
    }
}

package org.ordertower.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ordertower.api.inventory.Allocation;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.CatalogTable;
import org.ordertower.api.inventory.ImportReport;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.ReservationRequest;
import org.ordertower.api.inventory.ReservationResult;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.api.inventory.StockUpdater;
import org.osgi.framework.ServiceRegistration;

/**
 * The inventory in the real distribution: catalog import from the shell, stock movements and the
 * ledger check from the shell, and stock pushed to a channel whose updater comes and goes at runtime.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class InventoryIT extends OrderTowerTestSupport {

    @Test
    public void catalogStockAndPushesWorkFromTheShell() throws Exception {
        awaitReady();
        Path dir = Files.createTempDirectory("it-catalog");
        Path skus = dir.resolve("skus.csv");
        Files.writeString(skus, "code,name,barcode,base_price,weight_g,attributes,cold_chain,parts,low_stock_threshold,presale_threshold,presale_quota\n"
                + "IT-KIT,\"Gift box, red\",,99.00,900,,false,IT-A*2;IT-B*1,0,0,0\n"
                + "IT-A,Tea cup,6901234567890,19.90,250,colour=red;size=M,false,,10,0,0\n"
                + "IT-B,Tea pot,,59.00,600,,false,,0,0,0\n", StandardCharsets.UTF_8);
        String imported = shell("catalog:import skus " + skus);
        assertTrue(imported, imported.contains("imported 3 rows"));

        Path mappings = dir.resolve("mappings.csv");
        Files.writeString(mappings, "channel,shop,channel_sku,item_id,outer_code,master_sku,factor\n"
                + "itest,shop1,L-A,item-1,OC-A,IT-A,1\n"
                + "itest,shop1,L-KIT,item-2,,IT-KIT,1\n", StandardCharsets.UTF_8);
        assertTrue(shell("catalog:import mappings " + mappings).contains("imported 2 rows"));

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "channel,shop,channel_sku,item_id,outer_code,master_sku,factor\n"
                + "itest,shop1,L-X,,,NO-SUCH-SKU,1\n"
                + "itest,shop1,L-Y,,,IT-A,0\n", StandardCharsets.UTF_8);
        String refused = shellExpectingFailure("catalog:import mappings " + bad);
        assertTrue(refused, refused.contains("line 2") && refused.contains("line 3"));
        assertTrue(shell("catalog:export mappings").contains("itest,shop1,L-A,item-1,OC-A,IT-A,1"));
        assertTrue("the bad file changed nothing", !shell("catalog:export mappings").contains("L-Y"));

        List<StockUpdate> pushed = new CopyOnWriteArrayList<>();
        StockUpdater updater = new StockUpdater() {
            @Override
            public String channelId() {
                return "itest";
            }

            @Override
            public void updateStock(StockUpdate update) {
                pushed.add(update);
            }
        };
        ServiceRegistration<StockUpdater> reg = bundleContext.registerService(StockUpdater.class, updater, new Hashtable<>());
        try {
            shell("stock:warehouse --region Zhejiang/Hangzhou --lat 30.27 --lon 120.15 --priority 1 IT-HZ Hangzhou");
            shell("stock:receive --ref po-1 IT-A IT-HZ 100");
            shell("stock:receive --ref po-1 IT-B IT-HZ 10");
            await(Duration.ofSeconds(20), () -> last(pushed, "L-A") == 100 && last(pushed, "L-KIT") == 10);

            InventoryService inventory = service(InventoryService.class, null);
            ReservationResult r = inventory.reserve(new ReservationRequest("it-order-1", "itest",
                    List.of(new StockItem("IT-KIT", 2)), List.of()));
            assertEquals(ReservationResult.Status.RESERVED, r.status());
            await(Duration.ofSeconds(20), () -> last(pushed, "L-A") == 96 && last(pushed, "L-KIT") == 8);

            String shown = shell("stock:show IT-A");
            assertTrue(shown, shown.contains("IT-HZ") && shown.contains("sellable 96") && shown.contains("itest: 96"));
            String adjusted = shell("stock:adjust -r breakage IT-A IT-HZ -6");
            assertTrue(adjusted, adjusted.contains("on hand 94"));
            String check = shell("stock:check");
            assertTrue(check, check.contains("OK:"));
            await(Duration.ofSeconds(20), () -> shell("stock:pushes").contains("L-A"));
        } finally {
            reg.unregister();
        }
        // the channel's updater went away: the next change is recorded as not pushed
        shell("stock:receive --ref po-2 IT-A IT-HZ 1");
        await(Duration.ofSeconds(20), () -> shell("stock:pushes --failed").contains("no stock updater installed for channel itest"));
    }

    /**
     * An order posted over HTTP is mapped through the catalog and reserved by the pipeline; cancelled
     * over HTTP, its stock comes back. An order with an unmapped SKU goes to review, holding nothing.
     */
    @Test
    public void anOrderIsReservedByThePipelineAndReleasedOnCancel() throws Exception {
        awaitReady();
        CatalogService catalog = service(CatalogService.class, null);
        ImportReport skus = catalog.importCsv(CatalogTable.SKUS, new StringReader(
                "code,name,barcode,base_price,weight_g,attributes,cold_chain,parts,low_stock_threshold,presale_threshold,presale_quota\n"
                        + "FLOW-A,Flow cup,,10.00,100,,false,,0,0,0\n"), false);
        assertEquals(skus.toString(), List.of(), skus.errors());
        ImportReport maps = catalog.importCsv(CatalogTable.MAPPINGS, new StringReader(
                "channel,shop,channel_sku,item_id,outer_code,master_sku,factor\n"
                        + "own,flow,F-A2,,,FLOW-A,2\n"), false);
        assertEquals(maps.toString(), List.of(), maps.errors());
        shell("stock:warehouse --region Zhejiang/Hangzhou --lat 30.27 --lon 120.15 --priority 5 IT-FLOW Flow");
        shell("stock:receive --ref po-flow FLOW-A IT-FLOW 10");
        InventoryService inventory = service(InventoryService.class, null);

        HttpResponse<String> created = post("/api/v1/orders", flowOrder("F-1", "F-A2", 3));
        assertEquals(created.body(), 201, created.statusCode());
        long id = Long.parseLong(created.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
        // reserved, then routed: one parcel from the only warehouse (no waybill service or WMS is installed
        // here, so it waits for them)
        await(Duration.ofSeconds(30), () -> get("/api/v1/orders/" + id).body().contains("\"status\":\"ROUTED\""));
        assertEquals(List.of(new Allocation("FLOW-A", "IT-FLOW", 6)), inventory.held("order-" + id));
        String parcels = shell("ship:parcels " + id);
        assertTrue(parcels, parcels.contains("P" + id + "-1") && parcels.contains("IT-FLOW") && parcels.contains("PLANNED"));

        HttpResponse<String> unmapped = post("/api/v1/orders", flowOrder("F-2", "F-NOPE", 1));
        long other = Long.parseLong(unmapped.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
        await(Duration.ofSeconds(30), () -> get("/api/v1/orders/" + other).body().contains("\"status\":\"IN_REVIEW\""));
        assertTrue(get("/api/v1/orders/" + other).body().contains("unmapped SKU F-NOPE"));

        HttpResponse<String> cancelled = post("/api/v1/orders/" + id + "/status",
                "{\"status\":\"CANCELLED\",\"reason\":\"buyer asked\"}");
        assertEquals(cancelled.body(), 200, cancelled.statusCode());
        await(Duration.ofSeconds(30), () -> inventory.held("order-" + id).isEmpty());
        assertEquals(0, inventory.view("FLOW-A").rows().stream().mapToInt(r -> r.reserved()).sum());
        await(Duration.ofSeconds(10), () -> shell("order:show " + id).contains("stock-released"));
        await(Duration.ofSeconds(10), () -> shell("ship:parcels " + id).contains("CANCELLED"));
        assertTrue(shell("stock:check").contains("OK:"));
    }

    private static String flowOrder(String id, String channelSku, int qty) {
        return "{\"channel\":\"own\",\"shop\":\"flow\",\"platformOrderId\":\"" + id + "\",\"platformVersion\":1,"
                + "\"paymentStatus\":\"PAID\",\"lines\":[{\"lineNo\":\"1\",\"channelSku\":\"" + channelSku
                + "\",\"quantity\":" + qty + ",\"unitPrice\":\"20.00\",\"paidAmount\":\"" + (20 * qty) + ".00\"}],"
                + "\"amounts\":{\"currency\":\"CNY\",\"goods\":\"" + (20 * qty) + ".00\",\"paid\":\"" + (20 * qty)
                + ".00\"},\"createdAt\":\"2026-11-11T00:00:00+08:00\"}";
    }

    /** Runs a command that must fail; returns its error message. */
    private String shellExpectingFailure(String command) throws Exception {
        String failure = shellFailure(command);
        assertFalse(failure, failure.startsWith("no failure: "));
        return failure;
    }

    private static int last(List<StockUpdate> pushed, String channelSku) {
        for (int i = pushed.size() - 1; i >= 0; i--) {
            if (pushed.get(i).channelSku().equals(channelSku)) {
                return pushed.get(i).quantity();
            }
        }
        return -1;
    }
}

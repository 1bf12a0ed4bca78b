package org.ordertower.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.CatalogTable;
import org.ordertower.api.inventory.ImportReport;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Rule packs in the real distribution: installing risk-basic's bundle at runtime makes its rules screen the
 * next order (a price far under the base price freezes it, with the evidence in the timeline); a
 * bad parameter file is refused and the pack keeps its last good parameters; a frozen order cannot
 * be released without the supervisor role but can be rejected, from the shell and over HTTP by a
 * reviewer after a supervisor released it; uninstalling the pack removes its rules, with no restart.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class RulesIT extends OrderTowerTestSupport {

    @Test
    public void aRulePackComesScreensAndGoesWithoutARestart() throws Exception {
        awaitReady();
        CatalogService catalog = service(CatalogService.class, null);
        ImportReport skus = catalog.importCsv(CatalogTable.SKUS, new StringReader(
                "code,name,barcode,base_price,weight_g,attributes,cold_chain,parts,low_stock_threshold,presale_threshold,presale_quota\n"
                        + "RULE-A,Rule cup,,10.00,100,,false,,0,0,0\n"), false);
        assertEquals(skus.toString(), List.of(), skus.errors());
        catalog.importCsv(CatalogTable.MAPPINGS, new StringReader(
                "channel,shop,channel_sku,item_id,outer_code,master_sku,factor\nown,rules,R-A,,,RULE-A,1\n"), false);
        shell("stock:warehouse --region Zhejiang/Hangzhou --lat 30.27 --lon 120.15 --priority 7 IT-RULES Rules");
        shell("stock:receive --ref po-rules RULE-A IT-RULES 100");

        // hot deploy: the pack's bundle (from the distribution's system/ repository) installed and
        // started at runtime. Installed through its bundle, not the feature: a features-service
        // install raced the container's own late boot-feature pass, which dropped it again.
        String location = service(FeaturesService.class, null).getFeature("ordertower-rules-risk-basic").getBundles().get(0)
                .getLocation();
        Bundle pack = bundleContext.installBundle(location);
        pack.start();
        await(Duration.ofSeconds(60), () -> shell("rule:packs").contains("risk-basic"));

        long frozen = order("R-1", "4.00");
        await(Duration.ofSeconds(30), () -> status(frozen).equals("FROZEN"));
        String shown = shell("order:show " + frozen);
        assertTrue(shown, shown.contains("risk-basic/price-deviation"));
        assertTrue(shell("review:list").contains(String.valueOf(frozen)));
        assertTrue(shell("rule:stats").contains("risk-basic/price-deviation"));
        // Karaf's command ACL: unfreezing is the supervisor's (the one roles table); the admin does not see the command
        String refused = shellFailure("order:unfreeze " + frozen + " looks fine");
        assertTrue(refused, refused.contains("Command not found: order:unfreeze"));
        assertTrue(shell("review:reject " + frozen + " price error by the shop").contains("CANCELLED"));

        // the same over HTTP, by the users themselves: a reviewer may not release a frozen order nor
        // may the admin, a supervisor may; the reviewer then claims and rejects it, and the audit
        // trail names each of them
        long frozenToo = order("R-1b", "4.00");
        await(Duration.ofSeconds(30), () -> status(frozenToo).equals("FROZEN"));
        String queue = get("/api/v1/review", TestUsers.REVIEWER).body();
        assertTrue(queue, queue.contains("\"id\":" + frozenToo + ","));
        String unfreeze = "/api/v1/review/" + frozenToo + "/unfreeze";
        String why = "{\"reason\":\"buyer verified by phone\"}";
        HttpResponse<String> notReviewer = post(unfreeze, why, TestUsers.REVIEWER);
        assertEquals(notReviewer.body(), 403, notReviewer.statusCode());
        assertTrue(notReviewer.body(), notReviewer.body().contains("needs the role supervisor"));
        assertEquals(403, post(unfreeze, why, TestUsers.ADMIN).statusCode());
        assertEquals("FROZEN", status(frozenToo));
        HttpResponse<String> released = post(unfreeze, why, TestUsers.SUPERVISOR);
        assertEquals(released.body(), 200, released.statusCode());
        assertEquals("IN_REVIEW", status(frozenToo));
        HttpResponse<String> claimed = post("/api/v1/review/" + frozenToo + "/claim", "", TestUsers.REVIEWER);
        assertEquals(claimed.body(), 200, claimed.statusCode());
        HttpResponse<String> rejected = post("/api/v1/review/" + frozenToo + "/reject", "{\"reason\":\"price error by the shop\"}",
                TestUsers.REVIEWER);
        assertEquals(rejected.body(), 200, rejected.statusCode());
        assertTrue(rejected.body(), rejected.body().contains("\"status\":\"CANCELLED\""));
        String timeline = get("/api/v1/orders/" + frozenToo).body();
        assertTrue(timeline, timeline.contains("\"actor\":\"user:it-supervisor\""));
        assertTrue(timeline, timeline.contains("\"actor\":\"user:it-reviewer\""));

        // a good parameter file dropped into etc/ applies to the next order, with no restart: 40% of the
        // base price freezes under the default freeze ratio (0.50) and only goes to review under 0.30
        java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("karaf.etc"), "org.ordertower.rules-risk-basic.cfg");
        String shipped = java.nio.file.Files.exists(file) ? java.nio.file.Files.readString(file) : null;
        java.nio.file.Files.writeString(file, "price.freeze.ratio = 0.30\n");
        await(Duration.ofSeconds(60), () -> shell("rule:packs").contains("price.freeze.ratio=0.30"));
        long reviewed = order("R-CFG", "4.00");
        await(Duration.ofSeconds(30), () -> status(reviewed).equals("IN_REVIEW"));
        if (shipped == null) {
            java.nio.file.Files.delete(file);
        } else {
            java.nio.file.Files.writeString(file, shipped);
        }
        await(Duration.ofSeconds(60), () -> shell("rule:packs").contains("price.freeze.ratio=0.50"));

        // a bad parameter file is refused; the last good parameters stay
        ConfigurationAdmin cm = service(ConfigurationAdmin.class, null);
        Configuration cfg = cm.getFactoryConfiguration("org.ordertower.rules", "risk-basic", "?");
        Hashtable<String, Object> bad = new Hashtable<>();
        bad.put("price.review.ratio", "lots");
        cfg.update(bad);
        await(Duration.ofSeconds(30), () -> shell("rule:packs").contains("REFUSED"));
        assertTrue(shell("rule:packs").contains("price.review.ratio=0.85"));
        cfg.delete();
        await(Duration.ofSeconds(30), () -> !shell("rule:packs").contains("REFUSED"));

        // over HTTP: the packs and their statistics; a bad value refused with its reason and nothing changed; a
        // replay shows what a lower freeze ratio would have decided on the stored orders; then it is switched on
        String rules = get("/api/v1/rules", TestUsers.REVIEWER).body();
        assertTrue(rules, rules.contains("\"name\":\"risk-basic\"") && rules.contains("risk-basic/price-deviation"));
        String badTune = "{\"parameters\":{\"price.review.ratio\":\"lots\"}}";
        assertEquals(403, put("/api/v1/rules/risk-basic", badTune, TestUsers.REVIEWER).statusCode());
        HttpResponse<String> refusedTune = put("/api/v1/rules/risk-basic", badTune, TestUsers.SUPERVISOR);
        assertEquals(refusedTune.body(), 400, refusedTune.statusCode());
        assertTrue(refusedTune.body(), refusedTune.body().contains("price.review.ratio"));
        assertTrue(shell("rule:packs").contains("price.review.ratio=0.85"));
        String lower = "{\"parameters\":{\"price.freeze.ratio\":\"0.30\"},\"days\":1}";
        HttpResponse<String> replay = post("/api/v1/rules/risk-basic/replay", lower, TestUsers.SUPERVISOR);
        assertEquals(replay.body(), 200, replay.statusCode());
        assertTrue(replay.body(), replay.body().contains("\"FREEZE→REVIEW\":"));
        assertTrue("a replay changes nothing", shell("rule:packs").contains("price.freeze.ratio=0.50"));
        HttpResponse<String> tuned = put("/api/v1/rules/risk-basic", lower, TestUsers.SUPERVISOR);
        assertEquals(tuned.body(), 200, tuned.statusCode());
        assertTrue(shell("rule:packs").contains("price.freeze.ratio=0.30"));
        long tunedOrder = order("R-TUNED", "4.00");
        await(Duration.ofSeconds(30), () -> status(tunedOrder).equals("IN_REVIEW"));
        service(ConfigurationAdmin.class, null).getFactoryConfiguration("org.ordertower.rules", "risk-basic", "?").delete();
        await(Duration.ofSeconds(60), () -> shell("rule:packs").contains("price.freeze.ratio=0.50"));

        pack.uninstall();
        await(Duration.ofSeconds(60), () -> !shell("rule:packs").contains("risk-basic"));
        long passed = order("R-2", "4.00");
        await(Duration.ofSeconds(30), () -> status(passed).equals("ROUTED"));
        assertFalse(shell("order:show " + passed).contains("risk-basic/"));

        // a reviewer maps a line the catalog does not know by hand, and approves: it is reserved (and routed)
        long unmapped = order("R-3", "49.00", "R-OLD-CODE");
        await(Duration.ofSeconds(30), () -> status(unmapped).equals("IN_REVIEW"));
        String edited = shell("review:edit --sku 1=RULE-A " + unmapped + " R-OLD-CODE is the old listing of RULE-A");
        assertTrue(edited, edited.contains("READY"));
        await(Duration.ofSeconds(30), () -> status(unmapped).equals("ROUTED"));
        assertTrue(shell("order:show " + unmapped).contains("line 1 masterSku"));
    }

    private long order(String id, String unitPrice) throws Exception {
        return order(id, unitPrice, "R-A");
    }

    private long order(String id, String unitPrice, String channelSku) throws Exception {
        HttpResponse<String> r = post("/api/v1/orders", "{\"channel\":\"own\",\"shop\":\"rules\","
                + "\"platformOrderId\":\"" + id + "\",\"platformVersion\":1,\"paymentStatus\":\"PAID\","
                + "\"buyer\":{\"name\":\"李雷\",\"phone\":\"13912345678\",\"platformBuyerId\":\"buyer-" + id + "\"},"
                + "\"address\":{\"country\":\"CN\",\"province\":\"浙江省\",\"city\":\"杭州市\",\"district\":\"西湖区\","
                + "\"street\":\"文三路\",\"detail\":\"" + id + "号\",\"postcode\":\"310012\"},"
                + "\"lines\":[{\"lineNo\":\"1\",\"channelSku\":\"" + channelSku + "\",\"quantity\":1,\"unitPrice\":\"" + unitPrice
                + "\",\"paidAmount\":\"" + unitPrice + "\"}],"
                + "\"amounts\":{\"currency\":\"CNY\",\"goods\":\"" + unitPrice + "\",\"paid\":\"" + unitPrice + "\"},"
                + "\"createdAt\":\"2026-11-11T00:00:00+08:00\"}");
        assertEquals(r.body(), 201, r.statusCode());
        return Long.parseLong(r.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
    }

    private static String status(long id) throws Exception {
        return get("/api/v1/orders/" + id).body().replaceAll("(?s).*?\"status\":\"([A-Z_]+)\".*", "$1");
    }
}

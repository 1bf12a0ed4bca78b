package org.ordertower.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.math.BigDecimal;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.Actor;
import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.SimulatorService;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.GiftRule;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.KitPart;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.inventory.SkuMapping;
import org.ordertower.api.inventory.Warehouse;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A channel hot-deployed into the running distribution: the Douyin feature installed at runtime, its
 * simulator started from the shell, a shop configured through Config Admin (as a dropped .cfg does);
 * the simulator's signed pushes reach the webhook route and become orders, the shell's channel commands
 * work; uninstalling the feature stops its shop and simulator cleanly and keeps the orders.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ChannelIT extends OrderTowerTestSupport {
    private static final String FEATURE = "ordertower-channel-douyin";
    private static final String SIM_FEATURE = "ordertower-sim-douyin";

    @Test
    public void aChannelComesTakesOrdersAndGoesWithoutARestart() throws Exception {
        awaitReady();
        // the feature installed at runtime, once the container's own boot-feature pass is over (an
        // install racing that pass was dropped by it, see RulesIT); no bundle refresh of the rest
        service(BootFinished.class, null);
        FeaturesService features = service(FeaturesService.class, null);
        features.installFeatures(new java.util.LinkedHashSet<>(List.of(FEATURE, SIM_FEATURE)),
                EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        assertTrue(features.isInstalled(features.getFeature(FEATURE)));
        ChannelService channels = service(ChannelService.class, null);
        SimulatorService simulators = service(SimulatorService.class, null);
        await(Duration.ofSeconds(60), () -> channels.platforms().contains("douyin")
                && simulators.installed().stream().anyMatch(s -> s.platformId().equals("douyin")));

        String started = shell("sim:start --rate 0 --set pushUrl=http://127.0.0.1:" + HTTP_PORT
                + "/api/v1/channels/douyin/push douyin");
        assertTrue(started, started.contains("douyin simulator on port"));
        RunningSimulator sim = simulators.running().stream().filter(s -> s.channelId().equals("douyin")).findFirst()
                .orElseThrow();
        Map<String, String> shop = sim.shopConfiguration();
        // the shop's secrets as an operator keeps them: each in a file of its own under etc/, the configuration naming
        // it (file:<name>, read by the connector), so that config:list shows the name and never the secret. (Felix's
        // $[secret:...] interpolation does not do: config:list shows what it put in.)
        Map<String, String> secrets = new java.util.TreeMap<>();
        Hashtable<String, Object> props = new Hashtable<>(shop);
        for (Map.Entry<String, String> e : shop.entrySet()) {
            if (e.getKey().matches("(?i).*(secret|token|password).*") && e.getValue() != null && e.getValue().length() >= 8) {
                String file = "it-douyin-" + e.getKey().replaceAll("[^A-Za-z0-9]", "-");
                java.nio.file.Files.writeString(java.nio.file.Paths.get(System.getProperty("karaf.etc"), file), e.getValue());
                secrets.put(e.getKey(), e.getValue());
                props.put(e.getKey(), "file:" + file);
            }
        }
        assertFalse("the simulator's shop has a secret: " + shop.keySet(), secrets.isEmpty());
        ConfigurationAdmin cm = service(ConfigurationAdmin.class, null);
        Configuration cfg = cm.getFactoryConfiguration("org.ordertower.channel.douyin", "it", "?");
        cfg.update(props);
        await(Duration.ofSeconds(60), () -> shell("channel:list").contains(shop.get("shop")));
        String listed = shell("config:list '(service.factoryPid=org.ordertower.channel.douyin)'")
                + shell("channel:list") + shell("config:property-list --pid " + cfg.getPid());
        assertTrue(listed, listed.contains("file:it-douyin-"));
        for (String secret : secrets.values()) {
            assertFalse("the shell shows no secret", listed.contains(secret));
        }
        // the shop's pull, the channel's stock pushes, the partners' calls and the event relay are Camel routes
        String pull = ("shop-douyin-" + shop.get("shop") + "-pull").replaceAll("[^A-Za-z0-9._-]", "_");
        await(Duration.ofSeconds(60), () -> shell("camel:route-list").contains(pull));
        List<String> expected = List.of("stock-push-douyin", "channel-douyin-calls", "channel-douyin-webhooks",
                "fulfilment-stock-calls", "ordertower-events-relay", "ordertower-intake");
        await(Duration.ofSeconds(30), () -> {
            String routes = shell("camel:route-list");
            return expected.stream().allMatch(routes::contains);
        });
        // the marketplace's webhook is a route of its own: suspended, the platform is told to send again
        shell("camel:route-suspend ordertower-core channel-douyin-webhooks");
        await(Duration.ofSeconds(30), () -> post("/api/v1/channels/douyin/push", "[]", TestUsers.ADMIN)
                .statusCode() == 503);
        shell("camel:route-resume ordertower-core channel-douyin-webhooks");
        await(Duration.ofSeconds(30), () -> post("/api/v1/channels/douyin/push", "[]", TestUsers.ADMIN)
                .statusCode() == 401);
        shell("camel:route-suspend ordertower-channels " + pull);
        await(Duration.ofSeconds(30), () -> shell("camel:route-list ordertower-channels").lines()
                .anyMatch(l -> l.contains(pull) && l.contains("Suspended")));
        shell("camel:route-resume ordertower-channels " + pull);
        await(Duration.ofSeconds(30), () -> shell("camel:route-list ordertower-channels").lines()
                .anyMatch(l -> l.contains(pull) && l.contains("Started")));

        sim.rate(600, false); // ten orders a second, each pushed (signed with the secret from the file) to the webhook route
        await(Duration.ofSeconds(90), () -> douyinOrders() >= 10);
        sim.rate(0, false);
        String pulled = shell("channel:pull douyin " + shop.get("shop"));
        assertTrue(pulled, pulled.contains("windows") && pulled.contains("caught up to"));
        String status = shell("sim:status");
        assertTrue(status, status.contains("pushesDelivered"));
        String sign = shell("channel:sign --secret s3cret douyin app_key=123 method=order.searchList param_json={} "
                + "timestamp=1700000000 v=2");
        assertTrue(sign, sign.contains("string to sign:") && sign.contains("signature:"));
        assertEquals(401, post("/api/v1/channels/douyin/push", "[]", TestUsers.ADMIN).statusCode());

        long before = douyinOrders();
        features.uninstallFeatures(new java.util.LinkedHashSet<>(List.of(SIM_FEATURE, FEATURE)),
                EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        await(Duration.ofSeconds(60), () -> !shell("channel:list").contains(shop.get("shop")));
        await(Duration.ofSeconds(30), () -> !shell("sim:status").contains("douyin"));
        assertFalse(channels.platforms().contains("douyin"));
        assertTrue("the orders stay", douyinOrders() >= before);
        assertEquals(404, post("/api/v1/channels/douyin/push", "[]", TestUsers.ADMIN).statusCode());
        cfg.delete();
    }

    /**
     * A channel an integrator makes from the template: {@code tools/new-channel.sh acme Acme} generated the project
     * and Maven built it before this test (itests' pre-integration-test phase); its features file is added to the
     * running container, its channel and simulator installed, a shop configured against the simulator, orders
     * pulled from it and stored, its signing tool on the shell; then it goes again, the orders staying.
     */
    @Test
    public void aChannelGeneratedFromTheTemplateIsBuiltAndHotDeployed() throws Exception {
        awaitReady();
        service(BootFinished.class, null);
        java.nio.file.Path project = java.nio.file.Paths.get(System.getProperty("ordertower.generated.channel"));
        assertTrue("the generated channel was built: " + project, java.nio.file.Files.isRegularFile(
                project.resolve("channel-acme/target/ordertower-channel-acme-" + System.getProperty("ordertower.version")
                        + ".jar")));
        FeaturesService features = service(FeaturesService.class, null);
        java.net.URI repo = project.resolve("feature.xml").toUri();
        features.addRepository(repo);
        List<String> acme = List.of("ordertower-channel-acme", "ordertower-sim-acme");
        features.installFeatures(new java.util.LinkedHashSet<>(acme), EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        try {
            hotDeployedAcme(features);
        } finally {
            if (features.isInstalled(features.getFeature("ordertower-channel-acme"))) {
                features.uninstallFeatures(new java.util.LinkedHashSet<>(List.of("ordertower-sim-acme",
                        "ordertower-channel-acme")), EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
            }
            features.removeRepository(repo);
        }
    }

    private void hotDeployedAcme(FeaturesService features) throws Exception {
        ChannelService channels = service(ChannelService.class, null);
        SimulatorService simulators = service(SimulatorService.class, null);
        await(Duration.ofSeconds(60), () -> channels.platforms().contains("acme")
                && simulators.installed().stream().anyMatch(s -> s.platformId().equals("acme")));

        String started = shell("sim:start --rate 0 acme");
        assertTrue(started, started.contains("acme simulator on port"));
        RunningSimulator sim = simulators.running().stream().filter(s -> s.channelId().equals("acme")).findFirst()
                .orElseThrow();
        Map<String, String> shop = sim.shopConfiguration();
        Configuration cfg = service(ConfigurationAdmin.class, null).getFactoryConfiguration("org.ordertower.channel.acme",
                "it", "?");
        Hashtable<String, Object> props = new Hashtable<>(shop);
        props.put("pullLagSeconds", "0"); // the simulator's clock is this one: no need to stay 3 minutes behind it
        cfg.update(props);
        await(Duration.ofSeconds(60), () -> shell("channel:list").contains(shop.get("shop")));

        sim.rate(600, false);
        await(Duration.ofSeconds(30), () -> sim.counters().getOrDefault("orders", 0L) >= 5);
        sim.rate(0, false);
        await(Duration.ofSeconds(90), () -> {
            shell("channel:pull acme " + shop.get("shop"));
            return orders("channel=acme") >= 5;
        });
        String sign = shell("channel:sign --secret s3cret acme app_key=1 method=order.search timestamp=1700000000 v=1.0");
        assertTrue(sign, sign.contains("signature"));

        long kept = orders("channel=acme");
        features.uninstallFeatures(new java.util.LinkedHashSet<>(List.of("ordertower-sim-acme", "ordertower-channel-acme")),
                EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        await(Duration.ofSeconds(60), () -> !channels.platforms().contains("acme"));
        assertTrue("the orders stay", orders("channel=acme") >= kept);
        cfg.delete();
    }

    /**
     * The fulfilment partners hot-deployed beside a channel: the Qimen, Cainiao and Kuaidi100 features installed at
     * runtime, their simulators started through FulfilmentService and the shell, their accounts configured through
     * Config Admin; a Taobao order goes ROUTED, SHIPPED with its tracking written back to the Taobao simulator, and
     * DELIVERED; the shell's sim:*, ship:sign and ship:partners commands work; uninstalling the features takes the
     * accounts, simulators and callback routes away.
     */
    @Test
    public void partnersShipAndTrackAChannelsOrdersAndGoWithoutARestart() throws Exception {
        awaitReady();
        service(BootFinished.class, null);
        ConfigurationAdmin cm = service(ConfigurationAdmin.class, null);
        // tracking pushes come back to this node's test port (fulfilment restarts with its new configuration)
        long fulfilmentBefore = serviceId(FulfilmentService.class);
        Configuration fc = cm.getConfiguration("org.ordertower.fulfilment", null);
        Hashtable<String, Object> fprops = new Hashtable<>();
        if (fc.getProperties() != null) {
            for (String k : java.util.Collections.list(fc.getProperties().keys())) {
                fprops.put(k, fc.getProperties().get(k));
            }
        }
        fprops.put("callback.base.url", "http://127.0.0.1:" + HTTP_PORT);
        fc.update(fprops);
        await(Duration.ofSeconds(60), () -> serviceId(FulfilmentService.class) != fulfilmentBefore);

        FeaturesService features = service(FeaturesService.class, null);
        features.installFeatures(new java.util.LinkedHashSet<>(PARTNER_FEATURES),
                EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        FulfilmentService fulfilment = service(FulfilmentService.class, null);
        ChannelService channels = service(ChannelService.class, null);
        SimulatorService simulators = service(SimulatorService.class, null);
        await(Duration.ofSeconds(60), () -> fulfilment.partners().containsAll(List.of("qimen", "cainiao", "kuaidi100"))
                && channels.platforms().contains("taobao") && simulators.installed().size() >= 4);

        // the catalog the Taobao simulator's listings need, in a warehouse the Qimen WMS runs
        CatalogService catalog = service(CatalogService.class, null);
        InventoryService inventory = service(InventoryService.class, null);
        inventory.saveWarehouse(new Warehouse(WAREHOUSE, "IT warehouse Hangzhou", "浙江省/杭州市/西湖区", 30.27, 120.15,
                Warehouse.Type.OWN, 1));
        for (String sku : SKUS) {
            catalog.saveSku(Sku.plain(sku, sku, new BigDecimal("39.00")));
            inventory.receive(sku, WAREHOUSE, 10_000, "it-partners", Actor.SYSTEM);
        }
        catalog.saveSku(new Sku("KIT-TEA-CUP", "Tea and mug", null, new BigDecimal("299.00"), 0, Map.of(), false,
                List.of(new KitPart("TEA-LJ-250", 1), new KitPart("CUP-WHITE", 1)), 0, 0, 0));
        catalog.saveGiftRule(new GiftRule("it-bag", "GIFT-BAG", 1, null, new BigDecimal("59.00"), null, null, null, false));

        // the partners' simulators: two through the SimulatorService, one from the shell
        String base = "http://127.0.0.1:" + HTTP_PORT;
        RunningSimulator qimen = simulators.start("qimen", new SimulatorOptions(0, 0, false, Map.of("callbackUrl",
                base + "/api/v1/wms/qimen/callback", "warehouses", "HZ-IT1", "timeScale", "600", "stock",
                String.join(",", SKUS.stream().map(s -> s + "=100000").toList()) + ",KIT-TEA-CUP=100000")));
        RunningSimulator cainiao = simulators.start("cainiao", new SimulatorOptions(0, 0, false,
                Map.of("carriers", "SF,ZTO,YTO,STO")));
        String started = shell("sim:start --set timeScale=36000 --set callbackUrl=" + base
                + "/api/v1/carriers/kuaidi100/callback kuaidi100");
        assertTrue(started, started.contains("kuaidi100 simulator on port") && !started.contains("orders/min"));
        RunningSimulator kuaidi100 = simulators.running().stream().filter(s -> s.channelId().equals("kuaidi100"))
                .findFirst().orElseThrow();
        String unknown = shellError("sim:start nosuch");
        assertTrue(unknown, unknown.contains("no simulator of 'nosuch' is installed")
                && unknown.contains("qimen") && unknown.contains("taobao"));

        // the accounts, as dropped etc/org.ordertower.{wms,carrier}.<id>-it.cfg files would make them
        Map<String, String> qimenAccount = new java.util.HashMap<>(qimen.shopConfiguration());
        qimenAccount.put("warehouses", WAREHOUSE);
        qimenAccount.put("warehouseCodes", WAREHOUSE + "=HZ-IT1");
        List<Configuration> accounts = List.of(account(cm, "org.ordertower.wms.qimen", qimenAccount),
                account(cm, "org.ordertower.carrier.cainiao", cainiao.shopConfiguration()),
                account(cm, "org.ordertower.carrier.kuaidi100", kuaidi100.shopConfiguration()));
        await(Duration.ofSeconds(60), () -> {
            String p = shell("ship:partners");
            return p.contains("warehouses [" + WAREHOUSE + "]") && p.contains("[WAYBILL, TRACKING_QUERY]")
                    && p.contains("[TRACKING_PUSH, TRACKING_QUERY]");
        });
        // each partner's callbacks and calls are routes of their own
        await(Duration.ofSeconds(30), () -> {
            String routes = shell("camel:route-list");
            return List.of("partner-qimen-callbacks", "partner-kuaidi100-callbacks", "partner-qimen-calls",
                    "partner-cainiao-calls").stream().allMatch(routes::contains);
        });
        String sign = shell("ship:sign --secret test kuaidi100 'param={\"com\":\"zhongtong\"}' customer=C1");
        assertTrue(sign, sign.contains("string to sign: {\"com\":\"zhongtong\"}testC1") && sign.contains("signature:"));

        // a Taobao shop against its simulator, its listings mapped
        RunningSimulator taobao = simulators.start("taobao", new SimulatorOptions(0, 0, false, Map.of()));
        Map<String, String> shop = taobao.shopConfiguration();
        for (String sku : SKUS) {
            catalog.saveMapping(new SkuMapping("taobao", shop.get("shop"), sku, null, sku, sku, 1));
        }
        catalog.saveMapping(new SkuMapping("taobao", shop.get("shop"), "KIT-TEA-CUP", null, "KIT-TEA-CUP", "KIT-TEA-CUP", 1));
        Configuration shopCfg = cm.getFactoryConfiguration("org.ordertower.channel.taobao", "it-partners", "?");
        shopCfg.update(new Hashtable<>(shop));
        await(Duration.ofSeconds(60), () -> shell("channel:list").contains(shop.get("shop")));
        // a partner's route dropped into deploy/ (the documented example) forwards every order that ships to its endpoint
        PartnerEndpoint partner = new PartnerEndpoint();
        java.nio.file.Path deploy = java.nio.file.Paths.get(System.getProperty("karaf.base"), "deploy");
        java.nio.file.Path route = deploy.resolve("partner-shipped-orders.xml");
        java.nio.file.Files.writeString(route, example("partner-shipped-orders.xml")
                .replace("http://127.0.0.1:9090/orders/shipped", "http://127.0.0.1:" + partner.port() + "/orders/shipped"));
        await(Duration.ofSeconds(60), () -> shell("camel:route-list").contains("partner-shipped-orders"));

        taobao.rate(120, false);
        await(Duration.ofSeconds(60), () -> orders("channel=taobao") >= 10);
        taobao.rate(0, false);

        // routed, waybill from Cainiao, shipped by Qimen, written back to Taobao, tracked by Kuaidi100 to DELIVERED
        await(Duration.ofSeconds(120), () -> orders("channel=taobao&status=DELIVERED") >= 1);
        partnerRoute(partner, deploy, route, taobao);
        assertTrue(taobao.counters().toString(), taobao.counters().getOrDefault("ship.recorded", 0L) >= 1);
        assertTrue(cainiao.counters().toString(), cainiao.counters().getOrDefault("waybills.applied", 0L) >= 1);
        long delivered = firstOrder("channel=taobao&status=DELIVERED");
        String timeline = shell("order:show " + delivered);
        for (String step : List.of("ROUTED", "waybill", "sent-to-wms", "SHIPPED", "tracking-written-back",
                "tracking-subscribed", "delivered", "DELIVERED")) {
            assertTrue(step + " in " + timeline, timeline.contains(step));
        }
        String status = shell("sim:status");
        assertTrue(status, status.contains("qimen") && status.contains("cainiao") && status.contains("kuaidi100")
                && status.contains("taobao"));
        assertTrue(shell("ship:failed"), shell("ship:failed").contains("No failed calls."));
        assertTrue(shell("sim:stop cainiao").contains("cainiao simulator stopped"));
        assertTrue(shellError("sim:stop cainiao").contains("no cainiao simulator runs on this node"));

        features.uninstallFeatures(new java.util.LinkedHashSet<>(PARTNER_FEATURES),
                EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        await(Duration.ofSeconds(60), () -> fulfilment.partners().isEmpty() && simulators.running().isEmpty());
        await(Duration.ofSeconds(30), () -> shell("ship:partners").contains("No warehouse system or carrier service"));
        String after = shell("sim:status");
        assertFalse(after, after.contains("qimen") || after.contains("kuaidi100") || after.contains("taobao"));
        assertEquals(404, post("/api/v1/wms/qimen/callback", "<request/>", TestUsers.ADMIN).statusCode());
        assertEquals(404, post("/api/v1/carriers/kuaidi100/callback", "param={}", TestUsers.ADMIN).statusCode());
        assertTrue("the orders stay", orders("channel=taobao&status=DELIVERED") >= 1);
        for (Configuration c : accounts) {
            c.delete();
        }
        shopCfg.delete();
    }

    /**
     * The partner's endpoint got the shipped orders as the example route posts them; a route file with an error is
     * refused with a log line naming it and harms neither the running route nor the node; deleting the good file stops
     * its route, and orders shipped afterwards reach the partner no more.
     */
    private void partnerRoute(PartnerEndpoint partner, java.nio.file.Path deploy, java.nio.file.Path route,
            RunningSimulator taobao) throws Exception {
        try (partner) {
            await(Duration.ofSeconds(60), () -> !partner.received.isEmpty());
            PartnerEndpoint.Request first = partner.received.get(0);
            assertEquals(first.toString(), "POST /orders/shipped HTTP/1.1", first.line());
            assertTrue(first.headers(), first.headers().toLowerCase(java.util.Locale.ROOT)
                    .contains("content-type: application/json"));
            assertTrue(first.body(), first.body().contains("\"type\":\"STATUS_CHANGED\"")
                    && first.body().contains("\"status\":\"SHIPPED\"") && first.body().contains("\"channel\":\"taobao\""));
            long shippedId = Long.parseLong(first.body().replaceAll(".*\"orderId\":(\\d+).*", "$1"));
            assertTrue(shell("order:show " + shippedId).contains("SHIPPED"));
            assertTrue("only shipped orders: " + partner.received, partner.received.stream()
                    .allMatch(r -> r.body().contains("\"status\":\"SHIPPED\"")));

            // a file with an error (its XML cut off) is refused with an error naming it; a route whose component is not
            // installed waits for it, and says so; the good route and the node go on
            java.nio.file.Path broken = deploy.resolve("partner-broken.xml");
            String good = example("partner-shipped-orders.xml").replace("partner-shipped-orders", "partner-broken");
            java.nio.file.Files.writeString(broken, good.substring(0, good.indexOf("<route ")));
            java.nio.file.Path waiting = deploy.resolve("partner-waiting.xml");
            java.nio.file.Files.writeString(waiting, good.replace("partner-broken", "partner-waiting")
                    .replace("http://127.0.0.1:9090/orders/shipped", "nosuchcomponent:partner"));
            java.nio.file.Path log = java.nio.file.Paths.get(System.getProperty("karaf.data"), "log", "karaf.log");
            await(Duration.ofSeconds(60), () -> {
                List<String> lines = java.nio.file.Files.readAllLines(log);
                return lines.stream().anyMatch(l -> l.contains("partner-broken.xml") && l.contains("| ERROR"))
                        && lines.stream().anyMatch(l -> l.contains("partner-waiting.xml") && l.contains("nosuchcomponent"));
            });
            String routes = shell("camel:route-list");
            assertTrue(routes, routes.contains("partner-shipped-orders") && !routes.contains("partner-broken")
                    && !routes.contains("partner-waiting"));
            assertEquals(200, get("/api/v1/orders?size=1", TestUsers.ADMIN).statusCode());
            java.nio.file.Files.delete(broken);
            java.nio.file.Files.delete(waiting);

            // deleted: the route stops, and what ships from now on is not forwarded
            java.nio.file.Files.delete(route);
            await(Duration.ofSeconds(60), () -> !shell("camel:route-list").contains("partner-shipped-orders"));
            int forwarded = partner.received.size();
            long shipped = orders("channel=taobao&status=SHIPPED") + orders("channel=taobao&status=DELIVERED");
            taobao.rate(120, false);
            await(Duration.ofSeconds(120), () -> orders("channel=taobao&status=SHIPPED")
                    + orders("channel=taobao&status=DELIVERED") > shipped);
            taobao.rate(0, false);
            Thread.sleep(3000);
            assertEquals("nothing forwarded once the file is gone: " + partner.received, forwarded, partner.received.size());
        }
    }

    /** A documented example from docs/examples (copied into the test classes by the build). */
    private static String example(String name) throws java.io.IOException {
        try (java.io.InputStream in = ChannelIT.class.getResourceAsStream("/examples/" + name)) {
            assertNotNull("docs/examples/" + name + " is in the test classes", in);
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * The connector kit is one bundle that the connectors import, not a copy inside each: the Taobao channel, the
     * Cainiao carrier (both on TOP's router) and the JD channel, installed at runtime, wire
     * {@code org.ordertower.connector.kit} to the one kit bundle their features brought, which alone exports it (at
     * 1.0.0); none holds a copy of the kit's classes, so {@code RateLimiter.shared} hands both TOP connectors the one
     * bucket of an app key. Uninstalling the features takes the kit away with them.
     */
    @Test
    public void connectorsShareTheOneConnectorKitBundle() throws Exception {
        awaitReady();
        service(BootFinished.class, null);
        FeaturesService features = service(FeaturesService.class, null);
        features.installFeatures(new java.util.LinkedHashSet<>(KIT_USERS),
                EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        try {
            assertTrue(features.isInstalled(features.getFeature("ordertower-connector-kit")));
            Bundle kit = bundle(KIT);
            assertNotNull("the kit bundle is installed with the connectors' features", kit);
            assertEquals(Bundle.ACTIVE, kit.getState());
            List<Bundle> exporters = new java.util.ArrayList<>();
            for (Bundle b : bundleContext.getBundles()) {
                BundleWiring w = b.adapt(BundleWiring.class);
                if (w != null && w.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE).stream().anyMatch(ChannelIT::isKit)) {
                    exporters.add(b);
                }
            }
            assertEquals("one exporter of " + KIT + ": " + exporters, List.of(kit), exporters);
            BundleCapability export = kit.adapt(BundleWiring.class).getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)
                    .stream().filter(ChannelIT::isKit).findFirst().orElseThrow();
            assertEquals(new Version(1, 0, 0), export.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE));

            Class<?> limiter = kit.loadClass(KIT + ".RateLimiter");
            for (String connector : List.of("org.ordertower.channel.taobao", "org.ordertower.carrier.cainiao",
                    "org.ordertower.channel.jd")) {
                Bundle b = bundle(connector);
                assertNotNull(connector + " installed", b);
                await(Duration.ofSeconds(30), () -> b.getState() == Bundle.ACTIVE);
                List<BundleWire> wires = b.adapt(BundleWiring.class).getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)
                        .stream().filter(wire -> isKit(wire.getCapability())).toList();
                assertEquals(connector + " imports " + KIT + " once: " + wires, 1, wires.size());
                assertSame(connector + " is wired to the kit bundle", kit, wires.get(0).getProvider().getBundle());
                assertNull(connector + " embeds no copy of the kit", b.getEntry("org/ordertower/connector/kit/RateLimiter.class"));
                assertSame(connector + " sees the kit's own RateLimiter", limiter, b.loadClass(KIT + ".RateLimiter"));
            }
            // the one map: what the Taobao channel's class hands out for an app key is what the Cainiao carrier's does
            java.lang.reflect.Method shared = limiter.getMethod("shared", String.class, double.class);
            Object viaTaobao = bundle("org.ordertower.channel.taobao").loadClass(KIT + ".RateLimiter")
                    .getMethod("shared", String.class, double.class).invoke(null, "top:it-kit-wiring", 40.0);
            Object viaCainiao = bundle("org.ordertower.carrier.cainiao").loadClass(KIT + ".RateLimiter")
                    .getMethod("shared", String.class, double.class).invoke(null, "top:it-kit-wiring", 40.0);
            assertSame(viaTaobao, viaCainiao);
            assertSame(viaTaobao, shared.invoke(null, "top:it-kit-wiring", 40.0));
        } finally {
            features.uninstallFeatures(new java.util.LinkedHashSet<>(KIT_USERS),
                    EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        }
        await(Duration.ofSeconds(30), () -> bundle(KIT) == null && bundle("org.ordertower.channel.taobao") == null);
    }

    private static final String KIT = "org.ordertower.connector.kit";
    private static final List<String> KIT_USERS = List.of("ordertower-channel-taobao", "ordertower-carrier-cainiao",
            "ordertower-channel-jd");

    private static boolean isKit(BundleCapability c) {
        return KIT.equals(c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE));
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    private static final String WAREHOUSE = "IT-HZ";
    private static final List<String> SKUS = List.of("CUP-WHITE", "CUP-BLUE", "TEA-LJ-250", "TOWEL-3", "SOAP-100", "GIFT-BAG");
    private static final List<String> PARTNER_FEATURES = List.of("ordertower-channel-taobao", "ordertower-wms-qimen",
            "ordertower-carrier-cainiao", "ordertower-carrier-kuaidi100", "ordertower-sim-taobao", "ordertower-sim-qimen",
            "ordertower-sim-cainiao", "ordertower-sim-kuaidi100");

    private long serviceId(Class<?> type) throws Exception {
        service(type, null);
        return (Long) bundleContext.getServiceReference(type).getProperty("service.id");
    }

    private static Configuration account(ConfigurationAdmin cm, String factoryPid, Map<String, String> props)
            throws Exception {
        Configuration c = cm.getFactoryConfiguration(factoryPid, "it", "?");
        c.update(new Hashtable<>(props));
        return c;
    }

    /** What a command that fails printed (Karaf's shell throws its error). */
    private String shellError(String command) throws Exception {
        try {
            return "no error: " + shell(command);
        } catch (Exception e) {
            return String.valueOf(e.getMessage());
        }
    }

    private static long orders(String query) throws Exception {
        HttpResponse<String> r = get("/api/v1/orders?size=1&" + query);
        assertEquals(r.body(), 200, r.statusCode());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"total\":(\\d+)").matcher(r.body());
        assertTrue(r.body(), m.find());
        return Long.parseLong(m.group(1));
    }

    private static long firstOrder(String query) throws Exception {
        HttpResponse<String> r = get("/api/v1/orders?size=1&" + query);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"items\":\\[\\{\"id\":(\\d+)").matcher(r.body());
        assertTrue(r.body(), m.find());
        return Long.parseLong(m.group(1));
    }

    private static long douyinOrders() throws Exception {
        return orders("channel=douyin");
    }
}

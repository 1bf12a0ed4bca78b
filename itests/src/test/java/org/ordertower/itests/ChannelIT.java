package org.ordertower.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.Map;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.RunningSimulator;
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

    @Test
    public void aChannelComesTakesOrdersAndGoesWithoutARestart() throws Exception {
        awaitReady();
        // the feature installed at runtime, once the container's own boot-feature pass is over (an
        // install racing that pass was dropped by it, see RulesIT); no bundle refresh of the rest
        service(BootFinished.class, null);
        FeaturesService features = service(FeaturesService.class, null);
        features.installFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        assertTrue(features.isInstalled(features.getFeature(FEATURE)));
        ChannelService channels = service(ChannelService.class, null);
        await(Duration.ofSeconds(60), () -> channels.platforms().contains("douyin"));

        String started = shell("sim:start --rate 0 --set pushUrl=http://127.0.0.1:" + HTTP_PORT
                + "/api/v1/channels/douyin/push douyin");
        assertTrue(started, started.contains("douyin simulator on port"));
        RunningSimulator sim = channels.simulators().stream().filter(s -> s.channelId().equals("douyin")).findFirst()
                .orElseThrow();
        Map<String, String> shop = sim.shopConfiguration();
        ConfigurationAdmin cm = service(ConfigurationAdmin.class, null);
        Configuration cfg = cm.getFactoryConfiguration("org.ordertower.channel.douyin", "it", "?");
        cfg.update(new Hashtable<>(shop));
        await(Duration.ofSeconds(60), () -> shell("channel:list").contains(shop.get("shop")));

        sim.rate(600, false); // ten orders a second, each pushed (signed) to the webhook route
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
        features.uninstallFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        await(Duration.ofSeconds(60), () -> !shell("channel:list").contains(shop.get("shop")));
        await(Duration.ofSeconds(30), () -> !shell("sim:status").contains("douyin"));
        assertFalse(channels.platforms().contains("douyin"));
        assertTrue("the orders stay", douyinOrders() >= before);
        assertEquals(404, post("/api/v1/channels/douyin/push", "[]", TestUsers.ADMIN).statusCode());
        cfg.delete();
    }

    private static long douyinOrders() throws Exception {
        HttpResponse<String> r = get("/api/v1/orders?channel=douyin&size=1");
        assertEquals(r.body(), 200, r.statusCode());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"total\":(\\d+)").matcher(r.body());
        assertTrue(r.body(), m.find());
        return Long.parseLong(m.group(1));
    }
}

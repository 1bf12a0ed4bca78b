package org.ordertower.flows;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.ordertower.api.channel.ChannelConnector;
import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.api.channel.TokenStore;
import org.ordertower.channel.douyin.internal.DouyinConnector;
import org.ordertower.channel.douyin.internal.DouyinSettings;
import org.ordertower.sim.douyin.DouyinSimulator;
import org.ordertower.channel.jd.internal.JdConnector;
import org.ordertower.channel.jd.internal.JdSettings;
import org.ordertower.sim.jd.JdSimulator;
import org.ordertower.channel.pdd.internal.PddConnector;
import org.ordertower.channel.pdd.internal.PddSettings;
import org.ordertower.sim.pdd.PddSimulator;
import org.ordertower.channel.taobao.internal.TaobaoConnector;
import org.ordertower.channel.taobao.internal.api.TaobaoSettings;
import org.ordertower.sim.taobao.TaobaoSimulator;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimOrderBook;

/**
 * One marketplace shop for {@link EndToEnd}: the platform's simulator on a free port with an app of its own, a real
 * connector against it over HTTP, and what a test reads back from the platform through the simulator's hooks: the
 * company each order was shipped with (as the platform's ship call took it) and the quantity its stock call set on a
 * listing. The simulators allow 2,000 calls a second and the connectors make them, so no rate limit slows a test.
 */
abstract class Marketplace implements AutoCloseable {
    /** The channels there is a marketplace of. */
    static final List<String> CHANNELS = List.of("taobao", "jd", "douyin", "pdd");
    private static final AtomicInteger APPS = new AtomicInteger();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final double RATE = 2000;

    final String channel;
    final String shop;

    private Marketplace(String channel, String shop) {
        this.channel = channel;
        this.shop = shop;
    }

    /** Starts the channel's simulator with a fresh app. */
    static Marketplace start(String channel) {
        long unique = ProcessHandle.current().pid() * 100 + APPS.incrementAndGet();
        return switch (channel) {
            case "taobao" -> new Taobao("23" + unique);
            case "jd" -> new Jd("jd-e2e-" + unique);
            case "douyin" -> new Douyin(String.format(Locale.ROOT, "72%017d", unique));
            case "pdd" -> new Pdd("pdd-e2e-" + unique);
            default -> throw new IllegalArgumentException("no marketplace " + channel + "; there are " + CHANNELS);
        };
    }

    private static SimulatorOptions options(String appKey, String secret, String shop, String... more) {
        Map<String, String> s = new HashMap<>(Map.of("appKey", appKey, "appSecret", secret, "shop", shop, "ratePerSecond",
                String.valueOf((int) RATE)));
        for (int i = 0; i < more.length; i += 2) {
            s.put(more[i], more[i + 1]);
        }
        return new SimulatorOptions(0, 0, false, s);
    }

    /** The simulator. */
    abstract RunningSimulator simulator();

    /** The shop's orders on the platform (tests place orders through it). */
    abstract SimOrderBook book();

    /** A real connector of the shop against the simulator. */
    abstract ChannelConnector connector(TokenStore tokens);

    /** The order's id as the platform gives it (and the connector maps it). */
    String platformOrderId(SimOrder o) {
        return o.orderId;
    }

    /** The company codes the platform's ship call accepted for this order, oldest first. */
    abstract List<String> shippedWith(String platformOrderId);

    /** The quantity the platform's stock call last set on SKU {@code skuId} of item {@code itemId}, or null. */
    abstract Integer quantity(String itemId, String skuId);

    @Override
    public void close() {
        simulator().close();
    }

    /** Taobao: {@code taobao.logistics.offline.send} takes TOP's company code (ZTO, SF...). */
    static final class Taobao extends Marketplace {
        final TaobaoSimulator sim;
        private final String appKey;

        Taobao(String appKey) {
            super("taobao", EndToEnd.SHOP);
            this.appKey = appKey;
            this.sim = TaobaoSimulator.start(options(appKey, "tb-secret", EndToEnd.SHOP, "redeliverSeconds", "10"));
        }

        @Override
        RunningSimulator simulator() {
            return sim;
        }

        @Override
        SimOrderBook book() {
            return sim.book();
        }

        @Override
        ChannelConnector connector(TokenStore tokens) {
            TaobaoSettings s = TaobaoSettings.of(sim.gatewayUrl(), sim.oauthUrl(), appKey, "tb-secret", shop,
                    sim.accessToken(), sim.refreshToken(), null, Clock.systemUTC()).withRates(RATE, RATE);
            return new TaobaoConnector(s, tokens);
        }

        @Override
        List<String> shippedWith(String tid) {
            return sim.shipments().stream().filter(s -> s.tid().equals(tid)).map(TaobaoSimulator.Shipment::companyCode)
                    .toList();
        }

        @Override
        Integer quantity(String numIid, String skuId) {
            return sim.quantity(numIid, skuId).orElse(null);
        }
    }

    /** JD: {@code jingdong.pop.order.shipment} takes JD's numeric company id (logiCoprId). */
    static final class Jd extends Marketplace {
        final JdSimulator sim;

        Jd(String appKey) {
            super("jd", "jd-shop");
            this.sim = JdSimulator.start(options(appKey, "jd-secret", shop));
        }

        @Override
        RunningSimulator simulator() {
            return sim;
        }

        @Override
        SimOrderBook book() {
            return sim.book();
        }

        @Override
        ChannelConnector connector(TokenStore tokens) {
            return new JdConnector(new JdSettings(sim.gatewayUrl(), sim.oauthUrl(), sim.appKey(), sim.appSecret(), shop,
                    sim.accessToken(), sim.refreshToken(), null, tokens, RATE, RATE, TIMEOUT, 50, Clock.systemUTC()));
        }

        @Override
        List<String> shippedWith(String orderId) {
            return sim.shipments().stream().filter(s -> s.orderId().equals(orderId)).map(JdSimulator.Shipped::logiCoprId)
                    .toList();
        }

        /** JD sets stock per SKU id (a SKU id is unique over the shop's wares). */
        @Override
        Integer quantity(String wareId, String skuId) {
            boolean ours = book().listings().stream().anyMatch(l -> l.itemId().equals(wareId) && l.skuId().equals(skuId));
            return ours ? sim.stockOf(skuId).orElse(null) : null;
        }
    }

    /** Douyin: {@code order.logisticsAdd} takes the platform's company code (zhongtong, shunfeng...). */
    static final class Douyin extends Marketplace {
        final DouyinSimulator sim;
        private final String appKey;

        Douyin(String appKey) {
            super("douyin", "4463798");
            this.appKey = appKey;
            this.sim = DouyinSimulator.start(options(appKey, "dy-secret", shop));
        }

        @Override
        RunningSimulator simulator() {
            return sim;
        }

        @Override
        SimOrderBook book() {
            return sim.book();
        }

        @Override
        ChannelConnector connector(TokenStore tokens) {
            Map<String, String> token = sim.issueToken();
            return new DouyinConnector(DouyinSettings.of(sim.gatewayUrl(), appKey, "dy-secret", shop)
                    .withTokens(token.get("access_token"), token.get("refresh_token"), null).withRates(RATE, RATE));
        }

        @Override
        List<String> shippedWith(String orderId) {
            return sim.shipments().stream().filter(s -> s.get(0).equals(orderId)).map(s -> s.get(1)).toList();
        }

        @Override
        Integer quantity(String productId, String skuId) {
            return sim.quantityOf(productId, skuId);
        }
    }

    /** Pinduoduo: {@code pdd.logistics.online.send} takes PDD's numeric logistics_id. */
    static final class Pdd extends Marketplace {
        /** PDD's order_sn: the day placed in Beijing, a dash, the number (as the simulator renders it). */
        private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneId.of("Asia/Shanghai"));
        final PddSimulator sim;

        Pdd(String appKey) {
            super("pdd", "mall-7");
            this.sim = PddSimulator.start(options(appKey, "pdd-secret", shop));
        }

        @Override
        RunningSimulator simulator() {
            return sim;
        }

        @Override
        SimOrderBook book() {
            return sim.book();
        }

        @Override
        ChannelConnector connector(TokenStore tokens) {
            return new PddConnector(new PddSettings(sim.gatewayUrl(), sim.clientId(), sim.clientSecret(), shop,
                    sim.accessToken(), sim.refreshToken(), null, tokens, RATE, RATE, TIMEOUT, 100, Clock.systemUTC()));
        }

        @Override
        String platformOrderId(SimOrder o) {
            return DAY.format(o.created) + "-" + o.orderId;
        }

        @Override
        List<String> shippedWith(String orderSn) {
            return sim.shipments().stream().filter(s -> s.orderSn().equals(orderSn))
                    .map(s -> String.valueOf(s.logisticsId())).toList();
        }

        @Override
        Integer quantity(String goodsId, String skuId) {
            return sim.quantity(goodsId, skuId);
        }
    }
}

package org.ordertower.wms.qimen.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.ordertower.api.Address;
import org.ordertower.api.channel.PushRequest;
import org.ordertower.api.fulfilment.CallbackReply;
import org.ordertower.api.fulfilment.Contact;
import org.ordertower.api.fulfilment.DeliveryOrder;
import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.WmsEvent;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.sim.kit.SimServer;
import org.ordertower.sim.qimen.QimenSimulator;

import com.sun.net.httpserver.HttpServer;

/**
 * A simulator on port 0 (warehouses HZ001 and SH001, OrderTower ids WH-HZ and WH-SH) and connectors against it; with
 * {@link #withErp}, a tiny JDK HTTP server as the ERP's callback endpoint that verifies with the connector and
 * answers with its {@code reply}. Each fixture uses its own app key.
 */
final class SimFixture implements AutoCloseable {
    private static final AtomicInteger APPS = new AtomicInteger();
    static final Duration DEADLINE = Duration.ofSeconds(30);

    final QimenSimulator sim;
    final QimenSettings settings;
    HttpServer erp;
    final List<WmsEvent> events = new CopyOnWriteArrayList<>();
    final List<String> refusals = new CopyOnWriteArrayList<>();
    /** How many callbacks the ERP answers with failure before it accepts again. */
    final AtomicInteger failNext = new AtomicInteger();

    SimFixture(Map<String, String> extra) {
        this(extra, false);
    }

    SimFixture(Map<String, String> extra, boolean withErp) {
        int n = APPS.incrementAndGet();
        QimenConnector[] holder = new QimenConnector[1];
        String callbackUrl = null;
        if (withErp) {
            try {
                erp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            erp.createContext("/api/v1/wms/qimen/callback", ex -> {
                try (ex) {
                    String body;
                    try (InputStream in = ex.getRequestBody()) {
                        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                    Map<String, String> headers = new HashMap<>();
                    ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
                    PushRequest push = new PushRequest(headers, SimServer.parseForm(ex.getRequestURI().getRawQuery()),
                            body, Instant.now());
                    CallbackReply reply;
                    try {
                        List<WmsEvent> got = holder[0].verifyCallback(push);
                        if (failNext.getAndUpdate(x -> Math.max(0, x - 1)) > 0) {
                            reply = holder[0].reply(false, "database busy");
                        } else {
                            events.addAll(got);
                            reply = holder[0].reply(true, "ok");
                        }
                    } catch (PartnerException e) {
                        refusals.add(e.kind() + " " + e.getMessage());
                        reply = holder[0].reply(false, e.getMessage());
                    }
                    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().set("Content-Type", reply.contentType());
                    ex.sendResponseHeaders(reply.status(), bytes.length);
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            });
            erp.start();
            callbackUrl = "http://127.0.0.1:" + erp.getAddress().getPort() + "/api/v1/wms/qimen/callback";
        }
        Map<String, String> s = new HashMap<>(Map.of("appKey", "qimen-test-" + n, "appSecret", "secret-" + n, "customerId",
                "cust-" + n, "ownerCode", "OWNER-" + n, "warehouses", "HZ001,SH001", "ratePerSecond", "1000", "timeScale",
                "20000", "callbackRetryMs", "100"));
        if (callbackUrl != null) {
            s.put("callbackUrl", callbackUrl);
        }
        s.putAll(extra);
        sim = QimenSimulator.start(new SimulatorOptions(0, 0, false, s));
        settings = new QimenSettings(sim.gatewayUrl(), sim.appKey(), sim.appSecret(), sim.customerId(), "md5",
                Set.of("WH-HZ", "WH-SH"), Map.of("WH-HZ", "HZ001", "WH-SH", "SH001"), sim.ownerCode(),
                Duration.ofSeconds(10), 1000, 100, Clock.systemUTC());
        holder[0] = new QimenConnector(settings);
        connector = holder[0];
    }

    final QimenConnector connector;

    static Contact receiver() {
        return new Contact("张三", "13800138000", new Address("CN", "浙江省", "杭州市", "西湖区", "文三路", "100号3幢201",
                "310012"), null);
    }

    static Contact sender() {
        return new Contact("杭州仓", "057188886666", new Address("CN", "浙江省", "杭州市", "余杭区", "仓前街道", "良睦路1号",
                null), null);
    }

    static DeliveryOrder order(String code, String warehouse, String waybill, ParcelLine... lines) {
        return new DeliveryOrder(code, warehouse, "taobao", "ot-shop", "TB" + code, "SF", waybill, null, receiver(),
                sender(), Instant.now().minusSeconds(600), Instant.now().minusSeconds(500), "请尽快发货", List.of(lines));
    }

    /** Polls until true, at most {@link #DEADLINE}; fails with the description. */
    static void until(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + DEADLINE + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }

    List<WmsEvent> eventsFor(String code) {
        return events.stream().filter(e -> e.code().equals(code)).toList();
    }

    @Override
    public void close() {
        sim.close();
        if (erp != null) {
            erp.stop(0);
        }
    }
}

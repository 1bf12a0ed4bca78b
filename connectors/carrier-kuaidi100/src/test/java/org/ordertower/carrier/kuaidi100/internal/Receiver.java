package org.ordertower.carrier.kuaidi100.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.ordertower.api.channel.PushRequest;
import org.ordertower.api.fulfilment.CallbackReply;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.TrackingEvent;
import org.ordertower.connector.kit.Forms;

import com.sun.net.httpserver.HttpServer;

/**
 * Core's callback route in miniature: a JDK HTTP server that hands each push to the connector's
 * {@code verifyCallback} and answers with its {@code reply}. {@link #failFirst} pushes are answered with a failure
 * before being looked at, as a receiver that is down would.
 */
final class Receiver implements AutoCloseable {
    /** One push that verified: its raw param status and the events. */
    record Received(String status, List<TrackingEvent> events) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<String> refused = new CopyOnWriteArrayList<>();
    final AtomicInteger failFirst = new AtomicInteger();
    private final HttpServer server;
    private volatile Kuaidi100Connector connector;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/api/v1/carriers/kuaidi100/callback", ex -> {
            try (ex) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> headers = new HashMap<>();
                ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
                CallbackReply reply;
                if (failFirst.getAndDecrement() > 0) {
                    reply = connector.reply(false, "receiver is restarting");
                } else {
                    try {
                        List<TrackingEvent> events = connector.verifyCallback(new PushRequest(headers, Map.of(), body,
                                Instant.now()));
                        String param = Forms.parse(body).get("param");
                        String status = param.substring(param.indexOf("\"status\":\"") + 10);
                        received.add(new Received(status.substring(0, status.indexOf('"')), events));
                        reply = connector.reply(true, null);
                    } catch (PartnerException e) {
                        refused.add(e.getMessage());
                        reply = connector.reply(false, e.getMessage());
                    }
                }
                byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", reply.contentType());
                ex.sendResponseHeaders(reply.status(), answer.length);
                ex.getResponseBody().write(answer);
            }
        });
        server.start();
    }

    Receiver use(Kuaidi100Connector c) {
        this.connector = c;
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/carriers/kuaidi100/callback";
    }

    /** Waits up to 30 s for the condition. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean(), "timed out waiting for " + what);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

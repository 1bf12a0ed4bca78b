package org.ordertower.alerts.internal.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A group robot's webhook on a free local port, strict as the platform: each subclass checks what its platform checks
 * and answers with the platform's error body. Keeps every message it accepted.
 */
abstract class RobotReceiver implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    /** Answer this many of the next requests with HTTP 500, as a robot that is down. */
    final AtomicInteger fail500 = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    private final HttpServer server;

    RobotReceiver(String path) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(path, this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The platform's answer: null to accept the message. */
    abstract String refusal(Map<String, String> query, String contentType, JsonNode body);

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (InputStream in = ex.getRequestBody()) {
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (fail500.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reply(ex, 500, "<html>502 Bad Gateway</html>");
                return;
            }
            if (!ex.getRequestMethod().equals("POST")) {
                reply(ex, 405, "");
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(raw);
            } catch (IOException e) {
                reply(ex, 200, "{\"errcode\":40035,\"errmsg\":\"invalid json\"}");
                return;
            }
            String refused = refusal(query(ex.getRequestURI().getRawQuery()), ex.getRequestHeaders().getFirst("Content-Type"),
                    body);
            if (refused != null) {
                reply(ex, 200, refused);
                return;
            }
            accepted.add(body);
            reply(ex, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                q.put(eq < 0 ? pair : pair.substring(0, eq),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package org.ordertower.sim.kit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.ordertower.connector.kit.Forms;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The HTTP side of a platform simulator: the JDK's HTTP server on 127.0.0.1, handlers by path prefix,
 * every call kept (the last {@link #KEPT_CALLS}) so tests can assert what a connector sent, and
 * counters for consoles. Bodies over 4 MiB are refused with 413. {@link #faults()} takes the platform down or makes
 * it flaky.
 */
public final class SimServer implements AutoCloseable {
    /** How many calls {@link #calls()} keeps. */
    public static final int KEPT_CALLS = 10_000;
    private static final int MAX_BODY = 4 << 20;
    /**
     * The JDK's server writes an answer's head and body in separate writes with Nagle's algorithm on unless this
     * property is true, so a client that sends a request in two writes (a POST's head and form) waits for the
     * delayed ACK, 40 ms on Linux, on every call: a simulator would answer in 40 ms what takes it under one. A real
     * platform's gateway answers without that wait. The JDK reads the property once, when the JVM's first HTTP
     * server is made; set here unless the JVM was started with it, so that a simulator made first, or alone in its
     * process (the standalone simulators, the node's {@code sim:start}), gets it; the test and benchmark JVMs
     * are started with it.
     */
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    /** Answers one request. */
    @FunctionalInterface
    public interface Handler {
        SimResponse handle(SimRequest request) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Deque<SimRequest> calls = new ArrayDeque<>();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final SimFaults faults = new SimFaults(42);

    /** Binds {@code port} (0: any free port) on 127.0.0.1; serve with {@link #start()}. */
    public SimServer(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sim-http-" + port);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
    }

    /** Routes requests whose path starts with {@code prefix} (the longest prefix wins). */
    public SimServer route(String prefix, Handler handler) {
        handlers.put(prefix, handler);
        return this;
    }

    /**
     * Serves {@code POST /_sim/faults} (the parameters of {@link SimFaults#configure}; a bad one is a 400 naming it)
     * for a simulator without the channel simulators' control paths (a WMS's, a carrier's), so that a drill can make it
     * flaky from outside its process. Never faulted itself.
     */
    public SimServer faultControl() {
        return route(SimControl.PREFIX + "faults", r -> {
            if (!r.method().equals("POST")) {
                return SimResponse.json(405, SimControl.error("use POST " + SimControl.PREFIX + "faults"));
            }
            try {
                faults.configure(r::param);
            } catch (IllegalArgumentException e) {
                return SimResponse.json(400, SimControl.error(e.getMessage()));
            }
            return SimResponse.json("{\"outage\":" + faults.outage() + ",\"failRate\":" + faults.failRate()
                    + ",\"kind\":\"" + faults.kind() + "\"}");
        });
    }

    public SimServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The outage switch and the injected failure rate of this server's calls. */
    public SimFaults faults() {
        return faults;
    }

    /** Adds to a named counter. */
    public void count(String name, long delta) {
        counters.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(delta);
    }

    /** A snapshot of the counters, by name. */
    public Map<String, Long> counters() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** The calls served, oldest first (the last {@link #KEPT_CALLS}). */
    public List<SimRequest> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void exchange(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                send(ex, new SimResponse(413, "text/plain", "body too large"));
                return;
            }
            Map<String, String> headers = new TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
            String text = new String(body, StandardCharsets.UTF_8);
            Map<String, String> query = parseForm(ex.getRequestURI().getRawQuery());
            String type = headers.getOrDefault("content-type", "");
            Map<String, String> form = type.startsWith("application/x-www-form-urlencoded") ? parseForm(text) : Map.of();
            SimRequest request = new SimRequest(ex.getRequestMethod(), ex.getRequestURI().getPath(), query, headers, text, form,
                    Instant.now());
            synchronized (calls) {
                calls.addLast(request);
                if (calls.size() > KEPT_CALLS) {
                    calls.removeFirst();
                }
            }
            count("calls", 1);
            SimFaults.Verdict fault = faults.check(request, this);
            SimResponse response;
            if (fault == null) {
                response = serve(request);
            } else if (fault.answer() != null) {
                response = fault.answer(); // an error status never reaches the handler
            } else {
                response = faults.after(fault, serve(request)); // done, but answered late or cut short
            }
            if (response.status() >= 400) {
                count("refused", 1);
            }
            send(ex, response);
        }
    }

    private SimResponse serve(SimRequest request) {
        Handler handler = handlerFor(request.path());
        if (handler == null) {
            return new SimResponse(404, "text/plain", "no such path: " + request.path());
        }
        try {
            return handler.handle(request);
        } catch (Exception e) {
            return new SimResponse(500, "text/plain", "simulator error: " + e);
        }
    }

    private Handler handlerFor(String path) {
        String best = null;
        for (String prefix : handlers.keySet()) {
            if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : handlers.get(best);
    }

    private static void send(HttpExchange ex, SimResponse r) throws IOException {
        byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", r.contentType());
        r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(r.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** {@code a=1&b=2} (URL-encoded, UTF-8) into a map keeping the first value of each name, in order. */
    public static Map<String, String> parseForm(String raw) {
        return Forms.parse(raw);
    }
}

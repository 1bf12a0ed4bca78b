package org.ordertower.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.Test;
import org.ordertower.itests.tools.LoadDriver;

/**
 * Durability of an acknowledged intake across a hard crash: a burst of orders is posted, the Karaf
 * JVM is killed with SIGKILL right after the last acknowledgement (with more posts still in flight),
 * Karaf is started again on the same data directory, and every order that was answered 2xx must be
 * there exactly once.
 *
 * <p>Runs the real distribution: system property {@code ordertower.distribution} names the
 * tar.gz. It is unpacked under {@code target/durability} ({@link KarafProcess}); Karaf's console output goes to
 * {@code target/durability-karaf-<n>.log}. Needs ports 8182, 8101 and 61616 free (it waits for
 * them). Karaf is always stopped at the end, on failure too.
 */
public class DurabilityIT {
    private static final String BASE = "http://127.0.0.1:8182";
    private static final String AUTHORIZATION = TestUsers.basic(TestUsers.ADMIN);
    private static final URI ORDERS = URI.create(BASE + "/api/v1/orders");
    private static final int[] PORTS = { 8182, 8101, 61616 };
    private static final int BURST_ORDERS = 3_000;
    private static final int BURST_THREADS = 16;
    private static final int TAIL_THREADS = 4;
    private static final int LINES = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
        private static final Pattern ITEM = Pattern.compile("\\{\"id\":(\\d+),.*?\"platformOrderId\":\"([^\"]*)\"",
            Pattern.DOTALL);
    private static final Pattern ACK_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private KarafProcess node;
    private int starts;

    @Test
    public void acknowledgedOrdersSurviveKill9() throws Exception {
        long t0 = System.nanoTime();
        try (KarafProcess karaf = new KarafProcess("durability", PORTS)) {
            node = karaf;
            run();
        } finally {
            List<ProcessHandle> left = node == null ? List.of() : node.processes();
            System.out.printf(Locale.ROOT, "DurabilityIT: total %.1f s, Karaf processes left: %d%n",
                    secondsSince(t0), left.size());
            assertTrue("Karaf processes left behind: " + KarafProcess.describe(left), left.isEmpty());
        }
    }

    private void run() throws Exception {
        String shop = "dur-" + System.currentTimeMillis();

        // 1. Start, wait until intake really stores orders.
        start();
        HttpClient http = newClient();
        long readyMs = waitReady(http, shop);
        System.out.printf(Locale.ROOT, "DurabilityIT: Karaf ready in %.1f s (home %s)%n", readyMs / 1000.0, node.home());

        // 2. Burst: 16 threads, 3,000 unique orders, plus tail posters that keep requests in flight
        //    until the kill. Every 2xx answer is an acknowledgement that must survive.
        Map<String, Long> acked = new ConcurrentHashMap<>();
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        AtomicLong retries = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger tailSent = new AtomicInteger();
        AtomicInteger tailAcked = new AtomicInteger();
        AtomicInteger tailInFlight = new AtomicInteger();
        AtomicInteger tailErrors = new AtomicInteger();

        ExecutorService tail = Executors.newFixedThreadPool(TAIL_THREADS, daemon("tail"));
        AtomicInteger tailCounter = new AtomicInteger();
        for (int i = 0; i < TAIL_THREADS; i++) {
            tail.submit(() -> {
                while (!killed.get()) {
                    String id = shop + "-t" + tailCounter.incrementAndGet();
                    attempted.add(id);
                    tailSent.incrementAndGet();
                    tailInFlight.incrementAndGet();
                    try {
                        HttpResponse<String> r = http.send(post(shop, id), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() / 100 == 2) {
                            acked.put(id, ackId(r.body()));
                            tailAcked.incrementAndGet();
                        }
                    } catch (IOException e) {
                        if (!killed.get()) {
                            tailErrors.incrementAndGet();
                            sleep(100);
                        }
                    } catch (InterruptedException e) {
                        return null;
                    } finally {
                        tailInFlight.decrementAndGet();
                    }
                }
                return null;
            });
        }

        long burstStart = System.nanoTime();
        ExecutorService burst = Executors.newFixedThreadPool(BURST_THREADS, daemon("burst"));
        for (int i = 0; i < BURST_THREADS; i++) {
            burst.submit(() -> {
                int n;
                while ((n = next.incrementAndGet()) <= BURST_ORDERS) {
                    String id = shop + "-" + n;
                    attempted.add(id);
                    // Retry the same id on connection errors and non-2xx: the intake is idempotent, so
                    // a first attempt that was in fact stored comes back as 200 DUPLICATE.
                    for (int attempt = 0; attempt < 60; attempt++) {
                        if (attempt > 0) {
                            retries.incrementAndGet();
                            sleep(Math.min(2_000, 100L * attempt));
                        }
                        try {
                            HttpResponse<String> r = http.send(post(shop, id), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() / 100 == 2) {
                                acked.put(id, ackId(r.body()));
                                break;
                            }
                            failures.computeIfAbsent("HTTP " + r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                        } catch (IOException e) {
                            failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                    }
                }
                return null;
            });
        }
        burst.shutdown();
        boolean burstDone = burst.awaitTermination(10, TimeUnit.MINUTES);

        // 3. kill -9 the whole Karaf process tree right after the last acknowledgement.
        //    The tail posters start no new request from here on; those already sent stay in flight.
        killed.set(true);
        int inFlightAtKill = tailInFlight.get();
        long killAt = System.nanoTime();
        node.kill();
        double burstSeconds = (killAt - burstStart) / 1e9;
        tail.shutdown();
        if (!tail.awaitTermination(2, TimeUnit.MINUTES)) {
            tail.shutdownNow();
        }
        burst.shutdownNow();
        assertTrue("the burst did not finish within 10 minutes", burstDone);
        List<ProcessHandle> survivors = node.processes();
        assertTrue("processes of the killed Karaf still alive: " + KarafProcess.describe(survivors),
                survivors.isEmpty());

        int burstAcked = (int) acked.keySet().stream().filter(id -> !id.startsWith(shop + "-t")).count();
        System.out.printf(Locale.ROOT,
                "DurabilityIT: burst %d orders by %d threads in %.2f s (%.0f orders/s), acknowledged %d, retries %d %s%n",
                BURST_ORDERS, BURST_THREADS, burstSeconds, burstAcked / burstSeconds, burstAcked, retries.get(),
                failures.isEmpty() ? "" : failures.toString());
        System.out.printf(Locale.ROOT,
                "DurabilityIT: tail posters sent %d, acknowledged %d, %d errors before the kill, %d in flight at the kill;"
                        + " kill -9 done%n",
                tailSent.get(), tailAcked.get(), tailErrors.get(), inFlightAtKill);
        assertEquals("every burst order should have been acknowledged before the kill (failures " + failures + ")",
                BURST_ORDERS, burstAcked);

        // 4. Start again on the same directory and read the shop back.
        long restartAt = System.nanoTime();
        start();
        HttpClient http2 = newClient(); // the old client's pooled connections are dead
        long ready2Ms = waitReady(http2, shop);
        System.out.printf(Locale.ROOT, "DurabilityIT: restarted and ready in %.1f s after the kill (%.1f s wait)%n",
                secondsSince(killAt), ready2Ms / 1000.0);

        Map<String, List<Long>> found = listShop(http2, shop);
        int rows = found.values().stream().mapToInt(List::size).sum();
        List<String> lost = new ArrayList<>();
        List<String> wrongId = new ArrayList<>();
        for (Map.Entry<String, Long> e : acked.entrySet()) {
            List<Long> ids = found.get(e.getKey());
            if (ids == null) {
                lost.add(e.getKey());
            } else if (e.getValue() != null && !ids.contains(e.getValue())) {
                wrongId.add(e.getKey() + " acked as " + e.getValue() + ", stored as " + ids);
            }
        }
        List<String> doubled = found.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " x" + e.getValue().size()).sorted().collect(Collectors.toList());
        List<String> unknown = found.keySet().stream().filter(id -> !attempted.contains(id)).sorted()
                .collect(Collectors.toList());
        long unackedButStored = found.keySet().stream().filter(id -> !acked.containsKey(id)).count();

        System.out.printf(Locale.ROOT,
                "DurabilityIT: acknowledged %d, found %d rows / %d distinct after restart, lost %d, doubled %d, "
                        + "stored without ack (in flight) %d; restart to verified %.1f s%n",
                acked.size(), rows, found.size(), lost.size(), doubled.size(), unackedButStored, secondsSince(restartAt));

        assertTrue("acknowledged orders lost after kill -9 (" + lost.size() + "): " + head(new TreeSet<>(lost)),
                lost.isEmpty());
        assertTrue("orders stored more than once: " + head(doubled), doubled.isEmpty());
        assertTrue("orders stored under another id than acknowledged: " + head(wrongId), wrongId.isEmpty());
        assertTrue("orders in the shop that were never posted: " + head(unknown), unknown.isEmpty());
    }

    // ---------------------------------------------------------------- Karaf

    private void start() throws IOException, InterruptedException {
        starts++;
        node.start();
    }

    /** Polls until GET answers 200 and an order POST is acknowledged; tolerates a core that is still starting. */
    private long waitReady(HttpClient http, String shop) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + READY_TIMEOUT.toNanos();
        String last = "no answer yet";
        int probe = 0;
        while (System.nanoTime() < deadline) {
            node.assertAlive();
            try {
                HttpResponse<String> g = http.send(HttpRequest.newBuilder(URI.create(BASE + "/api/v1/orders?size=1"))
                        .timeout(Duration.ofSeconds(10)).header("Authorization", AUTHORIZATION).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (g.statusCode() == 200) {
                    String id = shop + "-probe-" + starts + "-" + (++probe);
                    HttpResponse<String> p = http.send(post(shop + "-probe", id, 30), HttpResponse.BodyHandlers.ofString());
                    if (p.statusCode() / 100 == 2) {
                        return (System.nanoTime() - start) / 1_000_000;
                    }
                    last = "POST answered " + p.statusCode() + " " + p.body();
                } else {
                    last = "GET answered " + g.statusCode();
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        fail("Karaf not ready within " + READY_TIMEOUT.toSeconds() + " s (last: " + last + "); output:\n"
                + node.logTail());
        return -1;
    }

    // ---------------------------------------------------------------- HTTP

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static HttpRequest post(String shop, String id) {
        return post(shop, id, 90);
    }

    private static HttpRequest post(String shop, String id, int timeoutS) {
        String body = LoadDriver.orderJson(shop, id, LINES, id.hashCode());
        return HttpRequest.newBuilder(ORDERS)
                .timeout(Duration.ofSeconds(timeoutS))
                .header("Content-Type", "application/json")
                .header("Authorization", AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static Long ackId(String body) {
        Matcher m = ACK_ID.matcher(body == null ? "" : body);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    /** platformOrderId → order ids of every order in the shop, read page by page (500 a page). */
    private static Map<String, List<Long>> listShop(HttpClient http, String shop) throws IOException, InterruptedException {
        Map<String, List<Long>> found = new HashMap<>();
        int pages = 1;
        long total = -1;
        int rows = 0;
        for (int page = 1; page <= pages; page++) {
            URI u = URI.create(BASE + "/api/v1/orders?channel=own&shop=" + shop + "&page=" + page + "&size=500");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(60))
                    .header("Authorization", AUTHORIZATION).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals("GET " + u + ": " + r.body(), 200, r.statusCode());
            String b = r.body();
            pages = intField(b, "pages");
            total = intField(b, "total");
            int itemsAt = b.indexOf("\"items\"");
            assertTrue("no items in " + u, itemsAt >= 0);
            Matcher m = ITEM.matcher(b);
            m.region(itemsAt, b.length());
            while (m.find()) {
                found.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(Long.valueOf(m.group(1)));
                rows++;
            }
        }
        assertEquals("rows read page by page vs. the total the API reports", total, rows);
        return found;
    }

    private static int intField(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
        assertTrue("no " + name + " in " + json, m.find());
        return Integer.parseInt(m.group(1));
    }

    // ---------------------------------------------------------------- small helpers

    private static String head(java.util.Collection<String> c) {
        return c.stream().limit(20).collect(Collectors.joining(", ", "[", c.size() > 20 ? ", …]" : "]"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "durability-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }
}

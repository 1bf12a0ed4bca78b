package org.ordertower.benchmarks;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console's overview against a running node with many orders (load driver, not a unit test):
 * <ol>
 * <li>fills the node up to {@code --orders} orders through the REST intake ({@code --clients} threads; orders of the
 * channel {@code own}, shop {@code console-bench}, whose SKU maps to nothing, so they wait in review);</li>
 * <li>times, cold, {@code GET /api/v1/orders/stats} (what the live feed reads every half second), the two flow reads
 * of the overview and the head of the review queue; then what the analytics page reads (orders per region and SKUs
 * bought together over 30 days, the warehouses' health, a page of the stock board) and the daily report (figures and
 * drawing);</li>
 * <li>in headless Chromium: logs in, opens the overview and reads the first contentful paint and the time until the
 * order count is on the screen;</li>
 * <li>posts {@code --samples} orders one at a time and times each from its acknowledgement (the commit) until the
 * page shows the new count without a reload.</li>
 * </ol>
 * <pre>
 * tests/benchmarks/run.sh console --user admin:PASSWORD [--orders 100000] [--clients 8] [--samples 10]
 *     [--rest http://127.0.0.1:8182] [--console http://127.0.0.1:8181/ordertower/]
 * </pre>
 * Needs Debian's chromium and chromium-driver (tools/install-test-packages.sh).
 */
public final class ConsoleBench {
    private static final Pattern ORDERS = Pattern.compile("\"total\":\\{.*?\"orders\":(\\d+)");
    private final String rest;
    private final String console;
    private final String user;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ConsoleBench(String rest, String console, String user, String password) {
        this.rest = rest;
        this.console = console;
        this.user = user;
        this.password = password;
    }

    public static void main(String[] args) throws Exception {
        String rest = "http://127.0.0.1:8182";
        String console = "http://127.0.0.1:8181/ordertower/";
        String credentials = System.getenv("ORDERTOWER_USER");
        int orders = 100_000;
        int clients = 8;
        int samples = 10;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--rest" -> rest = v;
                case "--console" -> console = v;
                case "--user" -> credentials = v;
                case "--orders" -> orders = Integer.parseInt(v);
                case "--clients" -> clients = Integer.parseInt(v);
                case "--samples" -> samples = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        if (credentials == null || !credentials.contains(":")) {
            throw new IllegalArgumentException("--user NAME:PASSWORD (or ORDERTOWER_USER) of a user with the role admin");
        }
        int colon = credentials.indexOf(':');
        ConsoleBench b = new ConsoleBench(rest, console, credentials.substring(0, colon), credentials.substring(colon + 1));
        b.fill(orders, clients);
        b.reads(samples);
        b.browser(samples);
    }

    private void fill(int wanted, int clients) throws Exception {
        long have = count();
        if (have >= wanted) {
            System.out.printf(Locale.ROOT, "orders in the database: %,d (no load needed)%n", have);
            return;
        }
        long missing = wanted - have;
        AtomicLong next = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        String run = Long.toString(System.currentTimeMillis(), 36);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                long n;
                while ((n = next.incrementAndGet()) <= missing) {
                    try {
                        if (post("CB-" + run + "-" + n).statusCode() / 100 != 2) {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.HOURS);
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "loaded %,d orders in %.0f s (%.0f orders/s, %d failed); now %,d%n", missing, s,
                missing / s, failed.get(), count());
    }

    /**
     * Each read cold: after the node's sharing window (half a second for the figures, 5 s for a flow) has passed, so
     * it is what one computation costs; the dashboards' callers within the window share it.
     */
    private void reads(int samples) throws Exception {
        for (String path : List.of("/api/v1/orders/stats", "/api/v1/orders/flow?minutes=60",
                "/api/v1/orders/flow?hours=48", "/api/v1/review?limit=1")) {
            boolean flow = path.contains("/flow");
            int n = flow ? Math.min(samples, 5) : samples;
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Thread.sleep(flow ? 5_100 : 600);
                long t = System.nanoTime();
                HttpResponse<String> r = get(path);
                ms.add((System.nanoTime() - t) / 1e6);
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
                }
            }
            System.out.printf(Locale.ROOT, "GET %-32s cold p50 %7.1f ms  max %7.1f ms  (%d reads)%n", path, p50(ms),
                    Collections.max(ms), n);
        }
        // the analytics page and the daily report; a window's analytics are shared 60 s, so each read asks its own
        Map<String, java.util.function.IntFunction<String>> pages = new java.util.LinkedHashMap<>();
        pages.put("/api/v1/orders/analytics?days=30", i -> "/api/v1/orders/analytics?pairs=20&days=" + (30 - i));
        pages.put("/api/v1/fulfilment/warehouses?days=7", i -> "/api/v1/fulfilment/warehouses?days=" + (7 + i));
        pages.put("/api/v1/stock?limit=50", i -> "/api/v1/stock?limit=50");
        pages.put("/api/v1/alerts/report", i -> "/api/v1/alerts/report?date="
                + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(i));
        for (Map.Entry<String, java.util.function.IntFunction<String>> page : pages.entrySet()) {
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < Math.min(samples, 5); i++) {
                String url = page.getValue().apply(i);
                long t = System.nanoTime();
                HttpResponse<String> r = get(url);
                ms.add((System.nanoTime() - t) / 1e6);
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
                }
            }
            System.out.printf(Locale.ROOT, "GET %-32s cold p50 %7.1f ms  max %7.1f ms  (%d reads)%n", page.getKey(), p50(ms),
                    Collections.max(ms), ms.size());
        }
    }

    private void browser(int samples) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/lib/chromium/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        WebDriver d = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
        try {
            WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(120), Duration.ofMillis(10));
            d.get(console);
            wait.until(x -> !x.findElements(By.id("login-user")).isEmpty() && x.findElement(By.id("login-user"))
                    .isDisplayed());
            d.findElement(By.id("login-user")).sendKeys(user);
            d.findElement(By.id("login-password")).sendKeys(password);
            d.findElement(By.id("login-submit")).click();
            wait.until(x -> x.findElement(By.id("user-name")).getText().equals(user));
            d.navigate().refresh(); // a fresh load of the overview, logged in
            JavascriptExecutor js = (JavascriptExecutor) d;
            wait.until(x -> !x.findElement(By.id("ov-orders")).getText().isBlank());
            double shown = ((Number) js.executeScript("return performance.now()")).doubleValue();
            Object fcp = js.executeScript("var e = performance.getEntriesByName('first-contentful-paint');"
                    + "return e.length ? e[0].startTime : null;");
            System.out.printf(Locale.ROOT, "overview: first contentful paint %s ms, order count on screen %.0f ms after "
                    + "navigation start%n", fcp == null ? "n/a" : String.format(Locale.ROOT, "%.0f",
                            ((Number) fcp).doubleValue()), shown);
            List<Double> delays = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                long before = digits(d.findElement(By.id("ov-orders")).getText());
                HttpResponse<String> r = post("CB-live-" + System.nanoTime());
                long acked = System.nanoTime();
                if (r.statusCode() / 100 != 2) {
                    throw new IllegalStateException("intake answered " + r.statusCode() + ": " + r.body());
                }
                wait.until(x -> digits(x.findElement(By.id("ov-orders")).getText()) > before);
                delays.add((System.nanoTime() - acked) / 1e6);
                Thread.sleep(300);
            }
            System.out.printf(Locale.ROOT, "update delay, order committed to count on screen: p50 %.0f ms, max %.0f ms "
                    + "(%d orders)%n", p50(delays), Collections.max(delays), samples);
        } finally {
            d.quit();
        }
    }

    private static long digits(String s) {
        String d = s.replaceAll("\\D", "");
        return d.isEmpty() ? -1 : Long.parseLong(d);
    }

    private static double p50(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get((s.size() - 1) / 2);
    }

    private long count() throws Exception {
        Matcher m = ORDERS.matcher(get("/api/v1/orders/stats").body());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(rest + path)).header("Authorization", basic())
                .timeout(Duration.ofSeconds(120)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String id) throws Exception {
        String json = "{\"channel\":\"own\",\"shop\":\"console-bench\",\"platformOrderId\":\"" + id + "\","
                + "\"platformVersion\":1,\"paymentStatus\":\"PAID\",\"buyer\":{\"name\":\"张三\",\"phone\":\"13800000000\","
                + "\"platformBuyerId\":\"b-" + id + "\"},\"address\":{\"country\":\"CN\",\"province\":\"浙江省\","
                + "\"city\":\"杭州市\",\"district\":\"西湖区\",\"street\":\"文三路\",\"detail\":\"" + id + "\","
                + "\"postcode\":\"310012\"},\"lines\":[{\"lineNo\":\"1\",\"channelSku\":\"CB-UNMAPPED\",\"quantity\":1,"
                + "\"unitPrice\":\"19.90\",\"paidAmount\":\"19.90\"}],\"amounts\":{\"currency\":\"CNY\","
                + "\"goods\":\"19.90\",\"paid\":\"19.90\"},\"createdAt\":\"2026-11-11T00:00:00+08:00\"}";
        return http.send(HttpRequest.newBuilder(URI.create(rest + "/api/v1/orders")).header("Authorization", basic())
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}

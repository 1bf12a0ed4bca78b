package org.ordertower.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser (Debian's headless Chromium, driven by Selenium) against the real distribution
 * run as its own process ({@link KarafProcess}), with the risk-basic rule pack and one SKU whose orders at 70% of its
 * price go to review (price deviation): a reviewer logs in; an order posted
 * over HTTP appears on the overview without a reload; its timeline opens; on a phone-sized window the reviewer claims
 * and approves an order on the review wall; a viewer cannot approve (the server's refusal is on the card); a
 * supervisor's rule parameter with a bad value is refused and the pack keeps its parameters. Screenshots of the main
 * pages go to {@code target/screenshots/}. The API page renders the OpenAPI description, and {@link ApiDescription}
 * checks that description against the node. {@code /metrics} refuses a caller without credentials and gives a viewer the
 * figures in Prometheus' text format, read back with Prometheus' own parser (the Python client's). Needs {@code chromium} and {@code chromium-driver}
 * ({@code tools/install-test-packages.sh}, which {@code .ci/run} calls).
 */
public class ConsoleBrowserIT {
    static final Path CHROMIUM = Paths.get("/usr/lib/chromium/chromium");
    static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    private static final String REST = "http://127.0.0.1:8182";
    private static final String CONSOLE = "http://127.0.0.1:8181/ordertower/";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final Path shots = Paths.get("target", "screenshots").toAbsolutePath();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    public void operationsStaffUseTheConsoleInABrowser() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): run tools/install-test-packages.sh");
        }
        Files.createDirectories(shots);
        try (KarafProcess karaf = new KarafProcess("browser", 8181, 8182, 8101, 61616)) {
            withRulePack(karaf.home());
            karaf.start();
            waitReady(karaf);
            catalog();
            WebDriver browser = chrome();
            try {
                run(browser);
            } finally {
                browser.quit();
            }
        }
    }

    private void run(WebDriver browser) throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.manage().window().setSize(new Dimension(1280, 900));
        login(browser, wait, TestUsers.REVIEWER);

        // the overview counts an order posted over HTTP without a reload
        WebElement counter = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ov-orders")));
        wait.until(b -> !counter.getText().isBlank());
        long before = Long.parseLong(counter.getText().replaceAll("\\D", ""));
        long id = order("BR-1");
        wait.until(b -> Long.parseLong("0" + counter.getText().replaceAll("\\D", "")) > before);
        awaitStatus(id, "IN_REVIEW");
        shot(browser, "overview");

        // its timeline
        browser.get(CONSOLE + "#/orders/" + id);
        wait.until(b -> !b.findElements(By.cssSelector("#order-timeline .tl-entry")).isEmpty());
        assertTrue(browser.findElement(By.id("order-status")).getText().contains("IN_REVIEW"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("order-parcels-table"))); // none yet: in review
        shot(browser, "order-timeline");

        // the review wall on a phone: claim, then approve with a reason
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(CONSOLE + "#/review");
        decide(browser, wait, id, "btn-claim", "checked the listing");
        wait.until(b -> card(b, id).findElements(By.cssSelector(".btn-approve")).stream()
                .anyMatch(WebElement::isEnabled));
        shot(browser, "review-wall-phone");
        decide(browser, wait, id, "btn-approve", "the SKU is the new listing");
        wait.until(b -> b.findElements(By.cssSelector(".review-card[data-order-id='" + id + "']")).isEmpty());
        awaitStatusNot(id, "IN_REVIEW");

        // a viewer sees the wall but the server refuses the decision, and says why on the card
        logout(browser, wait);
        long other = order("BR-2");
        awaitStatus(other, "IN_REVIEW");
        login(browser, wait, TestUsers.VIEWER);
        browser.get(CONSOLE + "#/review");
        decide(browser, wait, other, "btn-claim", "trying");
        wait.until(b -> card(b, other).findElement(By.cssSelector(".card-error")).getText().contains("needs the role"));
        assertEquals("IN_REVIEW", status(other));

        // a supervisor's bad parameter is refused with its reason; the pack keeps its parameters
        browser.manage().window().setSize(new Dimension(1280, 900));
        logout(browser, wait);
        login(browser, wait, TestUsers.SUPERVISOR);
        browser.get(CONSOLE + "#/rules");
        WebElement pack = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".rule-pack[data-pack='risk-basic']")));
        WebElement ratio = pack.findElement(By.cssSelector(".rule-param[data-key='price.review.ratio']"));
        ratio.clear();
        ratio.sendKeys("lots");
        pack.findElement(By.cssSelector(".btn-replay")).click();
        wait.until(b -> b.findElement(By.cssSelector(".rule-pack[data-pack='risk-basic']")).getText()
                .contains("price.review.ratio"));
        assertTrue(pack.getText(), pack.getText().contains("lots"));
        assertTrue(get("/api/v1/rules").contains("\"price.review.ratio\":\"0.85\""));
        shot(browser, "rules");

        // the stock board: a presale switch with a bad value is refused with the server's reason, a good one is saved
        logout(browser, wait);
        login(browser, wait, TestUsers.ADMIN);
        browser.get(CONSOLE + "#/stock");
        WebElement cup = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#stock-board tr.board-row[data-sku='BR-CUP']")));
        cup.findElement(By.cssSelector(".btn-presale")).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("tr.presale-row[data-sku='BR-CUP']")));
        type(form, ".presale-threshold", "5");
        type(form, ".presale-quota", "0");
        type(form, ".presale-reason", "双12预售");
        form.findElement(By.cssSelector(".btn-presale-save")).click();
        wait.until(b -> b.findElement(By.cssSelector("tr.presale-row[data-sku='BR-CUP'] .presale-problems")).getText()
                .contains("quota"));
        assertTrue(get("/api/v1/stock?limit=50").contains("\"presaleThreshold\":0"));
        type(form, ".presale-quota", "20");
        form.findElement(By.cssSelector(".btn-presale-save")).click();
        wait.until(b -> {
            try {
                return get("/api/v1/stock?limit=50").contains("\"presaleThreshold\":5,\"presaleQuota\":20");
            } catch (Exception e) {
                return false;
            }
        });
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("stock-alerts")));
        shot(browser, "stock");

        // analytics: the orders of the last week on the map of China and in the table, and a day's report drawn
        browser.get(CONSOLE + "#/analytics?days=7");
        wait.until(b -> !b.findElements(By.cssSelector("#analytics-regions tr.region[data-province='浙江']")).isEmpty());
        wait.until(b -> !b.findElements(By.cssSelector("#analytics-map canvas")).isEmpty());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("analytics-warehouses")));
        shot(browser, "analytics");
        browser.findElement(By.id("report-show")).click();
        WebElement report = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("report-image")));
        wait.until(b -> Long.valueOf(1080).equals(((org.openqa.selenium.JavascriptExecutor) b)
                .executeScript("return arguments[0].naturalWidth;", report)));
        shot(browser, "analytics-report");

        browser.get(CONSOLE + "#/alerts");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("alerts-test")));
        shot(browser, "alerts");

        browser.get(CONSOLE + "#/channels");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shops")));
        shot(browser, "channels");

        metrics(other);
        webConsoleTab();

        // the API description: rendered for a person by Swagger UI through the console, and true against the node
        browser.get("http://127.0.0.1:8181/ordertower/static/api-docs.html");
        wait.until(b -> b.findElements(By.cssSelector(".opblock")).size() > 20);
        shot(browser, "api-docs");
        ApiDescription api = new ApiDescription(REST);
        api.check(api.served(Paths.get("..", "docs", "openapi.yaml")));

        // the one roles table, walked for every role over HTTP, the shell and JMS
        new RolesTable(REST, 8101).jms("tcp://127.0.0.1:61616").check();
    }

    /** Karaf's web console (at /system/console, the karaf realm) has an OrderTower tab that links to the console. */
    private void webConsoleTab() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8181/system/console/ordertower"))
                .header("Authorization", TestUsers.basic(TestUsers.ADMIN)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("<a href=\"/ordertower/\">Open the OrderTower console"));
        assertTrue(r.body(), r.body().contains("OrderTower"));
    }

    /** /metrics: Basic login through the REST realm, then the text format as Prometheus reads it. */
    private void metrics(long waiting) throws Exception {
        URI uri = URI.create("http://127.0.0.1:8181/metrics");
        assertEquals(401, http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Authorization",
                TestUsers.basic(TestUsers.VIEWER)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        Process parser = new ProcessBuilder("/usr/bin/python3", "-c", String.join("\n",
                "import sys",
                "from prometheus_client.parser import text_string_to_metric_families",
                "for f in text_string_to_metric_families(sys.stdin.read()):",
                "    for s in f.samples:",
                "        print(f.type, s.name, s.labels.get('channel', ''), s.labels.get('status', ''), s.value)"))
                .redirectErrorStream(true).start();
        parser.getOutputStream().write(r.body().getBytes(StandardCharsets.UTF_8));
        parser.getOutputStream().close();
        String parsed = new String(parser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(parsed, 0, parser.waitFor());
        List<String> samples = parsed.lines().toList();
        assertTrue(parsed, samples.contains("gauge ordertower_orders own IN_REVIEW 1.0"));
        assertTrue(parsed, samples.stream().anyMatch(l -> l.startsWith("counter ordertower_rule_evaluations_total ")));
        assertTrue(parsed, samples.stream().anyMatch(l -> l.startsWith("gauge jvm_memory_bytes_used ")));
        assertTrue(parsed, samples.stream().anyMatch(l -> l.startsWith("gauge ordertower_review_waiting  ")
                && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) >= 1));
        assertTrue(waiting > 0);

        // a Prometheus scraper with an API token of its own (viewer), issued by the admin; revoked, it is refused
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(REST + "/api/v1/tokens"))
                .header("Authorization", TestUsers.basic(TestUsers.ADMIN)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"prometheus\",\"roles\":[\"viewer\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(issued.body(), 201, issued.statusCode());
        String token = issued.body().replaceAll(".*\"token\":\"(ott_[^\"]+)\".*", "$1");
        long tokenId = Long.parseLong(issued.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
        HttpResponse<String> scraped = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scraped.statusCode());
        assertTrue(scraped.body().contains("ordertower_orders{"));
        http.send(HttpRequest.newBuilder(URI.create(REST + "/api/v1/tokens/" + tokenId)).header("Authorization",
                TestUsers.basic(TestUsers.ADMIN)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private static WebElement card(WebDriver b, long id) {
        return b.findElement(By.cssSelector(".review-card[data-order-id='" + id + "']"));
    }

    /** Types the reason into the order's card and presses one of its buttons. */
    private static void decide(WebDriver b, WebDriverWait wait, long id, String button, String reason) {
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".review-card[data-order-id='" + id + "']")));
        WebElement why = card.findElement(By.cssSelector(".reason"));
        why.clear();
        why.sendKeys(reason);
        WebElement press = card.findElement(By.cssSelector("." + button));
        ((org.openqa.selenium.JavascriptExecutor) b).executeScript("arguments[0].scrollIntoView({block:'center'})",
                press);
        press.click();
    }

    private static void login(WebDriver b, WebDriverWait wait, String user) {
        b.get(CONSOLE);
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user")));
        name.clear();
        name.sendKeys(user);
        b.findElement(By.id("login-password")).sendKeys(TestUsers.PASSWORD);
        b.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("user-name"), user));
    }

    private static void type(WebElement form, String css, String text) {
        WebElement field = form.findElement(By.cssSelector(css));
        field.clear();
        field.sendKeys(text);
    }

    private static void logout(WebDriver b, WebDriverWait wait) {
        b.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user")));
    }

    private void shot(WebDriver b, String name) throws IOException {
        Files.write(shots.resolve(name + ".png"), ((TakesScreenshot) b).getScreenshotAs(OutputType.BYTES));
    }

    private static WebDriver chrome() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /**
     * The risk-basic pack joins the boot features of this copy, as run.sh --demo does; and one marketplace, one
     * warehouse system and one tracking service, so that their open paths (webhook, callbacks) are there to be
     * checked against the API description.
     */
    private static void withRulePack(Path home) throws IOException {
        Path cfg = home.resolve("etc/org.apache.karaf.features.cfg");
        String text = Files.readString(cfg, StandardCharsets.UTF_8);
        // Karaf's own web console too, to find OrderTower's tab in it
        String with = text.replaceFirst("(?m)^(    ordertower/[^,]*), \\\\$", "$1, ordertower-rules-risk-basic, webconsole, "
                + "ordertower-channel-douyin, ordertower-wms-qimen, ordertower-carrier-kuaidi100, \\\\");
        assertTrue("no ordertower line in featuresBoot", !with.equals(text));
        Files.writeString(cfg, with, StandardCharsets.UTF_8);
    }

    private void waitReady(KarafProcess karaf) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            karaf.assertAlive();
            try {
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(CONSOLE)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                String rules = get("/api/v1/rules");
                if (page.statusCode() == 200 && rules.contains("risk-basic")) {
                    return;
                }
                last = "console " + page.statusCode() + ", rules " + rules;
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(1000);
        }
        fail("the console was not ready within 180 s (" + last + "); output:\n" + karaf.logTail());
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(REST + path)).header("Authorization",
                TestUsers.basic(TestUsers.ADMIN)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String status(long id) throws Exception {
        return get("/api/v1/orders/" + id).replaceAll("(?s).*?\"status\":\"([A-Z_]+)\".*", "$1");
    }

    private void awaitStatus(long id, String wanted) throws Exception {
        for (int i = 0; i < 60 && !status(id).equals(wanted); i++) {
            Thread.sleep(500);
        }
        assertEquals(wanted, status(id));
    }

    private void awaitStatusNot(long id, String old) throws Exception {
        for (int i = 0; i < 60 && status(id).equals(old); i++) {
            Thread.sleep(500);
        }
        assertTrue(String.format(Locale.ROOT, "order %d still %s", id, old), !status(id).equals(old));
    }

    /** One SKU (base price 10.00) and its listing on the "own" channel's shop "browser". */
    private void catalog() throws Exception {
        csv("/api/v1/catalog/skus", "code,name,barcode,base_price,weight_g,attributes,cold_chain,parts,"
                + "low_stock_threshold,presale_threshold,presale_quota\nBR-CUP,Browser cup,,10.00,100,,false,,0,0,0\n");
        csv("/api/v1/catalog/mappings", "channel,shop,channel_sku,item_id,outer_code,master_sku,factor\n"
                + "own,browser,BR-CUP,,,BR-CUP,1\n");
    }

    private void csv(String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(REST + path + "?dryRun=false"))
                .header("Authorization", TestUsers.basic(TestUsers.ADMIN)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
    }

    /** An order at 70% of the SKU's base price: risk-basic's price deviation sends it to review. */
    private long order(String id) throws Exception {
        String json = "{\"channel\":\"own\",\"shop\":\"browser\",\"platformOrderId\":\"" + id + "\",\"platformVersion\":1,"
                + "\"paymentStatus\":\"PAID\",\"buyer\":{\"name\":\"韩梅梅\",\"phone\":\"13912345678\","
                + "\"platformBuyerId\":\"buyer-" + id + "\"},\"address\":{\"country\":\"CN\",\"province\":\"浙江省\","
                + "\"city\":\"杭州市\",\"district\":\"西湖区\",\"street\":\"文三路\",\"detail\":\"" + id + "号\","
                + "\"postcode\":\"310012\"},\"lines\":[{\"lineNo\":\"1\",\"channelSku\":\"BR-CUP\",\"quantity\":1,"
                + "\"unitPrice\":\"7.00\",\"paidAmount\":\"7.00\"}],\"amounts\":{\"currency\":\"CNY\",\"goods\":\"7.00\","
                + "\"paid\":\"7.00\"},\"createdAt\":\"2026-11-11T00:00:00+08:00\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(REST + "/api/v1/orders"))
                .header("Authorization", TestUsers.basic(TestUsers.ADMIN)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 201, r.statusCode());
        return Long.parseLong(r.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
    }

    static List<String> screenshots() {
        return List.of("overview", "order-timeline", "review-wall-phone", "rules", "stock");
    }
}

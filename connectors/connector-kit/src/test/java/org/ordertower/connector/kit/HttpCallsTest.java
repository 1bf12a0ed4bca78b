package org.ordertower.connector.kit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.fulfilment.PartnerException;

import com.sun.net.httpserver.HttpServer;

class HttpCallsTest {
    private static final Duration HINT = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", x -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.createContext("/status", x -> {
            x.sendResponseHeaders(Integer.parseInt(x.getRequestURI().getQuery()), -1);
            x.close();
        });
        server.createContext("/limited", x -> {
            // /limited?<Retry-After value>, or no header for /limited
            String q = x.getRequestURI().getRawQuery();
            if (q != null) {
                x.getResponseHeaders().set("Retry-After", java.net.URLDecoder.decode(q, StandardCharsets.UTF_8));
            }
            x.sendResponseHeaders(429, -1);
            x.close();
        });
        server.createContext("/slow", x -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aTwoHundredAnswersItsBody() {
        HttpCalls<ChannelException> calls = HttpCalls.named("pdd", http, Failure.channel(), HINT);
        assertEquals("{\"ok\":true}", calls.exchange(get("/ok"), "pdd.time.get").body());
    }

    @Test
    void theDateHeaderOfEveryAnswerTellsThePlatformClockHowFarThisMachinesIsOff() {
        // this machine's clock 10 minutes behind the server's (the server's Date header is the real time)
        PlatformClock clock = new PlatformClock("pdd", java.time.Clock.offset(java.time.Clock.systemUTC(),
                Duration.ofMinutes(-10)));
        HttpCalls<ChannelException> calls = HttpCalls.named("pdd", http, Failure.channel(), HINT).withClock(clock);
        calls.exchange(get("/ok"), "pdd.time.get");
        long ahead = clock.offset().toMillis();
        assertTrue(ahead > 597_000 && ahead < 603_000, "the platform is read 10 minutes ahead, was " + ahead + " ms");
        assertTrue(Duration.between(java.time.Instant.now(), clock.instant()).abs().toSeconds() <= 2,
                "the platform clock reads the server's time");
        assertEquals(1, clock.corrections());
        // a refusal's Date header tells as much as a success's
        assertThrows(ChannelException.class, () -> calls.exchange(get("/status?503"), "m"));
        assertEquals(1, clock.corrections(), "the same offset again is no correction");
    }

    @Test
    void aRateLimitWaitsAsTheAnswersRetryAfterSaysWithinBoundsOrElseTheClientsHint() {
        HttpCalls<ChannelException> calls = HttpCalls.named("jd", http, Failure.channel(), HINT);
        assertEquals(Duration.ofSeconds(7), limited(calls, "/limited?7"));
        assertEquals(HINT, limited(calls, "/limited"), "no Retry-After: the client's hint");
        assertEquals(HINT, limited(calls, "/limited?soon"), "an unreadable one: the client's hint");
        assertEquals(Duration.ofSeconds(1), limited(calls, "/limited?0"), "at least a second");
        assertEquals(Duration.ofHours(1), limited(calls, "/limited?999999999999"), "at most an hour");
        // an HTTP date, read against the answer's own Date header
        String in90s = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.now().plusSeconds(90));
        long waited = limited(calls, "/limited?" + java.net.URLEncoder.encode(in90s, StandardCharsets.UTF_8)).toSeconds();
        assertTrue(waited >= 88 && waited <= 91, "about 90 s, was " + waited);
    }

    private Duration limited(HttpCalls<ChannelException> calls, String path) {
        ChannelException e = assertThrows(ChannelException.class, () -> calls.exchange(get(path), "m"));
        assertEquals(ChannelException.Kind.RATE_LIMITED, e.kind());
        assertEquals("HTTP 429", e.platformCode());
        return e.retryAfter();
    }

    @Test
    void statusesBecomeKindsWithTheNamedWordingAndCodes() {
        HttpCalls<ChannelException> calls = HttpCalls.named("pdd", http, Failure.channel(), HINT);

        ChannelException limited = assertThrows(ChannelException.class, () -> calls.exchange(get("/status?429"), "m"));
        assertEquals(ChannelException.Kind.RATE_LIMITED, limited.kind());
        assertEquals("pdd m answered HTTP 429", limited.getMessage());
        assertEquals("HTTP 429", limited.platformCode());
        assertEquals(HINT, limited.retryAfter());

        ChannelException down = assertThrows(ChannelException.class, () -> calls.exchange(get("/status?503"), "m"));
        assertEquals(ChannelException.Kind.TRANSIENT, down.kind());
        assertEquals("pdd m answered HTTP 503", down.getMessage());
        assertEquals("HTTP 503", down.platformCode());
        assertNull(down.retryAfter());

        ChannelException gone = assertThrows(ChannelException.class, () -> calls.exchange(get("/status?404"), "m"));
        assertEquals(ChannelException.Kind.PERMANENT, gone.kind());
        assertEquals("pdd m answered HTTP 404", gone.getMessage());
        assertEquals("HTTP 404", gone.platformCode());

        assertEquals(ChannelException.Kind.PERMANENT, assertThrows(ChannelException.class,
                () -> calls.requireOk("m", 201)).kind(), "only 200 is fine");
    }

    @Test
    void aClientCanAddATransientStatusAndItsOwnCodePrefix() {
        HttpCalls<ChannelException> calls = HttpCalls.named("douyin", http, Failure.channel(), HINT)
                .withStatusCodePrefix("http-").withTransientStatus(408);
        ChannelException e = assertThrows(ChannelException.class, () -> calls.requireOk("m", 408));
        assertEquals(ChannelException.Kind.TRANSIENT, e.kind());
        assertEquals("http-408", e.platformCode());
        assertEquals("http-429", assertThrows(ChannelException.class, () -> calls.requireOk("m", 429)).platformCode());
    }

    @Test
    void rejectRetryableLeavesOtherStatusesToTheClient() {
        HttpCalls<PartnerException> calls = HttpCalls.top(http, Failure.partner(), HINT);
        assertDoesNotThrow(() -> calls.rejectRetryable("m", 400));
        assertEquals(PartnerException.Kind.TRANSIENT,
                assertThrows(PartnerException.class, () -> calls.rejectRetryable("m", 500)).kind());
        PartnerException e = calls.unexpectedStatus("cainiao.waybill.ii.get", 400);
        assertEquals(PartnerException.Kind.PERMANENT, e.kind());
        assertEquals("TOP cainiao.waybill.ii.get answered HTTP 400", e.getMessage());
        assertEquals("400", e.partnerCode(), "TOP clients' codes are the bare status");
    }

    @Test
    void aRefusedConnectionIsTransientAndNamesTheError() throws IOException {
        URI closed = closedPort();
        PartnerException named = assertThrows(PartnerException.class, () -> HttpCalls.named("qimen", http,
                Failure.partner(), HINT).send(HttpRequest.newBuilder(closed).build(), "deliveryorder.create"));
        assertEquals(PartnerException.Kind.TRANSIENT, named.kind());
        assertTrue(named.getMessage().startsWith("qimen deliveryorder.create failed: "), named.getMessage());
        assertInstanceOf(IOException.class, named.getCause());
        assertNull(named.partnerCode());

        ChannelException top = assertThrows(ChannelException.class, () -> HttpCalls.top(http, Failure.channel(), HINT)
                .send(HttpRequest.newBuilder(closed).build(), "taobao.trade.get"));
        assertEquals("TOP taobao.trade.get failed: " + top.getCause(), top.getMessage());
    }

    @Test
    void aTimeoutNamesTheRequestsTimeout() {
        HttpRequest slow = HttpRequest.newBuilder(uri("/slow")).timeout(Duration.ofMillis(200)).build();
        ChannelException e = assertThrows(ChannelException.class,
                () -> HttpCalls.named("jd", http, Failure.channel(), HINT).send(slow, "jingdong.pop.order.get"));
        assertEquals(ChannelException.Kind.TRANSIENT, e.kind());
        assertEquals("jd jingdong.pop.order.get timed out after PT0.2S", e.getMessage());
    }

    @Test
    void anInterruptIsTransientAndTheFlagStaysSet() {
        HttpCalls<ChannelException> named = HttpCalls.named("douyin", http, Failure.channel(), HINT);
        HttpCalls<ChannelException> top = HttpCalls.top(http, Failure.channel(), HINT);
        try {
            Thread.currentThread().interrupt();
            ChannelException e = assertThrows(ChannelException.class, () -> named.send(get("/slow"), "order.detail"));
            assertEquals(ChannelException.Kind.TRANSIENT, e.kind());
            assertEquals("douyin order.detail was interrupted", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
            ChannelException t = assertThrows(ChannelException.class, () -> top.send(get("/slow"), "taobao.trade.get"));
            assertEquals("interrupted while calling TOP taobao.trade.get", t.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static URI closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort() + "/");
        }
    }
}

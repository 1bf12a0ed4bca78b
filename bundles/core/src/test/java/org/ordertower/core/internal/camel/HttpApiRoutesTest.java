package org.ordertower.core.internal.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ordertower.api.Caller;
import org.ordertower.core.internal.http.HttpGuard;
import org.ordertower.core.spi.http.HttpApi;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.JsonReplies;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.core.internal.security.Authenticator;
import org.ordertower.core.internal.security.JaasAuthenticator;
import org.ordertower.core.internal.security.LoginCache;
import org.ordertower.core.internal.security.TestRealm;

/**
 * The route over real HTTP: two interfaces share one Jetty port, each gets what was asked with its
 * own body limit, a body over the limit is refused without being read to its end, and each reply
 * keeps its content type and headers. Callers log in with HTTP Basic to Karaf's properties login
 * module (through the login cache), except on the open webhook prefix.
 */
class HttpApiRoutesTest {
    private static final int LIMIT_A = 1000;
    private static final int LIMIT_B = 2000;
    private static final String ADMIN_HEADER = "Authorization: " + basic("admin", TestRealm.PASSWORD) + "\r\n";
    private static final AtomicReference<Call> last = new AtomicReference<>();
    /** Logins that reached the realm, past the cache. */
    private static final AtomicInteger realmLogins = new AtomicInteger();
    @TempDir
    static Path dir;
    private static DefaultCamelContext camel;
    private static HttpGuard guard;
    private static int port;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** What a handler was handed. */
    record Call(String caller, String method, String path, Map<String, String> query, String contentType, String body) {
    }

    private static HttpReply handle(Caller caller, String method, String path, Map<String, String> query, String contentType,
            String body) {
        last.set(new Call(caller.name(), method, path, query, contentType, body));
        if (body == null && method.equals("POST")) {
            return new HttpReply(413, "{\"error\":\"too large\"}");
        }
        if (path.endsWith("/csv")) {
            return new HttpReply(200, "a,b\r\n1,é\r\n", Map.of(), "text/csv; charset=utf-8");
        }
        return new HttpReply(200, "{\"method\":\"" + method + "\"}", Map.of("Retry-After", "7"));
    }

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        JaasAuthenticator jaas = new JaasAuthenticator(TestRealm.REALM, TestRealm.in(dir));
        Authenticator counted = (user, password) -> {
            realmLogins.incrementAndGet();
            return jaas.authenticate(user, password);
        };
        guard = new HttpGuard(new LoginCache(counted, LoginCache.TTL, Clock.systemUTC()), new OrderJson());
        camel = new DefaultCamelContext();
        camel.start();
        camel.addRoutes(new HttpApiRoutes("test-a", "127.0.0.1", port, "/api/v1/a", LIMIT_A, HttpApiRoutesTest::handle, guard));
        camel.addRoutes(new HttpApiRoutes("test-b", "127.0.0.1", port, "/api/v1/b", LIMIT_B, HttpApiRoutesTest::handle, guard));
        camel.addRoutes(new HttpApiRoutes("test-hooks", "127.0.0.1", port, "/api/v1/channels", LIMIT_A, HttpApiRoutesTest::handle,
                guard));
        camel.addRoutes(HttpApiRoutes.unknownPaths("127.0.0.1", port, new JsonReplies(new OrderJson())));
    }

    @Test
    void aPathNoInterfaceServesIsA404ProblemAndAMultipartBodyReachesTheHandlerAsItIs() throws Exception {
        for (String path : List.of("/nope", "/api/v2/orders", "/")) {
            HttpResponse<String> r = send(anonymous(path).GET());
            assertEquals(404, r.statusCode(), path + ": " + r.body());
            assertEquals("application/problem+json;charset=utf-8", contentType(r), path);
            assertTrue(r.body().contains("\"title\":\"Not Found\"") && r.body().contains("no such resource " + path), r.body());
        }
        HttpResponse<String> a = send(request("/api/v1/a/x").GET());
        assertEquals(200, a.statusCode(), "a longer base path wins over the fallback: " + a.body());
        String multipart = "--b\r\nContent-Disposition: form-data; name=\"order\"\r\n\r\n{}\r\n--b--\r\n";
        HttpResponse<String> m = send(request("/api/v1/a/orders").header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString(multipart)));
        assertEquals(200, m.statusCode(), m.body());
        assertEquals(multipart, last.get().body(), "not parsed by Jetty: the handler decides (a 415 for orders)");
        assertEquals("multipart/form-data; boundary=b", last.get().contentType());
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    @BeforeEach
    void forget() {
        last.set(null);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String contentType(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse("").replace(" ", "");
    }

    /** A request by the admin (Karaf's admingroup). */
    private HttpRequest.Builder request(String pathAndQuery) {
        return request(pathAndQuery, "admin");
    }

    private HttpRequest.Builder request(String pathAndQuery, String user) {
        return anonymous(pathAndQuery).header("Authorization", basic(user, TestRealm.PASSWORD));
    }

    private HttpRequest.Builder anonymous(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBundlesApiIsServedBehindTheGuardWhileItIsRegisteredAndAnswers404Afterwards() throws Exception {
        HttpWhiteboard whiteboard = new HttpWhiteboard(camel, "127.0.0.1", port, guard);
        HttpApi probe = HttpApi.of("probe", "/api/v1/probe", LIMIT_A,
                (caller, method, path, query, contentType, body) -> new HttpReply(200, "{\"who\":\"" + caller.name() + "\"}"));
        assertTrue(whiteboard.add(probe));
        assertNotNull(camel.getRoute("ordertower-http-probe"));
        HttpResponse<String> r = send(request("/api/v1/probe/x").GET());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"who\":\"admin\"}", r.body());
        assertEquals(401, send(anonymous("/api/v1/probe/x").GET()).statusCode(), "behind the core's guard");
        assertFalse(whiteboard.add(HttpApi.of("probe", "/api/v1/other", LIMIT_A, HttpApiRoutesTest::handle)),
                "a second API of one name is refused");

        whiteboard.remove(probe);
        assertNull(camel.getRoute("ordertower-http-probe"));
        assertEquals(404, send(request("/api/v1/probe/x").GET()).statusCode(), "gone with its bundle");
        assertEquals(200, send(request("/api/v1/a/x").GET()).statusCode(), "the other routes on the port stay");
        assertThrows(IllegalArgumentException.class, () -> HttpApi.of("no spaces", "/x", 1, HttpApiRoutesTest::handle));
    }

    @Test
    void theHandlerGetsWhatWasAskedAndItsReplyIsSentAsItSays() throws Exception {
        HttpResponse<String> r = send(request("/api/v1/a/x%20y?q=1%202&flag").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"é\"}", StandardCharsets.UTF_8)));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json;charset=utf-8", contentType(r), "Jetty writes it without the space");
        assertEquals("7", r.headers().firstValue("Retry-After").orElse(null));
        assertEquals(new Call("admin", "POST", "/api/v1/a/x%20y", Map.of("q", "1 2", "flag", ""), "application/json", "{\"name\":\"é\"}"),
                last.get());

        HttpResponse<String> csv = send(request("/api/v1/a/csv").GET());
        assertEquals(200, csv.statusCode());
        assertEquals("text/csv;charset=utf-8", contentType(csv));
        assertEquals("a,b\r\n1,é\r\n", csv.body());
        assertNull(last.get().body(), "a GET has no body");
    }

    @Test
    void eachBasePathHasItsOwnBodyLimit() throws Exception {
        HttpResponse<String> atLimit = send(request("/api/v1/a").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(LIMIT_A))));
        assertEquals(200, atLimit.statusCode(), atLimit.body());
        assertEquals(LIMIT_A, last.get().body().length());

        HttpResponse<String> over = send(request("/api/v1/a").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(LIMIT_A + 1))));
        assertEquals(413, over.statusCode());
        assertNull(last.get().body());

        HttpResponse<String> otherRoute = send(request("/api/v1/b").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(LIMIT_A + 1))));
        assertEquals(200, otherRoute.statusCode(), "the same body is within the other route's limit");
        assertEquals("/api/v1/b", last.get().path());
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingTheBody() throws Exception {
        // 10 MB announced, 10 bytes sent: a route that read the body would wait for the rest
        String response = raw("POST /api/v1/a HTTP/1.1\r\nHost: x\r\n" + ADMIN_HEADER + "Content-Type: text/plain\r\nContent-Length: 10485760\r\n\r\n"
                + "0123456789");
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertNull(last.get().body());
    }

    @Test
    void aChunkedBodyIsCutOffAfterTheLimitWithoutWaitingForItsEnd() throws Exception {
        // two chunks that together pass the limit, and no last chunk: reading to the end would block
        String chunk = "x".repeat(LIMIT_A / 2 + 10);
        String hex = Integer.toHexString(chunk.length());
        String response = raw("POST /api/v1/a HTTP/1.1\r\nHost: x\r\n" + ADMIN_HEADER + "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                + hex + "\r\n" + chunk + "\r\n" + hex + "\r\n" + chunk + "\r\n");
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertNull(last.get().body());
    }

    @Test
    void withoutCredentialsTheAnswerIs401WithTheChallengeAndTheHandlerIsNotCalled() throws Exception {
        HttpResponse<String> none = send(anonymous("/api/v1/a/x").GET());
        assertEquals(401, none.statusCode(), none.body());
        assertEquals("Basic realm=\"OrderTower\"", none.headers().firstValue("WWW-Authenticate").orElse(null));
        assertTrue(none.body().contains("authentication required"), none.body());
        HttpResponse<String> wrong = send(anonymous("/api/v1/a/x").header("Authorization", basic("admin", "guess")).GET());
        assertEquals(401, wrong.statusCode(), wrong.body());
        assertFalse(wrong.body().contains("guess"), wrong.body());
        assertNull(last.get(), "refused before the handler");
    }

    @Test
    void aRefusedCallersBodyIsNotRead() throws Exception {
        // 10 MB announced, 10 bytes sent, no credentials: a route that read the body would wait for the rest
        String response = raw("POST /api/v1/b HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 10485760\r\n\r\n"
                + "0123456789");
        assertTrue(response.startsWith("HTTP/1.1 401"), response);
        assertNull(last.get());
    }

    @Test
    void aCallerWithoutTheRoleGets403AndOneWithItGetsThrough() throws Exception {
        HttpResponse<String> refused = send(request("/api/v1/a/x", "viewer").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("needs the role admin or operator; viewer does not have it"), refused.body());
        assertNull(last.get());

        HttpResponse<String> read = send(request("/api/v1/a/x", "viewer").GET());
        assertEquals(200, read.statusCode(), read.body());
        assertEquals("viewer", last.get().caller(), "the handler knows who asked");
        HttpResponse<String> written = send(request("/api/v1/a/x", "ops").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(200, written.statusCode(), written.body());
        assertEquals("ops", last.get().caller());
        assertEquals(403, send(request("/api/v1/a/x", "nobody").GET()).statusCode(), "a user without roles reads nothing");
    }

    @Test
    void webhooksNeedNoCredentials() throws Exception {
        HttpResponse<String> hook = send(anonymous("/api/v1/channels/douyin/webhook").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"event\":1}")));
        assertEquals(200, hook.statusCode(), hook.body());
        assertEquals(new Call("anonymous", "POST", "/api/v1/channels/douyin/webhook", Map.of(), "application/json", "{\"event\":1}"),
                last.get());
    }

    @Test
    void aDotSegmentCannotTurnAnOpenPathIntoAnother() throws Exception {
        for (String path : new String[] { "/api/v1/channels/../a/x", "/api/v1/channels/%2e%2e/a/x" }) {
            String response = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 400") || response.startsWith("HTTP/1.1 401"), path + ": " + response);
            assertNull(last.get(), path);
        }
    }

    @Test
    void aBusyClientLogsInToTheRealmOnce() throws Exception {
        int before = realmLogins.get();
        for (int i = 0; i < 20; i++) {
            assertEquals(200, send(request("/api/v1/b/busy", "dpo").GET()).statusCode());
        }
        assertEquals(1, realmLogins.get() - before, "the login cache answered the other 19");
    }

    /** Sends the bytes as they are, keeps the connection open for writing, and reads the response head. */
    private static String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }
    }
}

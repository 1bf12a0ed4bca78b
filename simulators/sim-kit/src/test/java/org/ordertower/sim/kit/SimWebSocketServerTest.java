package org.ordertower.sim.kit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.ordertower.sim.kit.SimWebSocketServer.Refusal;
import org.ordertower.sim.kit.SimWebSocketServer.Session;
import org.ordertower.sim.kit.SimWebSocketServer.Upgrade;
import org.ordertower.sim.kit.WebSocketFrames.Frame;
import org.ordertower.sim.kit.WebSocketFrames.ProtocolException;

class SimWebSocketServerTest {

    /** Echoes text as "echo:<text>", refuses paths under /deny with 403 and a JSON body, records closes. */
    static final class Echo implements SimWebSocketServer.Endpoint {
        final List<Integer> closes = new CopyOnWriteArrayList<>();
        final List<String> paths = new CopyOnWriteArrayList<>();

        @Override
        public Refusal check(Upgrade upgrade) {
            paths.add(upgrade.path());
            return upgrade.path().startsWith("/deny") ? new Refusal(403, "application/json", "{\"error\":\"no\"}") : null;
        }

        @Override
        public void opened(Session session) {
            session.sendText("hello");
        }

        @Override
        public void text(Session session, String text) {
            session.sendText("echo:" + text);
        }

        @Override
        public void closed(Session session, int code) {
            closes.add(code);
        }
    }

    /** A JDK client listener that queues what it hears. */
    static final class Heard implements WebSocket.Listener {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                events.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            events.add("pong:" + StandardCharsets.UTF_8.decode(message));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            events.add("close:" + statusCode);
            return null;
        }

        String next() throws InterruptedException {
            String e = events.poll(5, TimeUnit.SECONDS);
            return e == null ? "(nothing)" : e;
        }
    }

    @Test
    void acceptKeyIsTheRfcExample() {
        // RFC 6455 §1.3: key "dGhlIHNhbXBsZSBub25jZQ==" gives "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketFrames.acceptKey("dGhlIHNhbXBsZSBub25jZQ=="));
        assertTrue(WebSocketFrames.validKey("dGhlIHNhbXBsZSBub25jZQ=="));
        assertFalse(WebSocketFrames.validKey("c2hvcnQ="));
        assertFalse(WebSocketFrames.validKey("not base64!"));
    }

    @Test
    void framesRoundTripWithMaskingAndEveryLengthForm() throws Exception {
        for (int n : new int[] { 0, 125, 126, 65535, 65536 }) {
            byte[] payload = new byte[n];
            for (int i = 0; i < n; i++) {
                payload[i] = (byte) (i * 7);
            }
            Frame f = WebSocketFrames.read(new ByteArrayInputStream(masked(0x81, payload)), 1 << 20);
            assertTrue(f.fin());
            assertEquals(WebSocketFrames.TEXT, f.opcode());
            assertArrayEquals(payload, f.payload());
            byte[] server = WebSocketFrames.encode(WebSocketFrames.TEXT, payload);
            assertEquals(0, server[1] & 0x80, "server frames are not masked");
            assertEquals(n < 126 ? n + 2 : n <= 65535 ? n + 4 : n + 10, server.length);
        }
        // RFC 6455 §5.7: a masked "Hello"
        byte[] hello = { (byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58 };
        assertEquals("Hello", WebSocketFrames.read(new ByteArrayInputStream(hello), 125).text());
        assertArrayEquals(new byte[] { (byte) 0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f },
                WebSocketFrames.encode(WebSocketFrames.TEXT, "Hello".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void framesBreakingTheRulesAreRefusedWithTheirCloseCode() {
        byte[] unmasked = WebSocketFrames.encode(WebSocketFrames.TEXT, new byte[3]);
        assertEquals(1002, refused(unmasked));
        assertEquals(1009, refused(masked(0x81, new byte[200])));
        assertEquals(1002, refused(masked(0xC1, new byte[1])), "RSV1 without an extension");
        assertEquals(1002, refused(masked(0x83, new byte[1])), "reserved opcode");
        assertEquals(1002, refused(masked(0x09, new byte[1])), "fragmented ping");
        byte[] truncated = masked(0x81, new byte[50]);
        assertThrows(EOFException.class, () -> WebSocketFrames.read(new ByteArrayInputStream(truncated, 0, 20), 100));
        assertEquals(1001, WebSocketFrames.closeCode(WebSocketFrames.closePayload(1001, "bye")));
        assertEquals(1005, WebSocketFrames.closeCode(new byte[0]));
    }

    @Test
    void jdkClientTalksPingsAndClosesAndRefusalsCarryTheStatus() throws Exception {
        Echo echo = new Echo();
        try (SimWebSocketServer server = new SimWebSocketServer(0, 1024, echo)) {
            Heard heard = new Heard();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(server.baseUrl() + "/feed/a%3D?x=1"), heard).join();
            assertEquals("hello", heard.next());
            ws.sendText("ab", false).join();
            ws.sendText("c", true).join();
            assertEquals("echo:abc", heard.next(), "fragments are reassembled");
            ws.sendPing(ByteBuffer.wrap("p1".getBytes(StandardCharsets.UTF_8))).join();
            assertEquals("pong:p1", heard.next());
            assertEquals("/feed/a%3D?x=1", echo.paths.get(0), "the path stays percent-encoded");
            assertEquals(1, server.sessions().size());
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
            assertEquals("close:1000", heard.next());
            waitFor(() -> echo.closes.contains(1000));

            CompletionException e = assertThrows(CompletionException.class, () -> HttpClient.newHttpClient()
                    .newWebSocketBuilder().buildAsync(URI.create(server.baseUrl() + "/deny/me"), new Heard()).join());
            WebSocketHandshakeException h = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            assertEquals(403, h.getResponse().statusCode());
        }
    }

    @Test
    void rawClientsBreakingTheRulesAreClosedAndBadUpgradesGet400() throws Exception {
        Echo echo = new Echo();
        try (SimWebSocketServer server = new SimWebSocketServer(0, 64, echo)) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.getOutputStream().write("GET /x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertTrue(new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 400"));
            }
            for (byte[] bad : List.of(WebSocketFrames.encode(WebSocketFrames.TEXT, "hi".getBytes(StandardCharsets.UTF_8)),
                    masked(0x81, new byte[65]), masked(0x82, new byte[2]), masked(0x81, new byte[] { (byte) 0xC3, 0x28 }))) {
                try (Socket s = new Socket("127.0.0.1", server.port())) {
                    OutputStream out = s.getOutputStream();
                    out.write(("GET /raw HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    InputStream in = s.getInputStream();
                    String head = readHead(in);
                    assertTrue(head.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), head);
                    assertEquals(0x81, in.read(), "the endpoint's hello: a whole text frame");
                    assertEquals(5, in.read(), "of 5 unmasked bytes");
                    assertEquals("hello", new String(in.readNBytes(5), StandardCharsets.US_ASCII));
                    out.write(bad);
                    assertEquals(0x88, in.read(), "a close frame answers the violation");
                    int len = in.read();
                    byte[] payload = in.readNBytes(len);
                    int code = WebSocketFrames.closeCode(payload);
                    assertTrue(List.of(1002, 1003, 1007, 1009).contains(code), "code " + code);
                    assertEquals(-1, in.read(), "then the connection ends");
                }
            }
            waitFor(() -> echo.closes.containsAll(List.of(1002, 1003, 1007, 1009)));
        }
    }

    @Test
    void closingTheServerSaysGoingAwayToEveryClient() throws Exception {
        Echo echo = new Echo();
        SimWebSocketServer server = new SimWebSocketServer(0, 1024, echo);
        Heard heard = new Heard();
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(server.baseUrl() + "/a"), heard).join();
        assertEquals("hello", heard.next());
        server.close();
        assertEquals("close:1001", heard.next());
        // nobody serves the endpoint any more: a new client's handshake fails (refused, or, should another process
        // have taken the freed port meanwhile, as seen once in CI, not answered as a WebSocket)
        assertThrows(CompletionException.class, () -> HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(java.time.Duration.ofSeconds(5)).buildAsync(URI.create(server.baseUrl() + "/a"), new Heard())
                .join());
    }

    private static int refused(byte[] frame) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> WebSocketFrames.read(new ByteArrayInputStream(frame), 100));
        return e.code();
    }

    /** A client frame: first byte as given, masked payload. */
    static byte[] masked(int first, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        int n = payload.length;
        if (n < 126) {
            out.write(0x80 | n);
        } else if (n <= 0xFFFF) {
            out.write(0x80 | 126);
            out.write(n >>> 8);
            out.write(n & 0xFF);
        } else {
            out.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) ((long) n >>> (8 * i)) & 0xFF);
            }
        }
        byte[] mask = { 0x11, 0x22, 0x33, 0x44 };
        out.writeBytes(mask);
        for (int i = 0; i < n; i++) {
            out.write(payload[i] ^ mask[i & 3]);
        }
        return out.toByteArray();
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        return b.toString();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met in 5 s");
            }
            Thread.sleep(20);
        }
    }
}

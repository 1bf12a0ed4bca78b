package org.ordertower.sim.kit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.ordertower.sim.kit.WebSocketFrames.Frame;
import org.ordertower.sim.kit.WebSocketFrames.ProtocolException;

/**
 * A minimal, strict WebSocket server (RFC 6455) for simulators of platforms that push over WebSockets; the JDK has a
 * WebSocket client but no server. 127.0.0.1 only, plain {@code ws://}, one thread per connection. The opening
 * handshake must be a {@code GET} with {@code Upgrade: websocket}, {@code Connection: Upgrade},
 * {@code Sec-WebSocket-Version: 13} and a 16-byte key, else 400; the {@link Endpoint} may then refuse it with the
 * platform's own status and body. After the upgrade: text frames (fragments reassembled), client frames must be
 * masked, pings are answered with pongs, a close is answered with a close; binary frames, unmasked frames, bad UTF-8
 * and frames over the size limit close the connection with 1003/1002/1007/1009.
 */
public final class SimWebSocketServer implements AutoCloseable {
    private static final int MAX_HANDSHAKE = 8192;

    /** The opening request: its path (with query, still percent-encoded) and headers (names lower case). */
    public record Upgrade(String path, Map<String, String> headers) {
    }

    /** An HTTP answer refusing the upgrade. */
    public record Refusal(int status, String contentType, String body) {
    }

    /** The platform side. Calls for one connection come from its own thread, in order. */
    public interface Endpoint {
        /** Null accepts the upgrade; a refusal is sent as the HTTP answer and the connection closed. */
        Refusal check(Upgrade upgrade);

        void opened(Session session);

        void text(Session session, String text);

        /** The connection ended: a close frame (its code), a violation (the code sent), or a drop (1006). */
        void closed(Session session, int code);
    }

    /** One open connection. Sends are thread-safe. */
    public final class Session {
        private final Socket socket;
        private final OutputStream out;
        private final Upgrade upgrade;
        private volatile boolean closeSent;
        private volatile boolean open = true;

        private Session(Socket socket, OutputStream out, Upgrade upgrade) {
            this.socket = socket;
            this.out = out;
            this.upgrade = upgrade;
        }

        public Upgrade upgrade() {
            return upgrade;
        }

        public boolean isOpen() {
            return open;
        }

        /** Sends a text frame; false when the connection is gone. */
        public boolean sendText(String text) {
            return send(WebSocketFrames.TEXT, text.getBytes(StandardCharsets.UTF_8));
        }

        public boolean ping(byte[] data) {
            return send(WebSocketFrames.PING, data);
        }

        /** Starts the closing handshake; the socket closes when the peer answers or the reader ends. */
        public void close(int code, String reason) {
            if (!closeSent) {
                closeSent = true;
                send(WebSocketFrames.CLOSE, WebSocketFrames.closePayload(code, reason));
            }
            shutdownSoon();
        }

        /** Drops the TCP connection without a closing handshake (a network failure, for tests). */
        public void drop() {
            open = false;
            quietly(socket);
        }

        private boolean send(int opcode, byte[] payload) {
            if (!open) {
                return false;
            }
            byte[] frame = WebSocketFrames.encode(opcode, payload);
            synchronized (out) {
                try {
                    out.write(frame);
                    out.flush();
                    return true;
                } catch (IOException e) {
                    open = false;
                    quietly(socket);
                    return false;
                }
            }
        }

        private void shutdownSoon() {
            try {
                socket.setSoTimeout(2000); // the reader waits this long for the peer's close
            } catch (SocketException e) {
                quietly(socket);
            }
        }
    }

    private final ServerSocket listener;
    private final Endpoint endpoint;
    private final int maxFrame;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    /**
     * Binds {@code port} (0: any free port) on 127.0.0.1 and starts accepting.
     *
     * @param maxFrame the largest message (after reassembly) a client may send, in bytes
     */
    public SimWebSocketServer(int port, int maxFrame, Endpoint endpoint) {
        this.endpoint = endpoint;
        this.maxFrame = maxFrame;
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        acceptor = new Thread(this::accept, "sim-ws-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code ws://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "ws://127.0.0.1:" + port();
    }

    /** The open connections. */
    public List<Session> sessions() {
        return List.copyOf(sessions);
    }

    /** Stops listening and closes every connection with 1001 (going away). */
    @Override
    public void close() {
        closed = true;
        quietly(listener);
        for (Session s : sessions) {
            s.close(WebSocketFrames.GOING_AWAY, "server going away");
            s.drop();
        }
        sockets.forEach(SimWebSocketServer::quietly);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = listener.accept();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "sim-ws-conn-" + s.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void serve(Socket socket) {
        Session session = null;
        int code = 1006;
        try (socket) {
            socket.setSoTimeout(10_000); // the handshake must come promptly
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            Upgrade upgrade = handshake(in, out);
            if (upgrade == null) {
                return;
            }
            socket.setSoTimeout(0);
            session = new Session(socket, out, upgrade);
            sessions.add(session);
            endpoint.opened(session);
            code = readLoop(session, in);
        } catch (IOException e) {
            code = 1006;
        } finally {
            sockets.remove(socket);
            if (session != null) {
                session.open = false;
                sessions.remove(session);
                endpoint.closed(session, code);
            }
        }
    }

    /** Answers the opening handshake; null when it was refused (the answer already written). */
    private Upgrade handshake(InputStream in, OutputStream out) throws IOException {
        String head = readHead(in);
        if (head == null) {
            answer(out, 400, "text/plain", "request head too long or incomplete");
            return null;
        }
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        String key = headers.get("sec-websocket-key");
        if (requestLine.length != 3 || !"GET".equals(requestLine[0]) || !"HTTP/1.1".equals(requestLine[2])
                || !"websocket".equalsIgnoreCase(headers.getOrDefault("upgrade", ""))
                || !headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT).contains("upgrade")
                || !"13".equals(headers.get("sec-websocket-version")) || !WebSocketFrames.validKey(key)) {
            answer(out, 400, "text/plain", "not a WebSocket version 13 upgrade");
            return null;
        }
        Upgrade upgrade = new Upgrade(requestLine[1], Map.copyOf(headers));
        Refusal refusal = endpoint.check(upgrade);
        if (refusal != null) {
            answer(out, refusal.status(), refusal.contentType(), refusal.body());
            return null;
        }
        String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + WebSocketFrames.acceptKey(key) + "\r\n\r\n";
        out.write(response.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return upgrade;
    }

    private int readLoop(Session session, InputStream in) throws IOException {
        ByteArrayOutputStream message = null;
        while (true) {
            Frame f;
            try {
                f = WebSocketFrames.read(in, maxFrame);
            } catch (ProtocolException e) {
                session.close(e.code(), e.getMessage());
                return e.code();
            }
            switch (f.opcode()) {
                case WebSocketFrames.PING -> session.send(WebSocketFrames.PONG, f.payload());
                case WebSocketFrames.PONG -> {
                    // unsolicited pongs are allowed (§5.5.3)
                }
                case WebSocketFrames.CLOSE -> {
                    int code = WebSocketFrames.closeCode(f.payload());
                    session.close(code == 1005 ? WebSocketFrames.NORMAL : code, "");
                    return code;
                }
                case WebSocketFrames.BINARY -> {
                    session.close(1003, "only text frames are accepted");
                    return 1003;
                }
                default -> {
                    boolean start = f.opcode() == WebSocketFrames.TEXT;
                    if (start == (message != null)) {
                        int code = WebSocketFrames.PROTOCOL_ERROR;
                        session.close(code, start ? "new message inside a fragmented one" : "continuation without a start");
                        return code;
                    }
                    if (start) {
                        message = new ByteArrayOutputStream();
                    }
                    if (message.size() + f.payload().length > maxFrame) {
                        session.close(WebSocketFrames.TOO_BIG, "message exceeds " + maxFrame + " bytes");
                        return WebSocketFrames.TOO_BIG;
                    }
                    message.writeBytes(f.payload());
                    if (f.fin()) {
                        String text = utf8(message.toByteArray());
                        message = null;
                        if (text == null) {
                            session.close(WebSocketFrames.INVALID_DATA, "text frame is not UTF-8");
                            return WebSocketFrames.INVALID_DATA;
                        }
                        endpoint.text(session, text);
                    }
                }
            }
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (head.size() < MAX_HANDSHAKE) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1
                    : b == '\r' ? 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static void answer(OutputStream out, int status, String contentType, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + (status == 400 ? "Bad Request" : "Refused") + "\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
    }

    private static void quietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing is best effort: the peer may already be gone
        }
    }
}

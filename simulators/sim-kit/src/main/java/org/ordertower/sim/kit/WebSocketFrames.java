package org.ordertower.sim.kit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * RFC 6455 framing for a server: reads client frames (which must be masked, RFC 6455 §5.1), writes unmasked server
 * frames, and computes the handshake's {@code Sec-WebSocket-Accept} (§4.2.2). Pure apart from the stream read; no
 * extensions (RSV bits must be 0) and no subprotocols.
 */
public final class WebSocketFrames {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** Close codes (RFC 6455 §7.4.1). */
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int INVALID_DATA = 1007;
    public static final int TOO_BIG = 1009;

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WebSocketFrames() {
    }

    /** One frame as read: the payload is already unmasked. */
    public record Frame(boolean fin, int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** A violation the peer committed; the connection is closed with {@link #code()}. */
    public static final class ProtocolException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int code;

        public ProtocolException(int code, String message) {
            super(message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** {@code base64(sha1(key + GUID))}, the server's proof it read the client's key (§4.2.2 item 5.4). */
    public static String acceptKey(String secWebSocketKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((secWebSocketKey.strip() + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    /** True when the key is the base64 of 16 bytes, as §4.1 requires of clients. */
    public static boolean validKey(String key) {
        try {
            return key != null && Base64.getDecoder().decode(key.strip()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Reads one frame from a client.
     *
     * @param maxPayload the largest payload accepted; a larger one is refused before it is read
     * @throws ProtocolException for an unmasked frame, RSV bits, an unknown opcode, a fragmented or long control
     *     frame (1002), or a payload over {@code maxPayload} (1009)
     * @throws EOFException when the stream ends, even inside a frame
     */
    public static Frame read(InputStream in, int maxPayload) throws IOException {
        int b0 = readByte(in);
        int b1 = readByte(in);
        boolean fin = (b0 & 0x80) != 0;
        if ((b0 & 0x70) != 0) {
            throw new ProtocolException(PROTOCOL_ERROR, "RSV bits set without a negotiated extension");
        }
        int opcode = b0 & 0x0F;
        boolean control = opcode >= 0x8;
        if (!(opcode <= BINARY || opcode == CLOSE || opcode == PING || opcode == PONG)) {
            throw new ProtocolException(PROTOCOL_ERROR, "unknown opcode " + opcode);
        }
        if ((b1 & 0x80) == 0) {
            throw new ProtocolException(PROTOCOL_ERROR, "client frames must be masked");
        }
        long length = b1 & 0x7F;
        if (length == 126) {
            length = (readByte(in) << 8) | readByte(in);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte(in);
            }
            if (length < 0) {
                throw new ProtocolException(PROTOCOL_ERROR, "payload length has its most significant bit set");
            }
        }
        if (control && (!fin || length > 125)) {
            throw new ProtocolException(PROTOCOL_ERROR, "control frames must be whole and at most 125 bytes");
        }
        if (length > maxPayload) {
            throw new ProtocolException(TOO_BIG, "frame of " + length + " bytes exceeds " + maxPayload);
        }
        byte[] mask = in.readNBytes(4);
        byte[] payload = in.readNBytes((int) length);
        if (mask.length < 4 || payload.length < length) {
            throw new EOFException("stream ended inside a frame");
        }
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i & 3];
        }
        return new Frame(fin, opcode, payload);
    }

    /** An unmasked, unfragmented server frame. */
    public static byte[] encode(int opcode, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 10);
        out.write(0x80 | opcode);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length <= 0xFFFF) {
            out.write(126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        } else {
            out.write(127);
            long n = payload.length;
            for (int i = 7; i >= 0; i--) {
                out.write((int) (n >>> (8 * i)) & 0xFF);
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** A close frame's payload: the code, then the reason in UTF-8 cut to fit 125 bytes. */
    public static byte[] closePayload(int code, String reason) {
        byte[] r = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(r.length, 123);
        byte[] p = new byte[2 + n];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, n);
        return p;
    }

    /** The code in a close frame's payload, 1005 (no status) when it has none. */
    public static int closeCode(byte[] payload) {
        return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("stream ended inside a frame");
        }
        return b;
    }
}

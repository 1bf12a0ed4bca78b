package org.ordertower.itests;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A partner's HTTP endpoint on a free local port, as plain sockets (nothing to install in the container): it answers
 * every request 200 and keeps each request's first line, headers and body. Keep-alive connections are served to their
 * end.
 */
final class PartnerEndpoint implements AutoCloseable {
    /** One request as it came. */
    record Request(String line, String headers, String body) {
    }

    final List<Request> received = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final Thread acceptor;

    PartnerEndpoint() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "partner-endpoint");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "partner-endpoint-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            while (true) {
                String head = head(in);
                if (head == null) {
                    return;
                }
                int length = 0;
                for (String h : head.split("\r\n")) {
                    if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(h.substring(15).strip());
                    }
                }
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                int eol = head.indexOf("\r\n");
                received.add(new Request(eol < 0 ? head : head.substring(0, eol), head, body));
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (SocketException gone) {
            // the client or close() ended the connection
        } catch (IOException | RuntimeException e) {
            received.add(new Request("unreadable: " + e, "", ""));
        }
    }

    /** The request line and headers up to the blank line, or null at the end of the connection. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            byte[] a = b.toByteArray();
            int n = a.length;
            if (n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n') {
                return new String(a, 0, n - 4, StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

package org.ordertower.core.internal.camel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.ordertower.core.internal.http.HttpReply;
import org.ordertower.core.internal.http.OrderHttpApi;

/**
 * The order REST interface on its own Jetty port. The route only moves bytes: it reads at most
 * 1 MB + 1 byte of the body itself (so a huge body is cut off, not buffered) and hands the rest to
 * {@link OrderHttpApi}.
 */
final class OrderApiRoutes extends RouteBuilder {
    private final OrderHttpApi api;
    private final String host;
    private final int port;

    OrderApiRoutes(OrderHttpApi api, String host, int port) {
        this.api = api;
        this.host = host;
        this.port = port;
    }

    @Override
    public void configure() {
        from("jetty:http://" + host + ":" + port + OrderHttpApi.BASE
                + "?matchOnUriPrefix=true&mapHttpMessageFormUrlEncodedBody=false"
                + "&disableStreamCache=true")
                .routeId("ordertower-http-api")
                .process(this::handle);
    }

    private void handle(Exchange exchange) throws IOException {
        HttpServletRequest req = exchange.getIn().getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class);
        String method = req.getMethod();
        String path = req.getRequestURI();
        Map<String, String> query = query(req.getQueryString());
        String body = null;
        if ("POST".equals(method) || "PUT".equals(method)) {
            long declared = req.getContentLengthLong();
            InputStream in = exchange.getIn().getBody(InputStream.class);
            body = declared > OrderHttpApi.MAX_BODY ? null : in == null ? "" : read(in);
        }
        HttpReply reply = api.handle(method, path, query, req.getContentType(), body);
        exchange.getMessage().setHeaders(new HashMap<>());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        reply.headers().forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setBody(reply.body().getBytes(StandardCharsets.UTF_8));
    }

    /** The body as UTF-8, or null when it is over the limit. */
    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            if (out.size() > OrderHttpApi.MAX_BODY) {
                return null;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static Map<String, String> query(String q) {
        Map<String, String> m = new HashMap<>();
        if (q == null || q.isEmpty()) {
            return m;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            m.put(java.net.URLDecoder.decode(k, StandardCharsets.UTF_8), java.net.URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return m;
    }
}

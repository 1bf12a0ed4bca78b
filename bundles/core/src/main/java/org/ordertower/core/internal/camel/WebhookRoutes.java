package org.ordertower.core.internal.camel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.ordertower.core.internal.http.HttpGuard;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.QueryParams;
import org.ordertower.core.internal.http.WebhookHttpApi;

/**
 * The webhook route on the core's Jetty port: moves the raw body (at most the limit + 1 byte is read)
 * and the headers, which the platforms' signatures need, to {@link WebhookHttpApi}.
 */
final class WebhookRoutes extends RouteBuilder {
    /** An HTTP interface that needs the raw body (signatures are computed over it). */
    interface RawApi {
        HttpReply handle(String method, String path, Map<String, String> headers, Map<String, String> query, String body);
    }

    private final String routeId;
    private final String host;
    private final int port;
    private final String base;
    private final int maxBody;
    private final RawApi api;

    /** @throws IllegalStateException when {@code base} is not declared open ({@link HttpGuard#OPEN}) */
    WebhookRoutes(String routeId, String host, int port, String base, int maxBody, RawApi api) {
        HttpGuard.requireOpen(base);
        this.routeId = routeId;
        this.host = host;
        this.port = port;
        this.base = base;
        this.maxBody = maxBody;
        this.api = api;
    }

    @Override
    public void configure() {
        from("jetty:http://" + host + ":" + port + base
                + "?matchOnUriPrefix=true&mapHttpMessageFormUrlEncodedBody=false&disableStreamCache=true")
                .routeId(routeId)
                .noStreamCaching()
                .process(this::handle);
    }

    private static Map<String, String> query(String raw) {
        try {
            return QueryParams.parse(raw);
        } catch (IllegalArgumentException malformed) {
            return Map.of(); // a platform's signature check then fails on what is missing
        }
    }

    private void handle(Exchange exchange) throws IOException {
        HttpServletRequest req = exchange.getIn().getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class);
        String body = null;
        if (req.getContentLengthLong() <= maxBody) {
            InputStream in = exchange.getIn().getBody(InputStream.class);
            byte[] bytes = in == null ? new byte[0] : in.readNBytes(maxBody + 1);
            body = bytes.length > maxBody ? null : new String(bytes, StandardCharsets.UTF_8);
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.putIfAbsent(name, req.getHeader(name));
        }
        HttpReply reply = api.handle(req.getMethod(), req.getRequestURI(), headers, query(req.getQueryString()),
                body);
        exchange.getMessage().setHeaders(new HashMap<>());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setBody(reply.body().getBytes(StandardCharsets.UTF_8));
    }
}

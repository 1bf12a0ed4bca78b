package org.ordertower.core.internal.camel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.ordertower.core.internal.http.HttpGuard;
import org.ordertower.core.spi.http.HttpHandler;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.JsonReplies;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.core.spi.http.QueryParams;

/**
 * One REST interface under a base path on the core's Jetty port (camel-jetty shares one server per
 * port, so each interface is its own route). The route only moves bytes: it reads at most the
 * interface's body limit + 1 byte itself (so a huge body is cut off, not buffered; a declared
 * Content-Length over the limit is not read at all) and hands the rest to the {@link HttpHandler}.
 * The {@link HttpGuard} admits the caller first: a refused request's body is not read.
 */
final class HttpApiRoutes extends RouteBuilder {
    private final String routeId;
    private final String host;
    private final int port;
    private final String basePath;
    private final int maxBody;
    private final HttpHandler handler;
    private final HttpGuard guard;
    private final JsonReplies replies = new JsonReplies(new OrderJson());

    /**
     * @param basePath every path under it goes to {@code handler}
     * @param maxBody the most bytes of a request body read; a larger body reaches the handler as null
     * @param guard admits the caller of every request before the handler is called
     */
    HttpApiRoutes(String routeId, String host, int port, String basePath, int maxBody, HttpHandler handler, HttpGuard guard) {
        this.routeId = routeId;
        this.host = host;
        this.port = port;
        this.basePath = basePath;
        this.maxBody = maxBody;
        this.handler = handler;
        this.guard = guard;
    }

    @Override
    public void configure() {
        from("jetty:http://" + host + ":" + port + basePath
                + "?matchOnUriPrefix=true&mapHttpMessageFormUrlEncodedBody=false"
                + "&disableStreamCache=true&enableMultipartFilter=false") // a multipart body reaches the handler as it is
                .routeId(routeId)
                .noStreamCaching() // else Camel reads the whole body into its cache before handle() runs
                .process(this::handle);
    }

    /**
     * The port's answer to a path no interface serves: a 404 as problem details, like every other error, instead of
     * Jetty's HTML page. Longer base paths win over it.
     */
    static RouteBuilder unknownPaths(String host, int port, JsonReplies replies) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("jetty:http://" + host + ":" + port + "/?matchOnUriPrefix=true&disableStreamCache=true"
                        + "&enableMultipartFilter=false")
                        .routeId("ordertower-http-unknown")
                        .noStreamCaching()
                        .process(exchange -> {
                            HttpServletRequest req = exchange.getIn().getHeader(Exchange.HTTP_SERVLET_REQUEST,
                                    HttpServletRequest.class);
                            send(exchange, replies.error(404, "no such resource " + req.getRequestURI()
                                    + "; the REST interface is under /api/v1 (docs/http.md)"));
                        });
            }
        };
    }

    private void handle(Exchange exchange) throws IOException {
        HttpServletRequest req = exchange.getIn().getHeader(Exchange.HTTP_SERVLET_REQUEST, HttpServletRequest.class);
        HttpReply reply;
        try {
            reply = serve(exchange, req, QueryParams.parse(req.getQueryString()));
        } catch (IllegalArgumentException malformedQuery) {
            reply = replies.error(400, malformedQuery.getMessage());
        }
        send(exchange, reply);
    }

    /** Writes a reply as the exchange's answer: its status, content type, headers and UTF-8 body, nothing else. */
    private static void send(Exchange exchange, HttpReply reply) {
        exchange.getMessage().setHeaders(new HashMap<>());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setBody(reply.body().getBytes(StandardCharsets.UTF_8));
    }

    /** The guard's refusal, or the handler's reply; a refused request's body is not read. */
    private HttpReply serve(Exchange exchange, HttpServletRequest req, Map<String, String> query) throws IOException {
        String method = req.getMethod();
        HttpGuard.Admission admission = guard.admit(method, req.getRequestURI(), query, req.getHeader("Authorization"));
        if (admission.refusal() != null) {
            return admission.refusal();
        }
        String body = null;
        if ("POST".equals(method) || "PUT".equals(method)) {
            InputStream in = exchange.getIn().getBody(InputStream.class);
            body = req.getContentLengthLong() > maxBody ? null : in == null ? "" : read(in);
        }
        return handler.handle(admission.caller(), method, req.getRequestURI(), query, req.getContentType(), body);
    }

    /** The body as UTF-8, or null when it is over the limit; never holds more than the limit + 1 byte. */
    private String read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(maxBody + 1);
        return bytes.length > maxBody ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}

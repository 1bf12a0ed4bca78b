package org.ordertower.core.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.ordertower.api.Caller;
import org.ordertower.core.spi.http.HttpHandler;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.JsonReplies;
import org.ordertower.core.spi.http.OrderJson;

/**
 * {@code GET /api/v1/openapi.yaml}: the OpenAPI 3 description of this REST interface (docs/openapi.yaml, built into
 * the core bundle), for any caller who logged in, whatever their roles. The web console renders it at
 * {@code /ordertower/api-docs.html}.
 */
public final class OpenApiHttpApi implements HttpHandler {
    public static final String BASE = "/api/v1/openapi.yaml";
    /** Where the build puts docs/openapi.yaml in the bundle. */
    static final String RESOURCE = "/org/ordertower/core/openapi.yaml";
    private final String document;
    private final JsonReplies replies;

    public OpenApiHttpApi(OrderJson json) {
        this.document = load();
        this.replies = new JsonReplies(json);
    }

    static String load() {
        try (InputStream in = OpenApiHttpApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public HttpReply handle(Caller caller, String method, String path, Map<String, String> query, String contentType,
            String body) {
        if (!(path.equals(BASE))) {
            return replies.error(404, "no such path " + path);
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return replies.notAllowed(method, path, "GET");
        }
        return new HttpReply(200, document, Map.of("Cache-Control", "no-cache"), "application/yaml; charset=utf-8");
    }
}

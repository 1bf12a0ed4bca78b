package org.ordertower.core.spi.http;

/**
 * A REST interface a bundle offers on the core's HTTP port (the whiteboard): register it as an OSGi service and the
 * core adds the route {@code ordertower-http-<name>} for its base path, behind the core's guard: every caller is authenticated (HTTP Basic
 * on the configured JAAS realm) before {@link #handle} is called with who they are. When the service goes, its routes
 * go, and its paths answer 404. The interface is free of any HTTP server, so it is tested by calling it.
 */
public interface HttpApi extends HttpHandler {
    /** A short name for the route ids, such as {@code stock}: letters, digits and dashes. */
    String name();

    /** The path prefix it serves, such as {@code /api/v1/stock}; every path under it comes here. */
    String basePath();

    /** The most bytes of a request body read; a larger body reaches {@link #handle} as null. */
    int maxBody();

    /** A handler offered under a base path (one handler may serve several, each registered as its own service). */
    static HttpApi of(String name, String basePath, int maxBody, HttpHandler handler) {
        if (!name.matches("[A-Za-z0-9-]+") || !basePath.startsWith("/")) {
            throw new IllegalArgumentException("an HTTP API needs a name of letters, digits and dashes and a base path "
                    + "starting with /: " + name + " " + basePath);
        }
        return new HttpApi() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String basePath() {
                return basePath;
            }

            @Override
            public int maxBody() {
                return maxBody;
            }

            @Override
            public HttpReply handle(org.ordertower.api.Caller caller, String method, String path,
                    java.util.Map<String, String> query, String contentType, String body) {
                return handler.handle(caller, method, path, query, contentType, body);
            }

            @Override
            public String toString() {
                return "HTTP API " + name + " on " + basePath;
            }
        };
    }
}

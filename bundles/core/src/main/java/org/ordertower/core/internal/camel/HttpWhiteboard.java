package org.ordertower.core.internal.camel;

import org.apache.camel.CamelContext;
import org.ordertower.core.internal.http.HttpGuard;
import org.ordertower.core.spi.http.HttpApi;

/**
 * The HTTP whiteboard: each {@link HttpApi} a bundle registers is served as the route {@code ordertower-http-<name>}
 * on the core's Jetty port, behind the core's one guard, and removed when the bundle takes it back; its paths then
 * answer 404. Two APIs of one name, or on a path Jetty already serves, are refused with a warning naming them.
 */
final class HttpWhiteboard {
    private final ServiceRoutes routes;
    private final String host;
    private final int port;
    private final HttpGuard guard;

    HttpWhiteboard(CamelContext camel, String host, int port, HttpGuard guard) {
        this.routes = new ServiceRoutes(camel);
        this.host = host;
        this.port = port;
        this.guard = guard;
    }

    /** Serves an API; false when it cannot be (its name or path is taken), which is logged. */
    boolean add(HttpApi api) {
        String routeId = "ordertower-http-" + api.name();
        return routes.add(api, routeId, api.basePath(),
                new HttpApiRoutes(routeId, host, port, api.basePath(), api.maxBody(), api, guard));
    }

    /** Takes an API's route away; nothing when it is not served. */
    void remove(HttpApi api) {
        routes.remove(api);
    }
}

package org.ordertower.core.internal.camel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.ordertower.core.internal.http.HttpGuard;
import org.ordertower.core.spi.http.HttpApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP whiteboard: each {@link HttpApi} a bundle registers is served as the route {@code ordertower-http-<name>}
 * on the core's Jetty port, behind the core's one guard, and removed when the bundle takes it back; its paths then
 * answer 404. Two APIs of one name, or on a path Jetty already serves, are refused with a warning naming them.
 */
final class HttpWhiteboard {
    private final Logger logger = LoggerFactory.getLogger(HttpWhiteboard.class);
    private final CamelContext camel;
    private final String host;
    private final int port;
    private final HttpGuard guard;
    private final Map<HttpApi, String> routes = new ConcurrentHashMap<>();

    HttpWhiteboard(CamelContext camel, String host, int port, HttpGuard guard) {
        this.camel = camel;
        this.host = host;
        this.port = port;
        this.guard = guard;
    }

    /** Serves an API; false when it cannot be (its name or path is taken), which is logged. */
    synchronized boolean add(HttpApi api) {
        String routeId = "ordertower-http-" + api.name();
        if (routes.containsValue(routeId) || camel.getRoute(routeId) != null) {
            logger.warn("Two HTTP interfaces are named {}; {} is not served", api.name(), api);
            return false;
        }
        try {
            camel.addRoutes(new HttpApiRoutes(routeId, host, port, api.basePath(), api.maxBody(), api, guard));
        } catch (Exception e) {
            logger.warn("The HTTP interface {} cannot be served on {}: {}", api.name(), api.basePath(), e.getMessage());
            try {
                camel.removeRoute(routeId);
            } catch (Exception ignored) {
                // it was never added
            }
            return false;
        }
        routes.put(api, routeId);
        logger.info("HTTP interface {} on {}", routeId, api.basePath());
        return true;
    }

    /** Takes an API's route away; nothing when it is not served. */
    synchronized void remove(HttpApi api) {
        String routeId = routes.remove(api);
        if (routeId == null) {
            return;
        }
        try {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
            logger.info("HTTP interface {} is gone from {}", routeId, api.basePath());
        } catch (Exception e) {
            logger.warn("The HTTP route {} did not stop cleanly: {}", routeId, e.getMessage());
        }
    }
}

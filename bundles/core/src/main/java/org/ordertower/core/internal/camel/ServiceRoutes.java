package org.ordertower.core.internal.camel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes that come and go with a service: each is added when its service is bound and stopped and removed when the
 * service goes, so its path answers 404 while the bundle behind it is not installed. A route id already served is
 * refused with a warning naming it.
 */
final class ServiceRoutes {
    private final Logger logger = LoggerFactory.getLogger(ServiceRoutes.class);
    private final CamelContext camel;
    private final Map<Object, String> routes = new ConcurrentHashMap<>();

    ServiceRoutes(CamelContext camel) {
        this.camel = camel;
    }

    /** Adds the route {@code routeId} made by {@code builder} for {@code service}; false when it cannot be (logged). */
    synchronized boolean add(Object service, String routeId, String path, RoutesBuilder builder) {
        if (routes.containsValue(routeId) || camel.getRoute(routeId) != null) {
            logger.warn("The route {} is served already; {} is not served on {}", routeId, service, path);
            return false;
        }
        try {
            camel.addRoutes(builder);
        } catch (Exception e) {
            logger.warn("The route {} cannot be served on {}: {}", routeId, path, e.getMessage());
            try {
                camel.removeRoute(routeId);
            } catch (Exception ignored) {
                // it was never added
            }
            return false;
        }
        routes.put(service, routeId);
        logger.info("HTTP route {} on {}", routeId, path);
        return true;
    }

    /** Takes a service's route away; nothing when it has none. */
    synchronized void remove(Object service) {
        String routeId = routes.remove(service);
        if (routeId == null) {
            return;
        }
        try {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
            logger.info("HTTP route {} is gone", routeId);
        } catch (Exception e) {
            logger.warn("The HTTP route {} did not stop cleanly: {}", routeId, e.getMessage());
        }
    }
}

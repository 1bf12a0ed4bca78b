package org.ordertower.lanes;

import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.core.osgi.OsgiDefaultCamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bundle's lanes in its CamelContext: each lane is one route, {@code from("ordertower-lane:...")} to the lane's work,
 * with the route id the operator sees in {@code camel:route-list} (such as {@code shop-taobao-main-pull}) and pauses
 * with {@code camel:route-suspend <context> <id>}. Business decisions stay in the lanes' Java code, and durable retry
 * state stays in the database: a lane only decides when work is taken. Thread-safe.
 */
public final class Lanes implements AutoCloseable {
    /** When a lane polls: first after {@code initialDelay}, then {@code delay} after each poll ends; a greedy lane polls again at once after a poll that found work. */
    public record Schedule(Duration initialDelay, Duration delay, boolean greedy) {
        public Schedule {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("a lane's delay must be positive: " + delay);
            }
            if (initialDelay.isNegative()) {
                throw new IllegalArgumentException("a lane's initial delay must not be negative: " + initialDelay);
            }
        }

        /** Polls every {@code delay}, the first time after {@code initialDelay}. */
        public static Schedule every(Duration delay, Duration initialDelay) {
            return new Schedule(initialDelay, delay, false);
        }

        /** Polls every {@code delay} while idle and at once again while there is work. */
        public static Schedule busy(Duration delay) {
            return new Schedule(Duration.ZERO, delay, true);
        }
    }

    private final Logger logger = LoggerFactory.getLogger(Lanes.class);
    private final CamelContext camel;
    /** Undoes what the factory set up around the context (stops it, takes its service away); nothing when the caller's. */
    private final Runnable closeCamel;
    private final ScheduledExecutorService shared;
    private final LaneComponent component;
    private final AtomicLong keys = new AtomicLong();
    private final Map<String, String> uris = new ConcurrentHashMap<>();

    /**
     * Lanes in the given started context (a bundle's own, registered for the {@code camel:*} commands).
     *
     * @param sharedThreads lanes poll on one pool of this many threads; 0: each lane has a thread of its own
     */
    public Lanes(CamelContext camel, String name, int sharedThreads) {
        this(camel, name, sharedThreads, () -> { });
    }

    private Lanes(CamelContext camel, String name, int sharedThreads, Runnable closeCamel) {
        this.camel = camel;
        this.closeCamel = closeCamel;
        this.shared = sharedThreads > 0
                ? camel.getExecutorServiceManager().newScheduledThreadPool(this, name, sharedThreads)
                : null;
        this.component = new LaneComponent(shared);
        camel.addComponent(LaneComponent.SCHEME, component);
    }

    /** Lanes in a context of their own, started now and stopped by {@link #close}: for tests and tools. */
    public static Lanes standalone(String name, int sharedThreads) {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.setName(name);
        camel.start();
        return new Lanes(camel, name, sharedThreads, camel::stop);
    }

    /**
     * Lanes in a CamelContext of the bundle's own, named {@code name}, started now and registered as a
     * {@link CamelContext} service so Karaf's {@code camel:*} commands see, count and pause its routes; {@link #close}
     * takes the service away and stops the context.
     */
    public static Lanes registered(BundleContext bundle, String name, int sharedThreads) {
        OsgiDefaultCamelContext camel = new OsgiDefaultCamelContext(bundle);
        camel.setName(name);
        camel.start(); // started before any route is added
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("camel.context.name", name);
        ServiceRegistration<CamelContext> registration = bundle.registerService(CamelContext.class, camel, props);
        return new Lanes(camel, name, sharedThreads, () -> {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
            camel.stop();
        });
    }

    /**
     * A route id made of its parts joined by dashes, such as {@code shop-taobao-main-pull}: characters other than
     * letters, digits, dot, dash and underscore become underscores, so the id can be typed in {@code camel:*} commands.
     */
    public static String routeId(String... parts) {
        return String.join("-", parts).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public CamelContext camel() {
        return camel;
    }

    /** Starts a lane as the route {@code routeId}; a lane already running under that id is replaced. */
    public <T> void start(String routeId, Schedule schedule, Lane<T> lane) {
        stop(routeId);
        String key = "l" + keys.incrementAndGet();
        component.register(key, lane);
        String uri = LaneComponent.SCHEME + ":" + key + "?delay=" + schedule.delay().toMillis() + "&initialDelay="
                + schedule.initialDelay().toMillis() + "&greedy=" + schedule.greedy();
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId(routeId).errorHandler(noErrorHandler()).process(exchange -> {
                        @SuppressWarnings("unchecked")
                        T work = (T) exchange.getIn().getBody();
                        lane.run(work);
                    });
                }
            });
        } catch (Exception e) {
            component.unregister(key);
            throw new IllegalStateException("the lane " + routeId + " cannot start: " + e.getMessage(), e);
        }
        uris.put(routeId, uri);
    }

    /** Stops and removes a lane's route (its poll in progress finishes first); nothing when there is none. */
    public void stop(String routeId) {
        String uri = uris.remove(routeId);
        if (uri == null) {
            return;
        }
        try {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
            camel.removeEndpoints(uri);
        } catch (Exception e) {
            logger.warn("The lane {} did not stop cleanly: {}", routeId, e.getMessage());
        }
        component.unregister(uri.substring(LaneComponent.SCHEME.length() + 1, uri.indexOf('?')));
    }

    /** The route ids of the running lanes, sorted. */
    public List<String> names() {
        return uris.keySet().stream().sorted().toList();
    }

    /** Started, Suspended, Stopped... as Camel sees the lane's route; null when there is no such lane. */
    public ServiceStatus status(String routeId) {
        Route route = camel.getRoute(routeId);
        return route == null ? null : camel.getRouteController().getRouteStatus(routeId);
    }

    @Override
    public void close() {
        for (String id : List.copyOf(uris.keySet())) {
            stop(id);
        }
        if (shared != null) {
            camel.getExecutorServiceManager().shutdownNow(shared);
        }
        closeCamel.run();
    }
}

package org.ordertower.lanes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code ordertower-lane:} component: {@code ordertower-lane:<key>?delay=..&initialDelay=..&greedy=..} polls the
 * lane registered under the key. Lanes whose {@link Lanes} has a shared executor poll on it; the others get a thread
 * each, so a slow platform delays only its own lane.
 */
final class LaneComponent extends DefaultComponent {
    static final String SCHEME = "ordertower-lane";
    private final Map<String, Lane<?>> lanes = new ConcurrentHashMap<>();
    private final ScheduledExecutorService shared;

    LaneComponent(ScheduledExecutorService shared) {
        this.shared = shared;
    }

    void register(String key, Lane<?> lane) {
        lanes.put(key, lane);
    }

    void unregister(String key) {
        lanes.remove(key);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Lane<?> lane = lanes.get(remaining);
        if (lane == null) {
            throw new IllegalArgumentException("no lane " + remaining + " is registered in " + getCamelContext().getName());
        }
        LaneEndpoint endpoint = new LaneEndpoint(uri, this, lane, shared);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}

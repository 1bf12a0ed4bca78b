package org.ordertower.lanes;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls its lane on the route's schedule: when the lane hands out work, one exchange carries it through the route.
 * Suspending the route (camel:route-suspend) stops the polls; the work waits where the lane keeps it.
 */
final class LaneConsumer extends ScheduledPollConsumer {
    private final Logger logger = LoggerFactory.getLogger(LaneConsumer.class);
    private final Lane<?> lane;

    LaneConsumer(LaneEndpoint endpoint, Processor processor, Lane<?> lane) {
        super(endpoint, processor);
        this.lane = lane;
    }

    @Override
    protected int poll() throws Exception {
        Object work = lane.take();
        if (work == null) {
            return 0;
        }
        Exchange exchange = createExchange(false);
        exchange.getIn().setBody(work);
        try {
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                Exception e = exchange.getException();
                // one line per failure: a lane that fails keeps polling, and its route counts the failures
                logger.warn("Lane {} failed: {}", getRouteId(), e.toString());
                logger.debug("Lane {} failed", getRouteId(), e);
            }
        } finally {
            releaseExchange(exchange, false);
        }
        return 1;
    }
}

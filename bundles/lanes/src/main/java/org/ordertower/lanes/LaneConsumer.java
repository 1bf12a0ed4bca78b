package org.ordertower.lanes;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls its lane on the route's schedule: when the lane hands out work, one exchange carries it through the route.
 * Suspending the route (camel:route-suspend) stops the polls; the work waits where the lane keeps it.
 *
 * <p>A lane that cannot even say whether it has work (its {@link Lane#take} fails: the database is down, say) is asked
 * again once every {@link #FAILING_TAKE_EVERY} instead of on every poll, with one WARN when it starts failing and one
 * INFO when it takes work again, so that an outage gives two lines per lane rather than twenty a second.
 */
final class LaneConsumer extends ScheduledPollConsumer {
    /** How often a lane whose take fails is asked again. */
    static final java.time.Duration FAILING_TAKE_EVERY = java.time.Duration.ofSeconds(1);
    private final Logger logger = LoggerFactory.getLogger(LaneConsumer.class);
    private final Lane<?> lane;
    /** Takes that failed in a row; the scheduler runs the polls one after another, never two at once. */
    private volatile int failedTakes;
    private volatile long quietUntil;

    LaneConsumer(LaneEndpoint endpoint, Processor processor, Lane<?> lane) {
        super(endpoint, processor);
        this.lane = lane;
    }

    @Override
    protected int poll() throws Exception {
        if (failedTakes > 0 && System.nanoTime() - quietUntil < 0) {
            return 0;
        }
        Object work;
        try {
            work = lane.take();
        } catch (Exception e) {
            failedTakes++;
            quietUntil = System.nanoTime() + FAILING_TAKE_EVERY.toNanos();
            if (failedTakes == 1) {
                logger.warn("Lane {} cannot take its work: {}; asking again every {} s until it can", getRouteId(),
                        e.toString(), FAILING_TAKE_EVERY.toSeconds());
            } else {
                logger.debug("Lane {} still cannot take its work ({} tries): {}", getRouteId(), failedTakes, e.toString());
            }
            return 0;
        }
        if (failedTakes > 0) {
            logger.info("Lane {} takes its work again, after {} failed tries", getRouteId(), failedTakes);
            failedTakes = 0;
        }
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

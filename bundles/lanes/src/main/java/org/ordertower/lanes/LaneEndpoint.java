package org.ordertower.lanes;

import java.util.concurrent.ScheduledExecutorService;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.ScheduledPollEndpoint;

/** A lane as a Camel endpoint: consume only. */
final class LaneEndpoint extends ScheduledPollEndpoint {
    private final Lane<?> lane;
    private final ScheduledExecutorService shared;

    LaneEndpoint(String uri, LaneComponent component, Lane<?> lane, ScheduledExecutorService shared) {
        super(uri, component);
        this.lane = lane;
        this.shared = shared;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("a lane is consumed by its route; nothing can be sent to " + getEndpointUri());
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        LaneConsumer consumer = new LaneConsumer(this, processor, lane);
        if (shared != null) {
            consumer.setScheduledExecutorService(shared);
        }
        configureConsumer(consumer);
        return consumer;
    }
}

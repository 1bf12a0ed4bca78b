package org.ordertower.sim.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimPusherTest {
    private final AtomicInteger received = new AtomicInteger();
    private final SimServer receiver = new SimServer(0).route("/hook", r -> {
        // the first POST of each push is refused, the retry accepted
        return SimResponse.json(received.incrementAndGet() % 2 == 1 ? "{\"ok\":false}" : "{\"ok\":true}");
    }).start();
    private final SimServer counters = new SimServer(0);

    @AfterEach
    void close() {
        receiver.close();
        counters.close();
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        assertTrue(condition.getAsBoolean());
    }

    @Test
    void retriesUntilAcceptedDuplicatesWhenAskedAndSendsOnceOnDemand() throws Exception {
        try (SimPusher pusher = new SimPusher("test-push", counters, (status, body) -> body.contains("true"), 3, 10, true,
                false, 1)) {
            SimPusher.Push push = new SimPusher.Push("k", receiver.baseUrl() + "/hook", "application/json", "{}",
                    Map.of("x-sign", "s"));
            pusher.submit(push);
            waitFor(() -> counters.counters().getOrDefault("pushesDelivered", 0L) == 2);
            pusher.submitOnce(push);
            waitFor(() -> counters.counters().getOrDefault("pushesDelivered", 0L) == 3);
            assertEquals(6, pusher.attempts().size());
            assertEquals(3L, counters.counters().get("pushRetries"));
            assertEquals("s", receiver.calls().get(0).headers().get("x-sign"));
        }
        assertThrows(IllegalArgumentException.class, () -> new SimPusher("p", counters, (s, b) -> true, 0, 10, false, false, 1));
    }
}

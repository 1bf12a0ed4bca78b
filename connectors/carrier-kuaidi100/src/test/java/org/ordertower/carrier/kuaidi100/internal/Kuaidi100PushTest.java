package org.ordertower.carrier.kuaidi100.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.ordertower.api.fulfilment.TrackingEvent;
import org.ordertower.api.fulfilment.TrackingState;
import org.ordertower.api.fulfilment.TrackingSubscription;
import org.ordertower.sim.kuaidi100.Kuaidi100SimJourney.Scenario;
import org.ordertower.sim.kit.SimPusher;

/** The simulator's pushes, end to end: subscribe, let the clock run, verify what arrives at the receiver. */
class Kuaidi100PushTest {

    private static Receiver.Received longest(Receiver r) {
        return r.received.stream().max(Comparator.comparingInt(x -> x.events().size())).orElseThrow();
    }

    private static List<TrackingState> states(List<TrackingEvent> events) {
        return events.stream().map(TrackingEvent::state).toList();
    }

    @Test
    void aDeliveredJourneyIsPushedStepByStepAndEndsWithShutdown() throws Exception {
        try (SimAccount a = new SimAccount(); Receiver r = new Receiver()) {
            Kuaidi100Connector c = a.connector();
            r.use(c);
            c.subscribe(new TrackingSubscription("YUNDA", "4312345678901", null, "上海市浦东新区", r.url()));
            a.sim.advance(Duration.ofDays(5));
            Receiver.await("the shutdown push", () -> r.received.stream().anyMatch(x -> x.status().equals("shutdown")));
            Receiver.await("all eight pushes", () -> r.received.size() == 8);
            List<TrackingEvent> all = longest(r).events();
            assertEquals(List.of(TrackingState.COLLECTED, TrackingState.IN_TRANSIT, TrackingState.IN_TRANSIT,
                    TrackingState.IN_TRANSIT, TrackingState.IN_TRANSIT, TrackingState.IN_TRANSIT,
                    TrackingState.OUT_FOR_DELIVERY, TrackingState.DELIVERED), states(all));
            assertEquals("1001", all.get(4).partnerState(), "到达派件城市");
            assertTrue(all.stream().allMatch(e -> e.carrierCode().equals("YUNDA") && e.trackingNo().equals("4312345678901")));
            for (int i = 1; i < all.size(); i++) {
                assertTrue(!all.get(i).at().isBefore(all.get(i - 1).at()), "oldest first");
            }
            // every push carries the whole trace so far: sizes 1..8
            assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8), r.received.stream().map(x -> x.events().size()).collect(Collectors.toSet()));
            assertEquals("shutdown", a.sim.subscriptions().get(0).status());
            assertTrue(r.refused.isEmpty(), r.refused.toString());
        }
    }

    @Test
    void aRefusedParcelGoesBackAndIsSignedByTheSender() throws Exception {
        try (SimAccount a = new SimAccount(); Receiver r = new Receiver()) {
            Kuaidi100Connector c = a.connector();
            r.use(c);
            a.sim.force("jtexpress", "JT0001234567890", Scenario.REFUSED);
            c.subscribe(new TrackingSubscription("JTSD", "JT0001234567890", null, null, r.url()));
            a.sim.advance(Duration.ofDays(6));
            Receiver.await("the shutdown push", () -> r.received.stream().anyMatch(x -> x.status().equals("shutdown")));
            List<TrackingState> s = states(longest(r).events());
            assertEquals(List.of(TrackingState.OUT_FOR_DELIVERY, TrackingState.REFUSED, TrackingState.RETURNING,
                    TrackingState.RETURNING, TrackingState.RETURNED), s.subList(s.size() - 5, s.size()));
            assertTrue(s.get(s.size() - 1).isFinal());
        }
    }

    @Test
    void aStuckParcelEndsInAnAbortThatIsNotLost() throws Exception {
        try (SimAccount a = new SimAccount(); Receiver r = new Receiver()) {
            Kuaidi100Connector c = a.connector();
            r.use(c);
            a.sim.force("shentong", "773011122233344", Scenario.STUCK);
            c.subscribe(new TrackingSubscription("STO", "773011122233344", null, null, r.url()));
            a.sim.advance(Duration.ofDays(1));
            Receiver.await("three pushes", () -> r.received.size() == 3);
            assertTrue(r.received.stream().noneMatch(x -> x.status().equals("abort")));
            a.sim.advance(Duration.ofDays(61));
            Receiver.await("the abort push", () -> r.received.stream().anyMatch(x -> x.status().equals("abort")));
            List<TrackingEvent> events = r.received.stream().filter(x -> x.status().equals("abort")).findFirst().orElseThrow()
                    .events();
            TrackingEvent last = events.get(events.size() - 1);
            assertEquals(TrackingState.EXCEPTION, last.state());
            assertEquals("abort", last.partnerState());
            assertTrue(last.description().contains("60天无变化"), last.description());
            assertEquals(4, events.size(), "the three steps and the abort");
            assertEquals("abort", a.sim.subscriptions().get(0).status());
        }
    }

    @Test
    void anExceptionJourneyReportsTheProblemThenTheDelivery() throws Exception {
        try (SimAccount a = new SimAccount(Map.of("exceptionRatio", "1")); Receiver r = new Receiver()) {
            Kuaidi100Connector c = a.connector();
            r.use(c);
            c.subscribe(new TrackingSubscription("EMS", "1136281381675", null, null, r.url()));
            a.sim.advance(Duration.ofDays(7));
            Receiver.await("the shutdown push", () -> r.received.stream().anyMatch(x -> x.status().equals("shutdown")));
            List<TrackingEvent> all = longest(r).events();
            assertTrue(states(all).contains(TrackingState.EXCEPTION), states(all).toString());
            assertEquals("204", all.stream().filter(e -> e.state() == TrackingState.EXCEPTION).findFirst().orElseThrow()
                    .partnerState());
            assertEquals("302", all.get(all.size() - 1).partnerState());
        }
    }

    @Test
    void repeatedPushesCarryTheSameEvents() throws Exception {
        try (SimAccount a = new SimAccount(Map.of("duplicatePushes", "true")); Receiver r = new Receiver()) {
            Kuaidi100Connector c = a.connector();
            r.use(c);
            c.subscribe(new TrackingSubscription("JD", "JDVA12345678901", null, null, r.url()));
            a.sim.advance(Duration.ofDays(5));
            Receiver.await("sixteen pushes", () -> r.received.size() == 16);
            Map<Integer, Long> bySize = r.received.stream().collect(Collectors.groupingBy(x -> x.events().size(),
                    Collectors.counting()));
            assertTrue(bySize.values().stream().allMatch(n -> n == 2), bySize.toString());
            Map<Integer, List<Receiver.Received>> groups = r.received.stream().collect(Collectors.groupingBy(x -> x.events().size()));
            groups.values().forEach(g -> assertEquals(g.get(0).events(), g.get(1).events(), "a repeat is the same push"));
        }
    }

    @Test
    void shuffledPushesStillGiveTheWholeJourney() throws Exception {
        try (SimAccount a = new SimAccount(Map.of("shufflePushes", "true", "seed", "7")); Receiver r = new Receiver()) {
            Kuaidi100Connector c = a.connector();
            r.use(c);
            c.subscribe(new TrackingSubscription("DBKD", "DPK20240001234", null, null, r.url()));
            a.sim.advance(Duration.ofDays(5));
            Receiver.await("eight pushes", () -> r.received.size() == 8);
            List<Integer> sizes = r.received.stream().map(x -> x.events().size()).toList();
            // what core keeps: the union of all events, by time and text
            TreeSet<String> union = new TreeSet<>();
            r.received.forEach(x -> x.events().forEach(e -> union.add(e.at() + e.description())));
            assertEquals(8, union.size());
            assertEquals(8, longest(r).events().size());
            assertEquals(Set.copyOf(List.of(1, 2, 3, 4, 5, 6, 7, 8)), Set.copyOf(sizes));
        }
    }

    @Test
    void aReceiverThatFailsAtFirstGetsThePushAgain() throws Exception {
        try (SimAccount a = new SimAccount(); Receiver r = new Receiver()) {
            Kuaidi100Connector c = a.connector();
            r.use(c);
            r.failFirst.set(2);
            c.subscribe(new TrackingSubscription("YTO", "YT9990001112223", null, null, r.url()));
            a.sim.advance(Duration.ofHours(2));
            Receiver.await("the collected push, resent", () -> r.received.size() == 1);
            // the simulator records an attempt once the receiver's answer is back
            Receiver.await("the accepted attempt", () -> a.sim.pushes().stream().anyMatch(SimPusher.Attempt::accepted));
            List<SimPusher.Attempt> attempts = a.sim.pushes();
            assertEquals(3, attempts.size(), "two failures and the delivery");
            assertTrue(!attempts.get(0).accepted() && !attempts.get(1).accepted() && attempts.get(2).accepted());
            assertEquals(attempts.get(0).push(), attempts.get(2).push(), "the same push again");
            assertEquals(2, a.sim.counters().get("pushRetries"));
            assertEquals(TrackingState.COLLECTED, r.received.get(0).events().get(0).state());
        }
    }
}

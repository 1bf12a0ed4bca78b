package org.ordertower.sim.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SimOrderBookTest {
    private final Instant t0 = Instant.parse("2026-11-11T00:00:00Z");
    private final SimOrderBook book = new SimOrderBook(Clock.fixed(t0.plusSeconds(86_400), ZoneOffset.UTC), 1, "shop1", 1000,
            FakeData.listings(5000));

    @Test
    void windowsPartitionTheBookWithoutLossOrDoubles() {
        book.seed(2000, t0, t0.plusSeconds(7200));
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int s = 0; s < 7200 + 700; s += 300) {
            List<SimOrder> page = book.changed(t0.plusSeconds(s), t0.plusSeconds(s + 300));
            for (int i = 1; i < page.size(); i++) {
                assertTrue(!page.get(i).modified.isAfter(page.get(i - 1).modified), "newest first");
            }
            page.forEach(o -> seen.add(o.orderId));
            total += page.size();
        }
        assertEquals(2000, book.size());
        assertEquals(2000, seen.size());
        assertEquals(2000, total, "each order in exactly one window");
    }

    @Test
    void shipIsIdempotentAndRefusesUnpaidOrders() {
        SimOrder o = book.create(t0);
        if (o.status == SimOrder.Status.UNPAID) {
            assertEquals(SimOrderBook.ShipOutcome.NOT_SHIPPABLE, book.ship(o.orderId, List.of(), "SF", "SF1"));
            book.pay(o.orderId);
        }
        assertEquals(SimOrderBook.ShipOutcome.SHIPPED, book.ship(o.orderId, List.of(), "SF", "SF1"));
        assertEquals(SimOrderBook.ShipOutcome.ALREADY_SHIPPED, book.ship(o.orderId, List.of(), "SF", "SF1"));
        assertEquals(SimOrder.Status.SHIPPED, book.get(o.orderId).orElseThrow().status);
        assertEquals(SimOrderBook.ShipOutcome.NOT_FOUND, book.ship("nope", List.of(), "SF", "SF1"));
    }

    @Test
    void discountsAreSharedOverLinesExactly() {
        for (int i = 0; i < 500; i++) {
            SimOrder o = book.create(t0.plusSeconds(i));
            BigDecimal paidLines = o.payment().subtract(o.shipping);
            assertEquals(0, o.goods().subtract(o.discount).compareTo(paidLines), "order " + o.orderId);
        }
    }

    @Test
    void ordersPlacedNowAreNeverModifiedInTheFuture() {
        SimOrderBook live = new SimOrderBook(Clock.fixed(t0, ZoneOffset.UTC), 3, "shop1", 1000, FakeData.listings(5000));
        for (int i = 0; i < 200; i++) {
            SimOrder o = live.create();
            assertTrue(!o.modified.isAfter(t0), "order " + o.orderId + " modified " + o.modified);
        }
        assertEquals(200, live.changed(t0.minusSeconds(1), t0.plusMillis(1)).size());
    }

    @Test
    void anomaliesAreLabelledAndAreWhatTheirLabelsSay() {
        book.anomalies(0.5);
        java.util.Map<SimOrderBook.Anomaly, Integer> seen = new java.util.EnumMap<>(SimOrderBook.Anomaly.class);
        SimOrder previous = null;
        for (int i = 0; i < 2000; i++) {
            SimOrder o = book.create(t0.plusSeconds(i));
            if (o.anomaly != null) {
                seen.merge(o.anomaly, 1, Integer::sum);
                switch (o.anomaly) {
                    case REPEAT_BUYER -> {
                        assertEquals(previous.buyerId, o.buyerId, "the buyer of the order before");
                        assertEquals(List.of(o.address), List.of(previous.address));
                        assertTrue(previous.lines.stream().anyMatch(l -> l.listing.equals(o.lines.get(0).listing)), "the same SKU");
                    }
                    case SAME_ADDRESS -> assertEquals(10, o.lines.get(0).quantity);
                    case LOW_PRICE -> assertEquals(0, o.lines.get(0).price.compareTo(o.lines.get(0).listing.price()
                            .multiply(new BigDecimal("0.40")).setScale(2, java.math.RoundingMode.HALF_UP)));
                    case GIFT_ALONE -> assertTrue(o.lines.size() == 1 && o.lines.get(0).listing.gift());
                    case BLACKLISTED -> assertTrue(SimOrderBook.BLACKLISTED_BUYERS.contains(o.buyerId));
                    default -> throw new AssertionError(o.anomaly);
                }
                assertEquals(0, o.goods().subtract(o.discount).compareTo(o.payment().subtract(o.shipping)), "still adds up");
            }
            previous = o;
        }
        assertEquals(SimOrderBook.Anomaly.values().length, seen.size(), "every kind: " + seen);
        int labelled = seen.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(labelled > 800 && labelled < 1100, "about half (REPEAT_BUYER after a labelled order stays clean): " + labelled);
        assertEquals(book.size(), book.all().size());
        assertEquals(labelled, book.all().stream().filter(o -> o.anomaly != null).count());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> book.anomalies(0.9));
    }

    @Test
    void aShippedLineKeepsWhenItWasShipped() {
        SimOrder o = book.create(t0);
        book.pay(o.orderId);
        book.ship(o.orderId, List.of(), "SF", "SF9");
        assertTrue(book.get(o.orderId).orElseThrow().lines.stream().allMatch(l -> l.shippedAt != null));
    }
}

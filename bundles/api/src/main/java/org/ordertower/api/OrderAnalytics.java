package org.ordertower.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the orders received in a window say about the business: where they went and which goods are bought together.
 * The console's analytics page and the daily report read it.
 *
 * @param orders the orders received in the window
 * @param regions orders and paid amounts per delivery region, the most orders first; a Chinese province by its short
 *     name as maps name it ({@code 浙江}, {@code 内蒙古}, {@code 北京}), other countries' regions as the platform
 *     wrote them, and an empty province for orders without an address
 * @param boughtTogether pairs of master SKUs that appear in the same order, the most orders first (gifts and kit parts
 *     left out: a kit counts as its own SKU)
 */
public record OrderAnalytics(Instant from, Instant to, long orders, List<Region> regions, List<SkuPair> boughtTogether) {
    /** The longest window one call reads. */
    public static final Duration MAX_WINDOW = Duration.ofDays(92);
    /** The most pairs one call returns. */
    public static final int MAX_PAIRS = 200;

    public OrderAnalytics {
        regions = List.copyOf(regions);
        boughtTogether = List.copyOf(boughtTogether);
    }

    /**
     * @param country the delivery country as the order has it ({@code CN} for China), or empty
     * @param province the region (see {@link OrderAnalytics#regions})
     * @param paid the sum of the orders' paid amounts, in their own currencies added up (the console shows one
     *     merchant's figures, whose shops mostly share a currency)
     */
    public record Region(String country, String province, long orders, BigDecimal paid) {
    }

    /**
     * @param ordersA orders in the window with {@code skuA}
     * @param ordersB orders in the window with {@code skuB}
     * @param together orders with both
     * @param lift how much more often the two appear together than if buyers chose them independently:
     *     {@code together * orders / (ordersA * ordersB)}; above 1 means they go together
     */
    public record SkuPair(String skuA, String skuB, long together, long ordersA, long ordersB, double lift) {
    }

    /**
     * Checks a window and a number of pairs.
     *
     * @throws IllegalArgumentException when {@code to} is not after {@code from}, the window is longer than
     *     {@link #MAX_WINDOW} or {@code pairs} is outside 0..{@link #MAX_PAIRS}
     */
    public static void check(Instant from, Instant to, int pairs) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("analytics need a window: from and to");
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the window's end " + to + " must be after its start " + from);
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("the window may be at most " + MAX_WINDOW.toDays() + " days long");
        }
        if (pairs < 0 || pairs > MAX_PAIRS) {
            throw new IllegalArgumentException("pairs must be between 0 and " + MAX_PAIRS + ", not " + pairs);
        }
    }
}

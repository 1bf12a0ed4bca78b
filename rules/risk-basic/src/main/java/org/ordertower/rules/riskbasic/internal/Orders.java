package org.ordertower.rules.riskbasic.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderLine;
import org.ordertower.api.rules.OrderFact;

/**
 * What several rules read from an order and its earlier orders, null-safe (any field of a line,
 * buyer or address may be missing), and how evidence writes numbers.
 */
final class Orders {
    private Orders() {
    }

    /** What the buyer paid for the order; 0 when the order carries no amounts. */
    static BigDecimal paid(NormalizedOrder order) {
        return order.amounts() == null ? BigDecimal.ZERO : order.amounts().paid();
    }

    static boolean isKitPart(OrderLine line) {
        return line.parentLineNo() != null;
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /** A line as evidence names it: its master SKU, else the channel's SKU, else its line number. */
    static String label(OrderLine line) {
        return line.masterSku() != null ? line.masterSku()
                : line.channelSku() != null ? line.channelSku() : "line " + line.lineNo();
    }

    /**
     * Units per master SKU of the goods bought on this order, counted the way {@link OrderFact} counts
     * them: kits as their parts (a kit line whose parts are on the order is left out). Gifts are not
     * bought and lines without a master SKU cannot be compared, so neither counts. In line order.
     */
    static Map<String, Long> unitsBySku(List<OrderLine> lines) {
        Set<String> expandedKits = lines.stream().map(OrderLine::parentLineNo).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Map<String, Long> units = new LinkedHashMap<>();
        for (OrderLine line : lines) {
            if (!line.gift() && line.masterSku() != null && !expandedKits.contains(line.lineNo())) {
                units.merge(line.masterSku(), (long) line.quantity(), Long::sum);
            }
        }
        return units;
    }

    /** Units of one master SKU on an earlier order. */
    static long units(OrderFact fact, String sku) {
        return fact.items().stream().filter(i -> sku.equals(i.sku())).mapToLong(i -> i.quantity()).sum();
    }

    /** The facts without this order's own: a re-screened order may find its earlier screening. */
    static List<OrderFact> earlier(List<OrderFact> facts, Order order) {
        return facts.stream().filter(f -> f.orderId() != order.id()).toList();
    }

    /** Sum of what the earlier orders paid; a fact without an amount counts 0. */
    static BigDecimal paid(List<OrderFact> facts) {
        return facts.stream().map(OrderFact::paid).filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The start of the day {@code now} falls on, in {@code zone}. */
    static Instant startOfDay(Instant now, ZoneId zone) {
        return now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    }

    /** Money with grouping and two decimals: {@code 6,200.00}. */
    static String money(BigDecimal amount) {
        return String.format(Locale.ROOT, "%,.2f", amount);
    }

    /** A ratio as a percentage: {@code 0.85 -> 85%}. */
    static String percent(BigDecimal ratio) {
        return ratio.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}

package org.ordertower.rules.riskbasic.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.ordertower.api.OrderLine;
import org.ordertower.api.inventory.GiftDecision;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.api.rules.ScreeningRule;

/**
 * A gift that should not ship: the catalog's gift rules refused it ({@link ScreeningContext#refusedGifts()}),
 * the goods paid are under the gift threshold, or its main item is gone (refunded or removed). Gift
 * lines are the top-level lines marked gift (a kit part follows its kit). When the price of a bought
 * line is unknown the threshold is not judged.
 * <p>
 * What happens is the pack's {@code gift.ineligible.action}: with {@link Action#REVIEW} (the default)
 * each is a REVIEW finding; with {@link Action#REMOVE} the refused gifts and the gifts under the
 * threshold are taken off the order, in one AUTO_FIX finding whose evidence names each line, its SKU
 * and why. A gift without any main item on the order is a REVIEW either way: taking it off would leave
 * nothing to ship, and a person sees whether the main item came on another order.
 */
record GiftEligibilityRule(BigDecimal minAmount, Action action) implements ScreeningRule {

    /** What the rule does with an ineligible gift: the values of {@code gift.ineligible.action}. */
    enum Action {
        /** A person decides (the order goes to review). */
        REVIEW,
        /** The gift line is taken off the order, noted in the audit trail; the order goes on. */
        REMOVE;

        /** The action a parameter word names: {@code review} or {@code remove}, in any case. */
        static Action of(String word) {
            return valueOf(word.toUpperCase(Locale.ROOT));
        }
    }

    @Override
    public String name() {
        return "gift-eligibility";
    }

    @Override
    public List<Finding> evaluate(ScreeningContext context) {
        List<OrderLine> lines = context.order().content().lines();
        List<OrderLine> gifts = lines.stream().filter(l -> l.gift() && !Orders.isKitPart(l)).toList();
        if (gifts.isEmpty()) {
            return List.of();
        }
        if (lines.stream().allMatch(OrderLine::gift)) {
            return List.of(Finding.review("gift " + labels(gifts) + " without a main item on the order"));
        }
        Map<String, String> refused = refused(context.refusedGifts(), gifts);
        Optional<BigDecimal> under = goodsPaid(lines).filter(paid -> paid.compareTo(minAmount) < 0);
        return action == Action.REMOVE ? remove(gifts, refused, under) : review(gifts, refused, under);
    }

    /** A REVIEW finding for the gifts the catalog refused, and one for the gifts under the threshold. */
    private List<Finding> review(List<OrderLine> gifts, Map<String, String> refused, Optional<BigDecimal> under) {
        List<Finding> findings = new ArrayList<>();
        if (!refused.isEmpty()) {
            findings.add(Finding.review(gifts.stream().filter(g -> refused.containsKey(g.lineNo()))
                    .map(g -> describe(g) + " " + refused.get(g.lineNo())).collect(Collectors.joining("; "))));
        }
        under.ifPresent(paid -> findings.add(Finding.review("gift " + labels(gifts) + " on goods paid "
                + Orders.money(paid) + " < " + Orders.money(minAmount))));
        return findings;
    }

    /**
     * One AUTO_FIX finding taking off every refused gift and, under the threshold, every gift; a gift
     * line without a line number cannot be named for removal and goes to review.
     */
    private List<Finding> remove(List<OrderLine> gifts, Map<String, String> refused, Optional<BigDecimal> under) {
        Map<String, String> off = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        for (OrderLine g : gifts) {
            String why = refused.containsKey(g.lineNo()) ? refused.get(g.lineNo())
                    : under.map(paid -> "on goods paid " + Orders.money(paid) + " < " + Orders.money(minAmount))
                            .orElse(null);
            if (why == null) {
                continue;
            }
            if (Orders.isBlank(g.lineNo())) {
                kept.add("gift " + Orders.label(g) + " without a line number " + why);
            } else {
                off.merge(g.lineNo(), describe(g) + " " + why, (a, b) -> a + "; " + b);
            }
        }
        List<Finding> findings = new ArrayList<>();
        if (!off.isEmpty()) {
            findings.add(Finding.removeLines(List.copyOf(off.keySet()), String.join("; ", off.values())));
        }
        if (!kept.isEmpty()) {
            findings.add(Finding.review(String.join("; ", kept)));
        }
        return findings;
    }

    /**
     * The catalog's refusals of gift lines on this order, by line number, each as {@code refused by
     * the catalog: <reason>}; refusals of other lines are left out.
     */
    private static Map<String, String> refused(List<GiftDecision.Problem> problems, List<OrderLine> gifts) {
        Map<String, String> refused = new LinkedHashMap<>();
        for (GiftDecision.Problem p : problems) {
            if (p != null && !Orders.isBlank(p.lineNo()) && gifts.stream().anyMatch(g -> p.lineNo().equals(g.lineNo()))) {
                refused.merge(p.lineNo(), "refused by the catalog: " + p.reason(), (a, b) -> a + ", " + b);
            }
        }
        return refused;
    }

    /** A gift line as the evidence names it: {@code gift line 2 (GIFT-BAG)}. */
    private static String describe(OrderLine gift) {
        return "gift line " + gift.lineNo() + " (" + Orders.label(gift) + ")";
    }

    private static String labels(List<OrderLine> gifts) {
        return gifts.stream().map(Orders::label).collect(Collectors.joining(", "));
    }

    /** What the buyer paid for the bought top-level lines; empty when a line's amount is unknown. */
    private static Optional<BigDecimal> goodsPaid(List<OrderLine> lines) {
        BigDecimal sum = BigDecimal.ZERO;
        for (OrderLine line : lines) {
            if (!line.gift() && !Orders.isKitPart(line)) {
                BigDecimal paid = line.paidAmount() != null ? line.paidAmount()
                        : line.unitPrice() != null ? line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())) : null;
                if (paid == null) {
                    return Optional.empty();
                }
                sum = sum.add(paid);
            }
        }
        return Optional.of(sum);
    }
}

package org.ordertower.core.internal.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.ordertower.api.Order;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.inventory.GiftDecision;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.RiskDecision;
import org.ordertower.api.rules.RiskDecision.RuleHit;
import org.ordertower.api.rules.RulePackStatus;
import org.ordertower.api.rules.RuleStatistics;
import org.ordertower.api.rules.ScreeningService;

/**
 * A rules engine of test rules, each a function of the order and the gifts the catalog refused; it
 * decides as the real engine does (the most severe acting level, shadow hits recorded only) and
 * remembers what it was asked.
 */
final class TestRules implements ScreeningService {
    /** One test rule. */
    interface Rule {
        List<Finding> evaluate(Order order, List<GiftDecision.Problem> refusedGifts);
    }

    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Set<String> shadow = new HashSet<>();
    /** The orders screened, with the lines the rules saw. */
    final List<Order> orders = new ArrayList<>();
    /** The refused gifts each screening was given. */
    final List<List<GiftDecision.Problem>> refused = new ArrayList<>();

    TestRules rule(String name, Rule rule) {
        rules.put(name, rule);
        return this;
    }

    TestRules shadow(String name) {
        shadow.add(name);
        return this;
    }

    /**
     * What {@code risk-basic/gift-eligibility} finds about the refused gifts: with {@code remove} one
     * AUTO_FIX finding taking them off, with {@code review} one REVIEW finding; the evidence names each
     * line, its SKU and the catalog's reason.
     */
    static Rule giftEligibility(String action) {
        return (order, refusedGifts) -> {
            if (refusedGifts.isEmpty()) {
                return List.of();
            }
            String evidence = refusedGifts.stream().map(p -> "gift line " + p.lineNo() + " (" + p.sku()
                    + ") refused by the catalog: " + p.reason()).collect(Collectors.joining("; "));
            return List.of(action.equals("remove")
                    ? Finding.removeLines(refusedGifts.stream().map(GiftDecision.Problem::lineNo).toList(), evidence)
                    : Finding.review(evidence));
        };
    }

    @Override
    public RiskDecision screen(Order order) {
        return screen(order, List.of());
    }

    @Override
    public RiskDecision screen(Order order, List<GiftDecision.Problem> refusedGifts) {
        orders.add(order);
        refused.add(List.copyOf(refusedGifts));
        List<RuleHit> hits = new ArrayList<>();
        RiskLevel level = RiskLevel.NONE;
        for (Map.Entry<String, Rule> r : rules.entrySet()) {
            for (Finding f : r.getValue().evaluate(order, refusedGifts)) {
                boolean inShadow = shadow.contains(r.getKey());
                hits.add(new RuleHit(r.getKey(), f, inShadow));
                level = inShadow ? level : level.max(f.level());
            }
        }
        return new RiskDecision(level, hits);
    }

    @Override
    public List<RulePackStatus> packs() {
        return List.of();
    }

    @Override
    public List<RuleStatistics> statistics() {
        return List.of();
    }
}

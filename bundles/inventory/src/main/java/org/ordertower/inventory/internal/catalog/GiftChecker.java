package org.ordertower.inventory.internal.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.ordertower.api.OrderLine;
import org.ordertower.api.inventory.GiftDecision;
import org.ordertower.api.inventory.GiftRule;

/** Decides the gifts of one order against the gift rules: gift lines no rule allows, gifts to add; pure. */
final class GiftChecker {
    /** A rule and the name of its gift SKU. */
    record RuleRow(GiftRule rule, String giftName) {
    }

    private final String channel;
    private final List<OrderLine> lines;
    private final BigDecimal goodsPaid;
    private final Instant at;
    private final Set<String> mainSkus = new HashSet<>();

    GiftChecker(String channel, List<OrderLine> lines, BigDecimal goodsPaid, Instant at) {
        this.channel = channel;
        this.lines = lines;
        this.goodsPaid = goodsPaid;
        this.at = at;
        for (OrderLine l : lines) {
            if (!l.gift() && l.masterSku() != null) {
                mainSkus.add(l.masterSku());
            }
        }
    }

    /**
     * The SKUs whose gift rules the order needs: its gift lines, and the lines it got for nothing, which are gifts when
     * their SKU is a gift's (kit parts aside).
     */
    static Set<String> requestedGifts(List<OrderLine> mappedLines) {
        Set<String> giftSkus = new LinkedHashSet<>();
        for (OrderLine l : mappedLines) {
            if ((l.gift() || free(l)) && l.masterSku() != null && l.parentLineNo() == null) {
                giftSkus.add(l.masterSku());
            }
        }
        return giftSkus;
    }

    /** A line paid nothing for. */
    private static boolean free(OrderLine l) {
        return l.paidAmount() != null && l.paidAmount().signum() == 0;
    }

    /**
     * Whether a line is a gift: the platform said so, or the buyer paid nothing for a SKU that gift rules give away (a
     * platform that lists a gift bought on its own as the order's item, Pinduoduo's, does not flag it).
     */
    private static boolean gift(OrderLine l, Set<String> giftSkus) {
        return l.gift() || (l.parentLineNo() == null && free(l) && giftSkus.contains(l.masterSku()));
    }

    GiftDecision decide(Collection<RuleRow> rules) {
        List<GiftDecision.Problem> ineligible = new ArrayList<>();
        Set<String> giftsOnOrder = new HashSet<>();
        Set<String> giftSkus = new HashSet<>();
        rules.forEach(r -> giftSkus.add(r.rule().giftSku()));
        for (OrderLine l : lines) {
            if (!gift(l, giftSkus) || l.masterSku() == null) {
                continue;
            }
            giftsOnOrder.add(l.masterSku());
            if (l.parentLineNo() != null) {
                continue;
            }
            List<String> reasons = new ArrayList<>();
            boolean allowed = false;
            for (RuleRow row : rules) {
                if (row.rule().giftSku().equals(l.masterSku())) {
                    String failure = failure(row.rule(), l.quantity());
                    allowed |= failure == null;
                    reasons.add(failure);
                }
            }
            if (reasons.isEmpty()) {
                ineligible.add(new GiftDecision.Problem(l.lineNo(), l.masterSku(),
                        "no gift rule allows SKU " + l.masterSku()));
            } else if (!allowed) {
                ineligible.add(new GiftDecision.Problem(l.lineNo(), l.masterSku(), String.join("; ", reasons)));
            }
        }
        List<OrderLine> added = new ArrayList<>();
        for (RuleRow row : rules) {
            GiftRule r = row.rule();
            if (r.autoAdd() && failure(r, null) == null && giftsOnOrder.add(r.giftSku())) {
                added.add(new OrderLine("gift/" + r.id(), r.giftSku(), r.giftSku(), row.giftName(), r.quantity(),
                        BigDecimal.ZERO, BigDecimal.ZERO, true, null));
            }
        }
        return new GiftDecision(ineligible, added);
    }

    /** Why the rule does not allow the gift, or null when it does; a null quantity is not checked. */
    private String failure(GiftRule r, Integer quantity) {
        String gift = "gift " + r.giftSku();
        String rule = " (rule " + r.id() + ")";
        if (r.channel() != null && !r.channel().equals(channel)) {
            return gift + " is only for channel " + r.channel() + ", order is from " + channel + rule;
        }
        if (r.validFrom() != null && at.isBefore(r.validFrom())) {
            return gift + " promotion starts at " + r.validFrom() + ", order is at " + at + rule;
        }
        if (r.validTo() != null && !at.isBefore(r.validTo())) {
            return gift + " promotion ended at " + r.validTo() + ", order is at " + at + rule;
        }
        if (r.mainSku() != null && !mainSkus.contains(r.mainSku())) {
            return gift + " needs main item " + r.mainSku() + " on the order" + rule;
        }
        if (r.minAmount() != null && goodsPaid.compareTo(r.minAmount()) < 0) {
            return gift + " needs goods paid >= " + CatalogFormats.money(r.minAmount()) + ", order has "
                    + CatalogFormats.money(goodsPaid) + rule;
        }
        if (quantity != null && quantity > r.quantity()) {
            return gift + " allows " + r.quantity() + " per order, line has " + quantity + rule;
        }
        return null;
    }
}

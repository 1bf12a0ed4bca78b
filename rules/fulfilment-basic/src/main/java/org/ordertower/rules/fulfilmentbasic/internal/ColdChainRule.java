package org.ordertower.rules.fulfilmentbasic.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.ordertower.api.OrderLine;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.Finding.Fix;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.api.rules.ScreeningRule;

/**
 * Goods that must travel refrigerated: the order is tagged {@code cold-chain}, and {@code ships-alone}
 * when it also holds other goods, which go in a separate ordinary parcel. Goods are the lines that
 * ship: plain lines and kit parts, not the kit lines they were expanded from; a part of a cold-chain
 * kit is cold-chain. A SKU the catalog does not know counts as not cold-chain.
 */
record ColdChainRule() implements ScreeningRule {

    @Override
    public String name() {
        return "cold-chain";
    }

    @Override
    public List<Finding> evaluate(ScreeningContext context) {
        List<OrderLine> lines = context.order().content().lines();
        Set<String> kits = lines.stream().map(OrderLine::parentLineNo).filter(Objects::nonNull).collect(Collectors.toSet());
        Map<String, OrderLine> byLineNo = new HashMap<>();
        lines.stream().filter(l -> l.lineNo() != null).forEach(l -> byLineNo.putIfAbsent(l.lineNo(), l));
        List<String> cold = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (OrderLine line : lines) {
            if (kits.contains(line.lineNo())) {
                continue;
            }
            OrderLine kit = line.parentLineNo() == null ? null : byLineNo.get(line.parentLineNo());
            boolean isCold = isCold(context, line) || kit != null && isCold(context, kit);
            (isCold ? cold : other).add(label(line));
        }
        if (cold.isEmpty()) {
            return List.of();
        }
        String evidence = "cold-chain " + String.join(", ", cold);
        if (other.isEmpty()) {
            return List.of(Finding.tag("cold-chain", evidence));
        }
        evidence += " ships alone, apart from " + other.size() + (other.size() == 1 ? " other line: " : " other lines: ")
                + String.join(", ", other);
        return List.of(new Finding(RiskLevel.AUTO_FIX, evidence, new Fix(List.of("cold-chain", "ships-alone"), null)));
    }

    private static boolean isCold(ScreeningContext context, OrderLine line) {
        return line.masterSku() != null && context.sku(line.masterSku()).map(Sku::coldChain).orElse(false);
    }

    private static String label(OrderLine line) {
        return line.masterSku() != null ? line.masterSku()
                : line.channelSku() != null ? line.channelSku() : "line " + line.lineNo();
    }
}

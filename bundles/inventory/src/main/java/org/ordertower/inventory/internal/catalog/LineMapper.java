package org.ordertower.inventory.internal.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.ordertower.api.OrderLine;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.api.inventory.KitPart;
import org.ordertower.api.inventory.MappedLines;
import org.ordertower.api.inventory.SkuMapping;
import org.ordertower.api.inventory.StockItem;

/** Maps order lines to master SKUs with the mappings found, and kit lines to their part lines; pure. */
final class LineMapper {
    private record Target(String masterSku, int factor) {
    }

    private final Map<String, Target> byChannelSku = new HashMap<>();
    private final Map<String, Set<Target>> byOuterCode = new HashMap<>();

    LineMapper(List<SkuMapping> mappings) {
        for (SkuMapping m : mappings) {
            Target t = new Target(m.masterSku(), m.factor());
            byChannelSku.put(m.channelSku(), t);
            if (m.outerCode() != null) {
                byOuterCode.computeIfAbsent(m.outerCode(), k -> new HashSet<>()).add(t);
            }
        }
    }

    /** Part lines made by an earlier mapping are made again from their kit line, so mapping twice changes nothing. */
    static List<OrderLine> withoutExpandedParts(List<OrderLine> lines) {
        Set<String> lineNos = new HashSet<>();
        for (OrderLine l : lines) {
            if (l == null) {
                throw new InventoryException("order lines must not contain null");
            }
            lineNos.add(l.lineNo());
        }
        return lines.stream().filter(l -> l.parentLineNo() == null || !lineNos.contains(l.parentLineNo()))
                .collect(Collectors.toList());
    }

    Set<String> masters() {
        Set<String> out = new HashSet<>();
        byChannelSku.values().forEach(t -> out.add(t.masterSku()));
        return out;
    }

    /** The mapping by channel SKU, else the one by outer code; none when several outer codes disagree. */
    private Target target(String channelSku) {
        Target t = byChannelSku.get(channelSku);
        if (t != null) {
            return t;
        }
        Set<Target> byOuter = byOuterCode.getOrDefault(channelSku, Set.of());
        return byOuter.size() == 1 ? byOuter.iterator().next() : null;
    }

    MappedLines map(List<OrderLine> input, Map<String, List<KitPart>> skus) {
        List<OrderLine> lines = new ArrayList<>();
        Set<String> unmapped = new LinkedHashSet<>();
        Map<String, Integer> items = new LinkedHashMap<>();
        for (OrderLine l : input) {
            Target t = l.masterSku() != null ? new Target(l.masterSku(), 1) : target(l.channelSku());
            if (t == null || !skus.containsKey(t.masterSku())) {
                lines.add(new OrderLine(l.lineNo(), l.channelSku(), null, l.title(), l.quantity(), l.unitPrice(),
                        l.paidAmount(), l.gift(), l.parentLineNo()));
                unmapped.add(l.channelSku() != null ? l.channelSku() : l.masterSku());
                continue;
            }
            int quantity = multiply(l.quantity(), t.factor(), l.lineNo());
            BigDecimal unitPrice = t.factor() == 1 || l.unitPrice() == null ? l.unitPrice()
                    : l.unitPrice().divide(BigDecimal.valueOf(t.factor()), 4, RoundingMode.HALF_UP);
            lines.add(new OrderLine(l.lineNo(), l.channelSku(), t.masterSku(), l.title(), quantity, unitPrice,
                    l.paidAmount(), l.gift(), l.parentLineNo()));
            List<KitPart> parts = skus.get(t.masterSku());
            if (parts.isEmpty()) {
                items.merge(t.masterSku(), quantity, Math::addExact);
            }
            for (KitPart part : parts) {
                int partQuantity = multiply(quantity, part.quantity(), l.lineNo());
                lines.add(new OrderLine(l.lineNo() + "/" + part.sku(), l.channelSku(), part.sku(), null,
                        partQuantity, BigDecimal.ZERO, BigDecimal.ZERO, l.gift(), l.lineNo()));
                items.merge(part.sku(), partQuantity, Math::addExact);
            }
        }
        List<StockItem> stock = new ArrayList<>();
        items.forEach((sku, qty) -> stock.add(new StockItem(sku, qty)));
        return new MappedLines(lines, new ArrayList<>(unmapped), stock);
    }

    private static int multiply(int a, int b, String lineNo) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new InventoryException("order line " + lineNo + ": quantity " + a + " x " + b + " is too large");
        }
    }
}

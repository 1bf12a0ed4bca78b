package org.ordertower.core.internal.pipeline;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.OrderLine;
import org.ordertower.api.inventory.GiftDecision;
import org.ordertower.api.inventory.MappedLines;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.core.internal.AnswersNothingCatalog;

/**
 * A catalog of test data for the pipeline: channel SKUs mapped to master SKUs (kits expanded into
 * their parts the way the real catalog does it) and the gift lines its gift rules refuse. Only what
 * screening asks is answered.
 */
final class TestCatalog extends AnswersNothingCatalog {
    private final Map<String, String> masters = new HashMap<>();
    private final Map<String, List<StockItem>> kits = new HashMap<>();
    private final Map<String, String> refusals = new HashMap<>();

    /** Maps a channel SKU to a master SKU, one to one. */
    TestCatalog map(String channelSku, String masterSku) {
        masters.put(channelSku, masterSku);
        return this;
    }

    /** Makes a master SKU a kit of these parts. */
    TestCatalog kit(String masterSku, StockItem... parts) {
        kits.put(masterSku, List.of(parts));
        return this;
    }

    /** The gift rules refuse a gift of this master SKU, with this reason. */
    TestCatalog refuse(String giftSku, String reason) {
        refusals.put(giftSku, reason);
        return this;
    }

    @Override
    public MappedLines map(String channel, String shop, List<OrderLine> lines) {
        List<OrderLine> mapped = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        for (OrderLine l : lines) {
            String master = masters.get(l.channelSku());
            if (master == null && !unmapped.contains(l.channelSku())) {
                unmapped.add(l.channelSku());
            }
            mapped.add(new OrderLine(l.lineNo(), l.channelSku(), master, l.title(), l.quantity(), l.unitPrice(),
                    l.paidAmount(), l.gift(), l.parentLineNo()));
            for (StockItem part : kits.getOrDefault(master, List.of())) {
                mapped.add(new OrderLine(l.lineNo() + "/" + part.sku(), l.channelSku(), part.sku(), null,
                        part.quantity() * l.quantity(), BigDecimal.ZERO, BigDecimal.ZERO, l.gift(), l.lineNo()));
            }
        }
        return new MappedLines(mapped, unmapped, MappedLines.itemsOf(mapped));
    }

    @Override
    public GiftDecision gifts(String channel, List<OrderLine> mappedLines, BigDecimal goodsPaid, Instant at) {
        List<GiftDecision.Problem> refused = new ArrayList<>();
        for (OrderLine l : mappedLines) {
            if (l.gift() && l.parentLineNo() == null && refusals.containsKey(l.masterSku())) {
                refused.add(new GiftDecision.Problem(l.lineNo(), l.masterSku(), refusals.get(l.masterSku())));
            }
        }
        return new GiftDecision(refused, List.of());
    }
}

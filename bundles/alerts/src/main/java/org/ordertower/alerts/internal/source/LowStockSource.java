package org.ordertower.alerts.internal.source;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.ordertower.alerts.internal.alert.Alert;
import org.ordertower.alerts.internal.alert.AlertKind;
import org.ordertower.alerts.internal.alert.Links;
import org.ordertower.alerts.internal.alert.Severity;
import org.ordertower.alerts.internal.alert.Texts;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.StockAlert;

/**
 * Low stock, from the inventory's low-stock alerts ({@link InventoryService#alerts}, newest first). The inventory
 * writes one when a SKU falls under its threshold with a 24-hour forecast above what is left, and never takes it back;
 * so only those of the last 24 hours count, the newest per SKU, and each is checked against the SKU's sellable stock
 * now: it stays an alert while the forecast is above what is sellable or sellable is at or under the threshold.
 * Key {@code low-stock:<sku>}; CRITICAL when nothing is sellable.
 */
public final class LowStockSource implements AlertSource {
    static final int LIMIT = 200;
    /** The forecast is for 24 hours: an older one says nothing about now. */
    static final Duration FRESH = Duration.ofHours(24);
    private final Supplier<Optional<InventoryService>> inventory;
    private final Texts texts;
    private final Links links;

    public LowStockSource(Supplier<Optional<InventoryService>> inventory, Texts texts, Links links) {
        this.inventory = inventory;
        this.texts = texts;
        this.links = links;
    }

    @Override
    public String name() {
        return AlertKind.LOW_STOCK.id();
    }

    @Override
    public List<Alert> look(Instant now) {
        Optional<InventoryService> service = inventory.get();
        if (service.isEmpty()) {
            return List.of();
        }
        InventoryService inv = service.get();
        Map<String, StockAlert> newest = new LinkedHashMap<>();
        for (StockAlert a : inv.alerts(LIMIT)) {
            if (!a.at().isBefore(now.minus(FRESH))) {
                newest.putIfAbsent(a.sku(), a);
            }
        }
        List<Alert> out = new ArrayList<>();
        for (StockAlert a : newest.values()) {
            Integer sellable = sellableNow(inv, a.sku());
            if (sellable == null || !(a.forecast24h() > sellable || sellable <= a.threshold())) {
                continue; // gone from the catalog, or stock came back
            }
            Severity severity = sellable <= 0 ? Severity.CRITICAL : AlertKind.LOW_STOCK.severity();
            out.add(new Alert(AlertKind.LOW_STOCK.key(a.sku()), AlertKind.LOW_STOCK, severity,
                    texts.lowStockTitle(a.sku()), texts.lowStock(a.sku(), sellable, a.threshold(), a.forecast24h()),
                    links.stock(a.sku()), now));
        }
        return out;
    }

    private static Integer sellableNow(InventoryService inv, String sku) {
        try {
            return inv.view(sku).sellable();
        } catch (InventoryException unknown) {
            return null;
        }
    }
}

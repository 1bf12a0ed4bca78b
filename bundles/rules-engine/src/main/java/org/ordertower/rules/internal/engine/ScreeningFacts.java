package org.ordertower.rules.internal.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

import org.ordertower.api.Order;
import org.ordertower.api.inventory.GiftDecision;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.rules.OrderFact;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.rules.internal.history.OrderHistory;

/**
 * The context of one screening. The history is read once, for the buyer, phone and address keys
 * together, when the first rule asks, reaching back {@link #HISTORY_REACH}; rules then filter by
 * their own window.
 */
final class ScreeningFacts implements ScreeningContext {
    static final java.time.Duration HISTORY_REACH = OrderHistory.REACH;
    private final Order order;
    private final Instant now;
    private final OrderHistory history;
    private final Function<String, Optional<Sku>> skus;
    private final Function<String, OptionalInt> sellable;
    private final List<GiftDecision.Problem> refusedGifts;
    private Map<OrderHistory.Key, List<OrderFact>> loaded;

    /** @param refusedGifts the gift lines the catalog refused on this order (may be empty) */
    ScreeningFacts(Order order, Instant now, OrderHistory history, Function<String, Optional<Sku>> skus,
            Function<String, OptionalInt> sellable, List<GiftDecision.Problem> refusedGifts) {
        this.order = order;
        this.refusedGifts = List.copyOf(refusedGifts);
        this.now = now;
        this.history = history;
        this.skus = skus;
        this.sellable = sellable;
    }

    @Override
    public Order order() {
        return order;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Optional<Sku> sku(String code) {
        return code == null ? Optional.empty() : skus.apply(code);
    }

    @Override
    public OptionalInt sellable(String sku) {
        return sku == null ? OptionalInt.empty() : sellable.apply(sku);
    }

    @Override
    public List<OrderFact> ordersOfBuyer(Instant since) {
        return facts(OrderHistory.Key.BUYER, since);
    }

    @Override
    public List<OrderFact> ordersToAddress(Instant since) {
        return facts(OrderHistory.Key.ADDRESS, since);
    }

    @Override
    public List<OrderFact> ordersOfPhone(Instant since) {
        return facts(OrderHistory.Key.PHONE, since);
    }

    @Override
    public List<OrderFact> ordersFromDevice(Instant since) {
        return facts(OrderHistory.Key.DEVICE, since);
    }

    @Override
    public List<OrderFact> ordersFromIp(Instant since) {
        return facts(OrderHistory.Key.IP, since);
    }

    @Override
    public List<GiftDecision.Problem> refusedGifts() {
        return refusedGifts;
    }

    private List<OrderFact> facts(OrderHistory.Key key, Instant since) {
        if (loaded == null) { // all keys at once, on the first rule that asks
            loaded = history.find(order, now.minus(HISTORY_REACH));
        }
        return loaded.get(key).stream().filter(f -> !f.at().isBefore(since)).toList();
    }
}

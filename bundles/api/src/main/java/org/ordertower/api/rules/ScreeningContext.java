package org.ordertower.api.rules;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.ordertower.api.Order;
import org.ordertower.api.inventory.GiftDecision;
import org.ordertower.api.inventory.Sku;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a rule may look at while screening one order. The look-ups are the engine's: cached or
 * indexed, so that screening stays fast at a peak and as the day's orders grow (no full scans).
 */
@ProviderType
public interface ScreeningContext {
    /** The order, its lines mapped through the catalog (master SKUs, kit parts, added gifts). */
    Order order();

    /** The time of this screening. */
    Instant now();

    /** A master SKU from the catalog (cached for a few seconds); empty when unknown or no catalog is installed. */
    Optional<Sku> sku(String code);

    /** Sellable units of a master SKU (cached for about a second); empty when no inventory is installed. */
    OptionalInt sellable(String sku);

    /** Earlier screened orders of the same buyer (platform buyer id) on the same channel since {@code since}, newest first. */
    List<OrderFact> ordersOfBuyer(Instant since);

    /** Earlier screened orders to the same address (normalised) since {@code since}, newest first. */
    List<OrderFact> ordersToAddress(Instant since);

    /** Earlier screened orders with the same buyer phone since {@code since}, newest first. */
    List<OrderFact> ordersOfPhone(Instant since);

    /**
     * Earlier screened orders from the same device fingerprint since {@code since}, newest first; empty
     * when the platform gives no device id.
     *
     * @since 2.1
     */
    default List<OrderFact> ordersFromDevice(Instant since) {
        return List.of();
    }

    /**
     * Earlier screened orders from the same buyer IP address since {@code since}, newest first; empty
     * when the platform gives no IP.
     *
     * @since 2.1
     */
    default List<OrderFact> ordersFromIp(Instant since) {
        return List.of();
    }

    /**
     * The gift lines of this order the catalog's gift rules refused ({@link GiftDecision#ineligible()}),
     * each with its line number, SKU and the catalog's reason; empty when every gift is allowed. A rule
     * may take such a line off ({@link Finding#removeLines}); a refused gift line left on the order
     * sends it to review with the catalog's reason.
     *
     * @since 2.2
     */
    default List<GiftDecision.Problem> refusedGifts() {
        return List.of();
    }
}

package org.ordertower.api.inventory;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * When a gift SKU is added to an order, or allowed on it. A gift line is eligible under a rule when
 * every condition the rule sets holds; conditions left null do not apply.
 *
 * @param id the rule id, unique
 * @param giftSku the master SKU given away
 * @param quantity gift units per qualifying order, at least 1
 * @param mainSku the master SKU the order must contain, or null
 * @param minAmount the paid goods amount the order must reach, or null
 * @param channel the only channel the rule applies to, or null for all
 * @param validFrom start of the promotion (inclusive), or null
 * @param validTo end of the promotion (exclusive), or null
 * @param autoAdd true when OrderTower adds the gift itself to a qualifying order; false when the
 *     gift is only allowed when the platform already put it on the order
 */
public record GiftRule(String id, String giftSku, int quantity, String mainSku, BigDecimal minAmount, String channel,
        Instant validFrom, Instant validTo, boolean autoAdd) {
}

package org.ordertower.api;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Order amounts as exact decimals in one currency. {@code paid = goods - discount + shipping} is
 * what platforms usually send but is not enforced: the platform's figures are kept as given.
 *
 * @param currency ISO 4217 code, for example {@code CNY}
 * @param goods sum of line prices before discounts, never negative
 * @param discount total discount, never negative
 * @param shipping shipping fee charged to the buyer, never negative
 * @param paid what the buyer paid, never negative
 */
public record Amounts(String currency, BigDecimal goods, BigDecimal discount, BigDecimal shipping, BigDecimal paid) {
    public Amounts {
        Objects.requireNonNull(currency, "currency");
        goods = nz(goods);
        discount = nz(discount);
        shipping = nz(shipping);
        paid = nz(paid);
    }

    private static BigDecimal nz(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }
}

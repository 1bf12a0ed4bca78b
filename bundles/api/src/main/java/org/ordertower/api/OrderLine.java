package org.ordertower.api;

import java.math.BigDecimal;

/**
 * One line of an order. Immutable.
 *
 * @param lineNo the platform's line id (sub-order id), unique within the order
 * @param channelSku the SKU code as the channel sent it, untouched
 * @param masterSku the master SKU once mapped through the catalog, or null while unknown
 * @param title the item title as shown to the buyer, may be null
 * @param quantity units ordered, at least 1
 * @param unitPrice list price of one unit, never negative
 * @param paidAmount what the buyer paid for the whole line after discounts, never negative
 * @param gift true when the line is a free gift
 * @param parentLineNo for a kit part, the {@code lineNo} of the kit line it was expanded from; else null
 */
public record OrderLine(String lineNo, String channelSku, String masterSku, String title, int quantity,
        BigDecimal unitPrice, BigDecimal paidAmount, boolean gift, String parentLineNo) {
}

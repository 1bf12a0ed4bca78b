package org.ordertower.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An order as a channel delivers it, mapped onto OrderTower's model but not yet stored: no
 * internal id, no lifecycle status. Immutable; lists are copied.
 *
 * <p>Idempotency: {@code (channel, shop, platformOrderId)} names the order, {@code platformVersion}
 * orders its versions. The same version twice is a duplicate; a higher one updates the stored order;
 * a lower one is stale and ignored.
 *
 * @param channel channel id, lower case, for example {@code taobao} or {@code own}
 * @param shop the shop within the channel (seller nick, shop id), never blank
 * @param platformOrderId the platform's order id (tid, order_sn), never blank
 * @param platformVersion monotonic version on the platform; connectors use the modified time in epoch
 *     milliseconds when the platform has no version number
 * @param platformStatus the platform's own status code, kept verbatim, may be null
 * @param paymentStatus payment state, never null
 * @param buyer buyer, may be null
 * @param address delivery address, may be null
 * @param lines at least one line
 * @param amounts order amounts, never null
 * @param createdAt when the buyer placed the order on the platform
 * @param paidAt when it was paid, null while unpaid
 * @param platformChangedAt when the platform last changed it
 * @param buyerNote buyer's message, may be null
 * @param sellerNote seller's memo, may be null
 * @param tags free tags, never null
 * @param facts the platform's lifecycle, promised ship time, device and IP; never null ({@link ChannelFacts#NONE})
 */
public record NormalizedOrder(String channel, String shop, String platformOrderId, long platformVersion,
        String platformStatus, PaymentStatus paymentStatus, Buyer buyer, Address address, List<OrderLine> lines,
        Amounts amounts, Instant createdAt, Instant paidAt, Instant platformChangedAt, String buyerNote,
        String sellerNote, List<String> tags, ChannelFacts facts) {

    /** Longest accepted id, shop or channel. */
    public static final int MAX_ID_LENGTH = 64;
    /** Amounts must stay below this (NUMERIC(19,4) in the store). */
    public static final BigDecimal MAX_AMOUNT = BigDecimal.TEN.pow(15);
    /** Most lines accepted on one order. */
    public static final int MAX_LINES = 500;
    /** Largest quantity accepted on one line. */
    public static final int MAX_QUANTITY = 1_000_000;

    public NormalizedOrder {
        lines = lines == null ? List.of() : List.copyOf(lines);
        tags = tags == null ? List.of() : List.copyOf(tags);
        facts = facts == null ? ChannelFacts.NONE : facts;
    }

    /** An order without channel facts (an open order, nothing promised, no device or IP). */
    public NormalizedOrder(String channel, String shop, String platformOrderId, long platformVersion, String platformStatus,
            PaymentStatus paymentStatus, Buyer buyer, Address address, List<OrderLine> lines, Amounts amounts, Instant createdAt,
            Instant paidAt, Instant platformChangedAt, String buyerNote, String sellerNote, List<String> tags) {
        this(channel, shop, platformOrderId, platformVersion, platformStatus, paymentStatus, buyer, address, lines, amounts,
                createdAt, paidAt, platformChangedAt, buyerNote, sellerNote, tags, ChannelFacts.NONE);
    }

    /**
     * Checks the invariants a stored order must hold. Pure; returns every problem found, each one
     * sentence naming the field, or an empty list.
     */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        id(p, "channel", channel);
        id(p, "shop", shop);
        id(p, "platformOrderId", platformOrderId);
        if (channel != null && !channel.matches("[a-z0-9][a-z0-9_-]*")) {
            p.add("channel must be lower-case letters, digits, '-' or '_': '" + channel + "'");
        }
        if (platformVersion < 0) {
            p.add("platformVersion must not be negative");
        }
        if (paymentStatus == null) {
            p.add("paymentStatus is required");
        }
        if (amounts == null) {
            p.add("amounts is required");
        } else {
            if (!amounts.currency().matches("[A-Z]{3}")) {
                p.add("amounts.currency must be a 3-letter ISO 4217 code: '" + amounts.currency() + "'");
            }
            nonNegative(p, "amounts.goods", amounts.goods());
            nonNegative(p, "amounts.discount", amounts.discount());
            nonNegative(p, "amounts.shipping", amounts.shipping());
            nonNegative(p, "amounts.paid", amounts.paid());
        }
        if (createdAt == null) {
            p.add("createdAt is required");
        }
        // as long as the store keeps them: a longer value is refused here (a 400 over HTTP), never cut or failed in the database
        longest(p, "platformStatus", platformStatus, 64);
        if (buyer != null) {
            longest(p, "buyer.name", buyer.name(), 256);
            longest(p, "buyer.phone", buyer.phone(), 128);
            longest(p, "buyer.platformBuyerId", buyer.platformBuyerId(), 128);
        }
        if (address != null) {
            longest(p, "address.country", address.country(), 64);
            longest(p, "address.province", address.province(), 128);
            longest(p, "address.city", address.city(), 128);
            longest(p, "address.district", address.district(), 128);
            longest(p, "address.street", address.street(), 256);
            longest(p, "address.detail", address.detail(), 1024);
            longest(p, "address.postcode", address.postcode(), 32);
        }
        longest(p, "buyerNote", buyerNote, 2048);
        longest(p, "sellerNote", sellerNote, 2048);
        longest(p, "tags", tags == null || tags.isEmpty() ? null : String.join(",", tags), 2048);
        if (facts != null) {
            longest(p, "channelFacts.deviceId", facts.deviceId(), 128);
            longest(p, "channelFacts.buyerIp", facts.buyerIp(), 64);
        }
        if (amounts != null) {
            largest(p, "amounts.goods", amounts.goods());
            largest(p, "amounts.discount", amounts.discount());
            largest(p, "amounts.shipping", amounts.shipping());
            largest(p, "amounts.paid", amounts.paid());
        }
        if (lines.isEmpty()) {
            p.add("lines must hold at least one line");
        } else if (lines.size() > MAX_LINES) {
            p.add("lines holds " + lines.size() + " lines, at most " + MAX_LINES + " are accepted");
        }
        java.util.Set<String> lineNos = new java.util.HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            OrderLine l = lines.get(i);
            String at = "lines[" + i + "]";
            if (l == null) {
                p.add(at + " is null");
                continue;
            }
            if (l.lineNo() == null || l.lineNo().isBlank()) {
                p.add(at + ".lineNo is required");
            } else if (!lineNos.add(l.lineNo())) {
                p.add(at + ".lineNo '" + l.lineNo() + "' appears twice");
            }
            if (l.channelSku() == null || l.channelSku().isBlank()) {
                p.add(at + ".channelSku is required");
            }
            if (l.quantity() <= 0) {
                p.add(at + ".quantity must be at least 1, was " + l.quantity());
            } else if (l.quantity() > MAX_QUANTITY) {
                p.add(at + ".quantity " + l.quantity() + " is over the limit of " + MAX_QUANTITY);
            }
            nonNegative(p, at + ".unitPrice", l.unitPrice());
            nonNegative(p, at + ".paidAmount", l.paidAmount());
            largest(p, at + ".unitPrice", l.unitPrice());
            largest(p, at + ".paidAmount", l.paidAmount());
            longest(p, at + ".lineNo", l.lineNo(), 64);
            longest(p, at + ".channelSku", l.channelSku(), 128);
            longest(p, at + ".masterSku", l.masterSku(), 128);
            longest(p, at + ".title", l.title(), 512);
            longest(p, at + ".parentLineNo", l.parentLineNo(), 64);
            if (l.parentLineNo() != null && l.parentLineNo().equals(l.lineNo())) {
                p.add(at + ".parentLineNo must name another line");
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            OrderLine l = lines.get(i);
            if (l != null && l.parentLineNo() != null && !lineNos.contains(l.parentLineNo())) {
                p.add("lines[" + i + "].parentLineNo '" + l.parentLineNo() + "' names no line of this order");
            }
        }
        List<Refund> refunds = facts.refunds();
        for (int i = 0; i < refunds.size(); i++) {
            Refund r = refunds.get(i);
            String at = "facts.refunds[" + i + "]";
            if (r.refundId().length() > MAX_ID_LENGTH) {
                p.add(at + ".refundId is longer than " + MAX_ID_LENGTH + " characters");
            }
            storable(p, at + ".refundId", r.refundId());
            storable(p, at + ".platformStatus", r.platformStatus());
            for (String no : r.lineNos()) {
                storable(p, at + ".lineNos", no);
            }
            for (String no : r.lineNos()) {
                if (!lineNos.contains(no)) {
                    p.add(at + ".lineNos '" + no + "' names no line of this order");
                }
            }
        }
        return p;
    }

    private static void id(List<String> p, String field, String value) {
        if (value == null || value.isBlank()) {
            p.add(field + " is required");
        } else if (value.length() > MAX_ID_LENGTH) {
            p.add(field + " is longer than " + MAX_ID_LENGTH + " characters");
        } else {
            storable(p, field, value);
        }
    }

    private static void longest(List<String> p, String field, String value, int max) {
        if (value != null && value.length() > max) {
            p.add(field + " is longer than " + max + " characters (" + value.length() + ")");
        } else {
            storable(p, field, value);
        }
    }

    /** PostgreSQL keeps no NUL character in a text: refused here, never failed (and retried) in the database. */
    private static void storable(List<String> p, String field, String value) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            p.add(field + " contains a NUL character (U+0000)");
        }
    }

    /** The store keeps amounts with 15 digits before the point (NUMERIC(19,4)). */
    private static void largest(List<String> p, String field, BigDecimal v) {
        if (v != null && v.abs().compareTo(MAX_AMOUNT) >= 0) {
            p.add(field + " is too large (at most 15 digits before the point)");
        }
    }

    private static void nonNegative(List<String> p, String field, BigDecimal v) {
        if (v != null && v.signum() < 0) {
            p.add(field + " must not be negative, was " + v.toPlainString());
        }
    }

    /** The same order with other lines (the mapped ones, for instance). */
    public NormalizedOrder withLines(List<OrderLine> newLines) {
        return new NormalizedOrder(channel, shop, platformOrderId, platformVersion, platformStatus, paymentStatus, buyer,
                address, newLines, amounts, createdAt, paidAt, platformChangedAt, buyerNote, sellerNote, tags, facts);
    }

    /** The same order with other channel facts. */
    public NormalizedOrder withFacts(ChannelFacts newFacts) {
        return new NormalizedOrder(channel, shop, platformOrderId, platformVersion, platformStatus, paymentStatus, buyer,
                address, lines, amounts, createdAt, paidAt, platformChangedAt, buyerNote, sellerNote, tags, newFacts);
    }

    /** A short key for logs and dead letters: {@code channel/shop/platformOrderId}. No buyer data. */
    public String key() {
        return channel + "/" + shop + "/" + platformOrderId;
    }
}

package org.ordertower.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Order tags that one bundle writes and another reads ({@link NormalizedOrder#tags()}): the contract between them is
 * here, never a string literal repeated in both.
 */
public final class Tags {
    /** A rule's wish that the order ships in parcels of its own, never in a box with other orders. */
    public static final String NO_MERGE = "no-merge";
    /** Prefix of a rule's carrier choice, {@code carrier:<OrderTower carrier code>}; read case-insensitively. */
    public static final String CARRIER_PREFIX = "carrier:";
    /**
     * Prefix of the platform's open address id of an order whose receiver the platform keeps encrypted (Taobao's OAID):
     * {@code oaid:<platform order id>:<oaid>}. The channel writes it; fulfilment hands it to the e-waybill service.
     */
    public static final String OAID_PREFIX = "oaid:";

    private Tags() {
    }

    /** The tag that asks for {@code carrier}. */
    public static String carrier(String carrier) {
        return CARRIER_PREFIX + carrier;
    }

    /** The first tag that asks for a carrier ({@link #CARRIER_PREFIX}, any case, not empty); empty when none does. */
    public static Optional<String> carrierTag(List<String> tags) {
        for (String t : tags == null ? List.<String>of() : tags) {
            if (t != null && t.regionMatches(true, 0, CARRIER_PREFIX, 0, CARRIER_PREFIX.length())
                    && t.length() > CARRIER_PREFIX.length()) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The carrier a {@link #carrierTag} asks for: OrderTower's code, upper-cased. */
    public static String carrierOfTag(String tag) {
        return tag.substring(CARRIER_PREFIX.length()).strip().toUpperCase(Locale.ROOT);
    }

    /** The tag that keeps an order's open address id. */
    public static String oaid(String platformOrderId, String oaid) {
        return OAID_PREFIX + platformOrderId + ":" + oaid;
    }

    /** The open address id tagged for this platform order, or null. */
    public static String oaidOf(List<String> tags, String platformOrderId) {
        String prefix = OAID_PREFIX + platformOrderId + ":";
        for (String t : tags == null ? List.<String>of() : tags) {
            if (t != null && t.startsWith(prefix) && t.length() > prefix.length()) {
                return t.substring(prefix.length());
            }
        }
        return null;
    }
}

package org.ordertower.api.channel;

/**
 * How one shop's platform names one of OrderTower's carriers.
 *
 * @param channel the channel id
 * @param shop the shop whose credentials read the platform's list
 * @param carrier OrderTower's carrier code ({@code ZTO})
 * @param shipCode what the platform's ship call takes for it ({@link LogisticsCompany#shipCode()}), null when
 *     unmapped: a write-back with this carrier cannot be made until it is configured
 * @param platformName the company's name on the platform, null when unmapped
 * @param source where the translation comes from: {@code platform} (matched on the platform's list by code or
 *     name), {@code config} (an override), {@code as-is} (the channel has no list: the code is sent unchanged),
 *     {@code missing}
 */
public record CarrierCode(String channel, String shop, String carrier, String shipCode, String platformName,
        String source) {
    /** The source of a translation matched on the platform's list. */
    public static final String PLATFORM = "platform";
    /** The source of an override from configuration. */
    public static final String CONFIG = "config";
    /** The source when the channel has no list and takes OrderTower's codes. */
    public static final String AS_IS = "as-is";
    /** No translation. */
    public static final String MISSING = "missing";

    /** True when a write-back with this carrier can be made. */
    public boolean mapped() {
        return shipCode != null;
    }

    /**
     * Why a write-back with this carrier cannot be made, naming the platform, the shop, the carrier and the fix; null
     * when it can. The one sentence the shell, the alert and the waiting write-back show.
     */
    public String problem() {
        return mapped() ? null : channel + " shop " + shop + " has no logistics company for carrier " + carrier
                + " on its platform's list: write-backs with it wait until the platform lists it or "
                + "etc/org.ordertower.core.cfg names it (channel.carrier.overrides = " + channel + ":" + carrier
                + "=<the platform's code>; channel:carriers " + channel + ")";
    }
}

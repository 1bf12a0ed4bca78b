package org.ordertower.api.channel;

import java.util.Objects;

/**
 * One entry of a platform's list of logistics companies (Taobao {@code taobao.logistics.companies.get}, Pinduoduo
 * {@code pdd.logistics.companies.get}, JD's and Douyin's equivalents), as the connector read it from the platform.
 * The channel runtime matches these to OrderTower's carrier codes ({@link org.ordertower.api.fulfilment.Carriers}).
 *
 * @param shipCode what {@link Shipment#carrierCode()} must carry for this company on this platform: the value the
 *     platform's ship call takes (Pinduoduo's numeric {@code logistics_id}, JD's numeric company id, Taobao's and
 *     Douyin's company code); never blank
 * @param code the platform's company code when it has one besides the id (Taobao {@code ZTO}, Douyin
 *     {@code zhongtong}), else null
 * @param name the company's name on the platform ({@code 中通快递}), never blank
 */
public record LogisticsCompany(String shipCode, String code, String name) {
    public LogisticsCompany {
        Objects.requireNonNull(shipCode, "shipCode");
        Objects.requireNonNull(name, "name");
        if (shipCode.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("a logistics company needs a ship code and a name");
        }
        code = code == null || code.isBlank() ? null : code;
    }
}

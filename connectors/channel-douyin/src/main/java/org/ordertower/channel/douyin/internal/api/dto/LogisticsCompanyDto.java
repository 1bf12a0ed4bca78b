package org.ordertower.channel.douyin.internal.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of order.logisticsCompanyList's {@code data} array (sdk_golang api/order_logisticsCompanyList/response):
 * 物流公司id, 名字, code. order.logisticsAdd takes the {@code code} as {@code company_code}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogisticsCompanyDto(@JsonProperty("id") Long id, @JsonProperty("name") String name,
        @JsonProperty("code") String code) {
}

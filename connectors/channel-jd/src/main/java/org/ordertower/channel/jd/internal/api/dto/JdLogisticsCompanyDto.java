package org.ordertower.channel.jd.internal.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One {@code logistics_list} entry of 360buy.delivery.logistics.get (LogisticsCompany in JD's SDK): the numeric
 * {@code logistics_id} the shipment call takes as logiCoprId, the name, the merchant's remark, the sort
 * {@code sequence}, {@code agree_flag} (协议物流) and {@code is_cod}. Wire shape only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JdLogisticsCompanyDto(@JsonProperty("logistics_id") String logisticsId,
        @JsonProperty("logistics_name") String logisticsName, @JsonProperty("logistics_remark") String logisticsRemark,
        @JsonProperty("sequence") String sequence, @JsonProperty("agree_flag") String agreeFlag,
        @JsonProperty("is_cod") Boolean isCod) {
}

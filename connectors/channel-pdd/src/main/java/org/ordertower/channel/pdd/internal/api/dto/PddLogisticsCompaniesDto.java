package org.ordertower.channel.pdd.internal.api.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code logistics_companies_get_response} of {@code pdd.logistics.companies.get}: every logistics company PDD knows.
 * Wire shape only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PddLogisticsCompaniesDto(@JsonProperty("logistics_companies") List<Company> logisticsCompanies) {

    /**
     * One company.
     *
     * @param id the company's id (快递公司编码), what {@code pdd.logistics.online.send} takes as {@code logistics_id}
     * @param logisticsCompany its name (快递公司名称)
     * @param available 1 when the ship call accepts it, 0 when PDD no longer supports it (发货时必须入参支持的快递公司id)
     * @param code its code (物流公司代码), may be blank
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Company(@JsonProperty("id") Long id, @JsonProperty("logistics_company") String logisticsCompany,
            @JsonProperty("available") Integer available, @JsonProperty("code") String code) {
    }
}

package org.ordertower.channel.taobao.internal.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One {@code Receiver} of {@code taobao.top.oaid.decrypt} (apiId=54714). Wire shape only; never logged. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReceiverDto(@JsonProperty("oaid") String oaid, @JsonProperty("tid") String tid,
        @JsonProperty("name") String name, @JsonProperty("mobile") String mobile, @JsonProperty("phone") String phone,
        @JsonProperty("country") String country, @JsonProperty("state") String state, @JsonProperty("city") String city,
        @JsonProperty("district") String district, @JsonProperty("town") String town,
        @JsonProperty("address_detail") String addressDetail, @JsonProperty("matched") Boolean matched) {
}

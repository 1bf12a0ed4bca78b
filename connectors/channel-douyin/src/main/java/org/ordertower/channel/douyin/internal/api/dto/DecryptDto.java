package org.ordertower.channel.douyin.internal.api.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The data of order.batchDecrypt (sdk_golang api/order_batchDecrypt/response). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DecryptDto(@JsonProperty("decrypt_infos") List<Info> decryptInfos,
        @JsonProperty("custom_err") CustomErr customErr) {

    /** One ciphertext's answer; {@code err_no} 0 is success. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Info(@JsonProperty("auth_id") String authId, @JsonProperty("cipher_text") String cipherText,
            @JsonProperty("decrypt_text") String decryptText, @JsonProperty("err_no") Long errNo,
            @JsonProperty("err_msg") String errMsg) {
    }

    /** A business error for the whole call. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CustomErr(@JsonProperty("err_code") Long errCode, @JsonProperty("err_msg") String errMsg) {
    }
}

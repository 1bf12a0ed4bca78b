package org.ordertower.channel.taobao.internal.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One {@code TmcMessage} of {@code taobao.tmc.messages.consume} (apiId=21986): id, topic, pub_time, user_nick,
 * and {@code content}, a JSON text such as {@code {"tid":2895732958732,"seller_nick":"helloworld"}}. Wire shape only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TmcMessageDto(@JsonProperty("id") String id, @JsonProperty("topic") String topic,
        @JsonProperty("pub_time") String pubTime, @JsonProperty("pub_app_key") String pubAppKey,
        @JsonProperty("user_id") String userId, @JsonProperty("user_nick") String userNick,
        @JsonProperty("content") String content) {
}

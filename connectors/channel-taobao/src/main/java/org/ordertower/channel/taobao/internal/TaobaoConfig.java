package org.ordertower.channel.taobao.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One Taobao/Tmall shop (a factory configuration {@code org.ordertower.channel.taobao-<name>.cfg}). */
@ObjectClassDefinition(name = "OrderTower Taobao/Tmall shop", description = "One seller on the Taobao Open Platform (TOP)")
public @interface TaobaoConfig {

    @AttributeDefinition(description = "The seller nick this configuration serves")
    String shop();

    @AttributeDefinition(description = "The app key (TOP 控制台 应用管理)")
    String appKey();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The app secret")
    String appSecret();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The seller's access token (session); the token store's newer one wins")
    String accessToken();

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false, description = "The refresh token, empty if none")
    String refreshToken() default "";

    @AttributeDefinition(required = false, description = "When the access token expires, ISO-8601 instant; empty if unknown")
    String tokenExpiresAt() default "";

    @AttributeDefinition(description = "TOP gateway")
    String gatewayUrl() default TaobaoConstants.GATEWAY;

    @AttributeDefinition(description = "OAuth token endpoint")
    String oauthUrl() default TaobaoConstants.OAUTH_URL;

    @AttributeDefinition(description = "Calls per second for the whole TOP app (shared by its shops and the Cainiao"
            + " accounts of this app key in the container; the lowest rate configured for the app wins)")
    double appRatePerSecond() default 40;

    @AttributeDefinition(description = "Calls per second for this shop")
    double shopRatePerSecond() default 10;

    @AttributeDefinition(description = "HTTP timeout in seconds")
    int timeoutSeconds() default 15;

    @AttributeDefinition(description = "md5, hmac or hmac-sha256")
    String signMethod() default "hmac-sha256";

    @AttributeDefinition(required = false, description = "TMC group to consume (empty: the app's default group)")
    String tmcGroup() default "";
}

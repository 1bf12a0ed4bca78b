package org.ordertower.channel.jd.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One JD POP shop: factory configuration {@code org.ordertower.channel.jd-<name>.cfg}. */
@ObjectClassDefinition(name = "OrderTower JD shop", description = "One POP shop on the JD open platform (JOS)")
public @interface JdConfig {

    @AttributeDefinition(description = "The shop as orders carry it (JD venderId or shop name)")
    String shop();

    @AttributeDefinition(description = "The app's app_key")
    String appKey();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The app's app_secret")
    String appSecret();

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false,
            description = "The shop's access_token (from /oauth2/access_token)")
    String accessToken() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false, description = "The shop's refresh_token")
    String refreshToken() default "";

    @AttributeDefinition(required = false, description = "When accessToken expires, ISO instant (time + expires_in)")
    String tokenExpiresAt() default "";

    @AttributeDefinition(description = "The routerjson gateway")
    String gatewayUrl() default JdConstants.GATEWAY;

    @AttributeDefinition(description = "The OAuth host (refresh is <oauthUrl>/oauth2/refresh_token)")
    String oauthUrl() default JdConstants.OAUTH;

    @AttributeDefinition(description = "Calls a second for the whole app (all its shops in this JVM)")
    double appRatePerSecond() default 10;

    @AttributeDefinition(description = "Calls a second for this shop")
    double shopRatePerSecond() default 5;

    @AttributeDefinition(description = "HTTP timeout in seconds")
    int timeoutSeconds() default 10;

    @AttributeDefinition(description = "Orders per jingdong.pop.order.search page and SKUs per "
            + "jingdong.sku.read.searchSkuList page, 1..50")
    int pageSize() default JdConstants.MAX_PAGE_SIZE;
}

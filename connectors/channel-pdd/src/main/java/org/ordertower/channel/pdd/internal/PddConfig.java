package org.ordertower.channel.pdd.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One Pinduoduo shop: factory configuration {@code org.ordertower.channel.pdd-<name>.cfg}. */
@ObjectClassDefinition(name = "OrderTower Pinduoduo shop", description = "One shop on the Pinduoduo open platform")
public @interface PddConfig {

    @AttributeDefinition(description = "The shop as orders carry it (PDD mall id or name)")
    String shop();

    @AttributeDefinition(description = "The app's client_id")
    String appKey();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The app's client_secret")
    String appSecret();

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false,
            description = "The shop's access_token (from pdd.pop.auth.token.create)")
    String accessToken() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false, description = "The shop's refresh_token")
    String refreshToken() default "";

    @AttributeDefinition(required = false, description = "When accessToken expires, ISO instant (expires_at)")
    String tokenExpiresAt() default "";

    @AttributeDefinition(description = "The router gateway")
    String gatewayUrl() default PddConstants.GATEWAY;

    @AttributeDefinition(description = "Calls a second for the whole app (all its shops in this JVM)")
    double appRatePerSecond() default 10;

    @AttributeDefinition(description = "Calls a second for this shop")
    double shopRatePerSecond() default 5;

    @AttributeDefinition(description = "HTTP timeout in seconds")
    int timeoutSeconds() default 10;

    @AttributeDefinition(description = "Orders per increment page and goods per goods-list page, 1..100")
    int pageSize() default 100;

    @AttributeDefinition(required = false, description = "PDD's message service (WebSocket) for pushes; empty: pull only")
    String messageUrl() default PddConstants.MESSAGE_URL;

    @AttributeDefinition(required = false,
            description = "The shop's numeric mall id (owner_id of its token); empty: the shop when it is a number")
    String mallId() default "";

    @AttributeDefinition(description = "Received messages waiting for intake at most")
    int messageBuffer() default 10000;
}

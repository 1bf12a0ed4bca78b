package org.ordertower.channel.example.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One Example Mall shop: factory configuration {@code org.ordertower.channel.example-<name>.cfg}. */
@ObjectClassDefinition(name = "OrderTower Example Mall shop",
        description = "One shop on the Example Mall open platform")
public @interface ExampleConfig {

    @AttributeDefinition(description = "The shop as orders carry it")
    String shop();

    @AttributeDefinition(description = "The app's app_key")
    String appKey();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The app's app_secret")
    String appSecret();

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false, description = "The shop's access_token")
    String accessToken() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false, description = "The shop's refresh_token")
    String refreshToken() default "";

    @AttributeDefinition(required = false, description = "When accessToken expires, ISO instant")
    String tokenExpiresAt() default "";

    @AttributeDefinition(description = "The gateway every call is POSTed to")
    String gatewayUrl() default ExampleConstants.GATEWAY;

    @AttributeDefinition(description = "Calls a second for the whole app (all its shops in this JVM)")
    double appRatePerSecond() default 10;

    @AttributeDefinition(description = "Calls a second for this shop")
    double shopRatePerSecond() default 5;

    @AttributeDefinition(description = "HTTP timeout in seconds")
    int timeoutSeconds() default 10;

    @AttributeDefinition(description = "Orders per order.search page, 1..100")
    int pageSize() default 50;

    @AttributeDefinition(description = "How far behind the platform's clock each pull window ends, seconds, 0..3600 "
            + "(the platform advises 180: an order's update time may land a little late)")
    int pullLagSeconds() default 180;
}

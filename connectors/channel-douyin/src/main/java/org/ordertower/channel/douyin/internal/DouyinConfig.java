package org.ordertower.channel.douyin.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One Douyin shop: factory configurations {@code org.ordertower.channel.douyin-<name>.cfg}. */
@ObjectClassDefinition(name = "OrderTower Douyin shop", description = "One shop on the Douyin shop (抖店) open platform")
public @interface DouyinConfig {

    @AttributeDefinition(description = "The shop id (店铺ID) the app is authorized for")
    String shop();

    @AttributeDefinition(description = "The app key (19 digits)")
    String appKey();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The app secret")
    String appSecret();

    @AttributeDefinition(required = false, description = "Access token to start with; empty: the stored one, else token.create (self-use apps)")
    String accessToken() default "";

    @AttributeDefinition(required = false, description = "Refresh token to start with (it rotates on every refresh)")
    String refreshToken() default "";

    @AttributeDefinition(required = false, description = "When accessToken expires, ISO instant; empty: unknown")
    String tokenExpiresAt() default "";

    @AttributeDefinition(description = "Gateway root")
    String gatewayUrl() default DouyinConstants.GATEWAY;

    @AttributeDefinition(description = "Calls per second for the whole app (all its shops)")
    double appRatePerSecond() default DouyinSettings.DEFAULT_APP_RATE;

    @AttributeDefinition(description = "Calls per second for this shop")
    double shopRatePerSecond() default DouyinSettings.DEFAULT_SHOP_RATE;

    @AttributeDefinition(description = "HTTP timeout of one call, seconds")
    int timeoutSeconds() default 12;

    @AttributeDefinition(description = "Pushed events older than this many minutes are refused as replays")
    int pushMaxAgeMinutes() default 1440;

    @AttributeDefinition(description = "Products per listings page (product.listV2 size, 1-100; each costs one sku.list call more)")
    int listingPageSize() default DouyinSettings.DEFAULT_LISTING_PAGE_SIZE;
}

package org.ordertower.carrier.cainiao.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One Cainiao e-waybill account: factory configuration {@code org.ordertower.carrier.cainiao-<name>.cfg}. */
@ObjectClassDefinition(name = "OrderTower Cainiao e-waybill account",
        description = "A Taobao seller's Cainiao cloud-print e-waybill subscriptions, reached through TOP")
public @interface CainiaoConfig {

    @AttributeDefinition(required = false, description = "This account's name in OrderTower")
    String account() default "default";

    @AttributeDefinition(description = "The TOP gateway")
    String gatewayUrl() default CainiaoConstants.GATEWAY;

    @AttributeDefinition(description = "The TOP app's app_key")
    String appKey();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The TOP app's secret")
    String appSecret();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The seller's TOP session (access_token)")
    String session();

    @AttributeDefinition(description = "md5, hmac or hmac-sha256")
    String signMethod() default "hmac-sha256";

    @AttributeDefinition(description = "cp_codes this account has waybill subscriptions for, comma separated (SF,ZTO,YTO)")
    String carriers();

    @AttributeDefinition(description = "Cloud-print standard template URL (http://cloudprint.cainiao.com/template/standard/...)")
    String templateUrl();

    @AttributeDefinition(description = "The seller id using the waybill account (user_id of trade_order_info_dtos)")
    long userId();

    @AttributeDefinition(description = "HTTP timeout in milliseconds")
    int timeoutMs() default 10_000;

    @AttributeDefinition(description = "Calls a second this account makes at most")
    double ratePerSecond() default 10;

    @AttributeDefinition(description = "Calls a second for the whole TOP app (shared with every Taobao shop and Cainiao"
            + " account of this app key in the container; the lowest rate configured for the app wins)")
    double appRatePerSecond() default CainiaoSettings.DEFAULT_APP_RATE;
}

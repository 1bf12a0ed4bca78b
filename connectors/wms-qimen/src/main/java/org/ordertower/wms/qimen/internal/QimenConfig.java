package org.ordertower.wms.qimen.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One Qimen account (one WMS customer): factory configuration {@code org.ordertower.wms.qimen-<name>.cfg}. */
@ObjectClassDefinition(name = "OrderTower Qimen WMS account",
        description = "One customer of a warehouse system reached through the Qimen router (奇门仓储标准 2.0)")
public @interface QimenConfig {

    @AttributeDefinition(description = "The Qimen router (or the WMS's own Qimen endpoint)")
    String gatewayUrl() default QimenConstants.GATEWAY;

    @AttributeDefinition(description = "The ERP app's app_key")
    String appKey();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The ERP app's secret")
    String appSecret();

    @AttributeDefinition(description = "The WMS-side customer code (customerId)")
    String customerId();

    @AttributeDefinition(description = "Sign method: md5 or hmac")
    String signMethod() default QimenConstants.SIGN_MD5;

    @AttributeDefinition(description = "OrderTower warehouse ids this account runs, comma separated")
    String warehouses();

    @AttributeDefinition(required = false,
            description = "OrderTower warehouse id to WMS warehouseCode, e.g. WH-HZ=HZ001,WH-SH=SH01 (default: the same)")
    String warehouseCodes() default "";

    @AttributeDefinition(required = false, description = "The goods owner's code (ownerCode); default the customerId")
    String ownerCode() default "";

    @AttributeDefinition(description = "HTTP timeout in milliseconds")
    int timeoutMs() default 10000;

    @AttributeDefinition(description = "Calls a second this account may make")
    double ratePerSecond() default 10;

    @AttributeDefinition(description = "Rows per stock.query page, 1..100")
    int pageSize() default QimenConstants.MAX_PAGE_SIZE;
}

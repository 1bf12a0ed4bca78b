package org.ordertower.carrier.kuaidi100.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One Kuaidi100 enterprise account: factory configuration {@code org.ordertower.carrier.kuaidi100-<name>.cfg}. */
@ObjectClassDefinition(name = "OrderTower Kuaidi100 account", description = "One Kuaidi100 (快递100) enterprise account")
public @interface Kuaidi100Config {

    @AttributeDefinition(description = "The tracking host (subscribe at <pollUrl>/poll, query at <pollUrl>/poll/query.do)")
    String pollUrl() default Kuaidi100Constants.POLL_URL;

    @AttributeDefinition(description = "The account's customer id (查询公司编号)")
    String customer();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The account's authorisation key (授权key)")
    String key();

    @AttributeDefinition(type = AttributeType.PASSWORD,
            description = "The salt sent with each subscription; Kuaidi100 signs its pushes with it")
    String salt();

    @AttributeDefinition(description = "HTTP timeout in milliseconds")
    int timeoutMs() default 10_000;

    @AttributeDefinition(description = "Calls a second to Kuaidi100 from this account")
    double ratePerSecond() default 10;
}

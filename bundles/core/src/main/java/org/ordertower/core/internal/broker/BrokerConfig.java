package org.ordertower.core.internal.broker;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "OrderTower JMS broker", description = "Embedded ActiveMQ broker, or a shared one")
public @interface BrokerConfig {
    @AttributeDefinition(description = "Run an embedded broker in this node (single node); false to use url only")
    boolean embedded() default true;

    @AttributeDefinition(description = "Where other processes reach the embedded broker; empty for in-JVM only")
    String listen() default "tcp://127.0.0.1:61616";

    @AttributeDefinition(description = "Broker URL clients use; empty means the embedded broker in this JVM")
    String url() default "";

    @AttributeDefinition(description = "Keep undelivered persistent messages of the embedded broker on disk")
    boolean persistent() default false;

    @AttributeDefinition(description = "The user every connection to the broker logs in as (this node's too); required "
            + "when listen reaches beyond this machine. Empty: no login (only with listen on a loopback address)")
    String user() default "";

    @AttributeDefinition(description = "That user's password", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String password() default "";
}

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

    @AttributeDefinition(description = "The broker's own user, which may do anything: the login of this node's clients "
            + "when url points elsewhere, and of other nodes. Without a realm, the one login, required when listen reaches "
            + "beyond this machine")
    String user() default "";

    @AttributeDefinition(description = "The JAAS realm whose users may log in over the network (karaf: etc/users.properties); "
            + "each user's roles decide what they may send and receive (the JMS column of the roles table). Empty: only "
            + "the broker's own user, or no login on a loopback address")
    String realm() default "karaf";

    @AttributeDefinition(description = "That user's password", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String password() default "";
}

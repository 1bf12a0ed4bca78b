package org.ordertower.demo.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The demo's keys, read from the core's configuration ({@code etc/org.ordertower.core.cfg}). */
@ObjectClassDefinition(name = "OrderTower demo", description = "Simulators with a shop or account configured against each")
public @interface DemoConfig {
    @AttributeDefinition(description = "Port of the HTTP interface")
    int http_port() default 8182;

    @AttributeDefinition(description = "Demo: start the installed channels' simulators with a shop configured against each")
    boolean demo_enabled() default false;
}

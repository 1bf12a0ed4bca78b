package org.ordertower.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code org.ordertower.web} ({@code etc/org.ordertower.web.cfg}). */
@ObjectClassDefinition(name = "OrderTower web console", description = "The console under /ordertower")
public @interface WebConfig {
    @AttributeDefinition(description = "A session ends after this many minutes without a request")
    int session_idle_minutes() default 30;

    @AttributeDefinition(description = "A session ends this many hours after its login, however busy")
    int session_lifetime_hours() default 12;

    @AttributeDefinition(description = "How often the live feed reads the figures while somebody watches (ms)")
    long feed_interval_ms() default 500;

    @AttributeDefinition(description = "Send the session cookie only over HTTPS (set true behind TLS)")
    boolean cookie_secure() default false;
}

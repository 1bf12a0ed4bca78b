package org.ordertower.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "OrderTower core", description = "Intake, HTTP interface and outbox relay")
public @interface CoreConfig {
    @AttributeDefinition(description = "Channels the generic HTTP intake accepts besides installed connectors, comma separated")
    String intake_channels() default "own";

    @AttributeDefinition(description = "Most orders committed in one group commit")
    int intake_max_batch() default 256;

    @AttributeDefinition(description = "Orders waiting for the writer before intake answers 503")
    int intake_queue_capacity() default 20000;

    @AttributeDefinition(description = "How long a caller waits for its durable commit, ms")
    long intake_wait_ms() default 30000;

    @AttributeDefinition(description = "Host the HTTP interface binds to")
    String http_host() default "0.0.0.0";

    @AttributeDefinition(description = "Port of the HTTP interface")
    int http_port() default 8182;

    @AttributeDefinition(description = "Require HTTP Basic authentication against the JAAS realm on the REST interfaces "
            + "(webhooks under /api/v1/channels/ excepted)")
    boolean http_auth_enabled() default true;

    @AttributeDefinition(description = "JAAS realm REST callers log in to; Karaf's karaf realm reads etc/users.properties")
    String http_auth_realm() default "karaf";

    @AttributeDefinition(description = "JMS topic order events are published to")
    String events_topic() default "ordertower.order.events";

    @AttributeDefinition(description = "JMS topic people's review decisions are published to")
    String review_topic() default "ordertower.review.decisions";

    @AttributeDefinition(description = "JMS topic alerts about orders (stuck parcels, failed calls...) are published to")
    String alerts_topic() default "ordertower.alerts";

    @AttributeDefinition(description = "JMS topic the inventory's stock changes (sellable per master SKU) are published to")
    String stock_topic() default "ordertower.stock.changes";

    @AttributeDefinition(description = "Kafka bootstrap servers (host:port,...); when set, every event also goes to the "
            + "Kafka topic of the same name as its JMS topic, keyed by order id (stock changes by SKU). Empty: no Kafka")
    String kafka_brokers() default "";

    @AttributeDefinition(description = "More options of Camel's Kafka endpoint for the event producer, as URI "
            + "parameters (securityProtocol=SSL&sslTruststoreLocation=...); secrets here are masked in logs")
    String kafka_options() default "";

    @AttributeDefinition(description = "JMS queue orders are taken in from, like POST /api/v1/orders; refused messages "
            + "go to <queue>.dead with the reason. Empty: no JMS intake")
    String jms_intake_queue() default "ordertower.orders.in";

    @AttributeDefinition(description = "Outbox relay poll interval when no commit wakes it, ms")
    long outbox_poll_ms() default 1000;

    @AttributeDefinition(description = "Create the admin user with a generated password on first start")
    boolean admin_create() default true;

    @AttributeDefinition(description = "Run the order pipeline (catalog mapping, screening, stock reservation) on this node")
    boolean pipeline_enabled() default true;

    @AttributeDefinition(description = "Most orders the pipeline moves per step and transaction")
    int pipeline_batch() default 200;

    @AttributeDefinition(description = "How often the pipeline looks for work when no commit wakes it, ms")
    long pipeline_sweep_ms() default 1000;

    @AttributeDefinition(description = "How often orders on hold for stock are tried again, ms")
    long pipeline_hold_retry_ms() default 5000;
}

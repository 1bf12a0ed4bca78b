package org.ordertower.alerts.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The configuration {@code org.ordertower.alerts} ({@code etc/org.ordertower.alerts.cfg}). A key is the method name
 * with each {@code _} read as a dot: {@code poll_seconds} is {@code poll.seconds}. Every sink is off until its keys are
 * set. {@link Settings} checks the values and hides the secrets.
 */
@ObjectClassDefinition(name = "OrderTower alerts", description = "Alerts to DingTalk and WeCom group robots and e-mail")
public @interface AlertsConfig {
    @AttributeDefinition(description = "How often this node looks for trouble and delivers what is due, seconds")
    int poll_seconds() default 30;

    @AttributeDefinition(description = "This node's name in the heartbeat table and in node-down alerts; empty: the host name")
    String node_id() default "";

    @AttributeDefinition(description = "The web console's address the alerts link to; empty: http://<host name>:8181/ordertower/")
    String console_url() default "";

    @AttributeDefinition(description = "The language of the messages: zh or en")
    String language() default "zh";

    @AttributeDefinition(description = "An alert that stays active is sent again after this many minutes, with its count")
    int repeat_minutes() default 60;

    @AttributeDefinition(description = "An alert not seen for this many minutes is resolved and forgotten")
    int resolve_minutes() default 30;

    @AttributeDefinition(description = "Send one short message when an alert that was sent is resolved")
    boolean send_resolved() default true;

    @AttributeDefinition(description = "Most messages per sink per minute; the rest of the minute become one digest")
    int max_per_minute() default 20;

    @AttributeDefinition(description = "Failed calls of one kind within partner.down.minutes that make a partner-down alert")
    int partner_down_failures() default 5;

    @AttributeDefinition(description = "The window partner.down.failures is counted in, minutes")
    int partner_down_minutes() default 10;

    @AttributeDefinition(description = "A shop this node pulls that is further behind than this raises pull-lag, minutes")
    int pull_lag_minutes() default 15;

    @AttributeDefinition(description = "A failing shop without a finished pull for this long raises channel-down, minutes")
    int channel_down_minutes() default 10;

    @AttributeDefinition(description = "The oldest order in review waiting longer than this raises review-age, minutes")
    int review_age_minutes() default 30;

    @AttributeDefinition(description = "DingTalk group robot webhook (https://oapi.dingtalk.com/robot/send?access_token=...); "
            + "empty: no DingTalk", type = AttributeType.PASSWORD)
    String dingtalk_webhook() default "";

    @AttributeDefinition(description = "The DingTalk robot's signing secret (加签, starts with SEC); empty: unsigned",
            type = AttributeType.PASSWORD)
    String dingtalk_secret() default "";

    @AttributeDefinition(description = "WeCom group robot webhook (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...); "
            + "empty: no WeCom", type = AttributeType.PASSWORD)
    String wecom_webhook() default "";

    @AttributeDefinition(description = "SMTP server; empty: no e-mail")
    String mail_smtp_host() default "";

    @AttributeDefinition(description = "SMTP port")
    int mail_smtp_port() default 25;

    @AttributeDefinition(description = "The sender address")
    String mail_from() default "";

    @AttributeDefinition(description = "The recipients, comma separated")
    String mail_to() default "";

    @AttributeDefinition(description = "SMTP user; empty: no SMTP authentication")
    String mail_user() default "";

    @AttributeDefinition(description = "SMTP password", type = AttributeType.PASSWORD)
    String mail_password() default "";

    @AttributeDefinition(description = "Upgrade the SMTP connection with STARTTLS (required when true)")
    boolean mail_starttls() default false;

    @AttributeDefinition(description = "When the day before's report goes to every sink, HH:mm in report.zone, once from "
            + "the whole cluster; empty: no daily report by itself (it can still be sent from the console)")
    String report_time() default "09:00";

    @AttributeDefinition(description = "The time zone of the daily report's days and of report.time")
    String report_zone() default "Asia/Shanghai";
}

package org.ordertower.alerts.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.ordertower.alerts.internal.alert.Links;
import org.ordertower.alerts.internal.alert.Texts;
import org.ordertower.alerts.internal.dispatch.Dispatcher;
import org.ordertower.alerts.internal.http.AlertsHttpApi;
import org.ordertower.alerts.internal.sink.DingTalkSink;
import org.ordertower.alerts.internal.sink.MailSink;
import org.ordertower.alerts.internal.sink.Redactor;
import org.ordertower.alerts.internal.sink.RobotClient;
import org.ordertower.alerts.internal.sink.Sink;
import org.ordertower.alerts.internal.sink.WeComSink;
import org.ordertower.alerts.internal.source.AlertSource;
import org.ordertower.alerts.internal.source.ChannelSource;
import org.ordertower.alerts.internal.source.FailedCallSource;
import org.ordertower.alerts.internal.source.LowStockSource;
import org.ordertower.alerts.internal.source.NodeDownSource;
import org.ordertower.alerts.internal.source.ReviewAgeSource;
import org.ordertower.alerts.internal.source.StuckParcelSource;
import org.ordertower.alerts.internal.store.AlertTable;
import org.ordertower.alerts.internal.store.AlertsSchema;
import org.ordertower.alerts.internal.store.NodeTable;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.rules.ReviewQueue;
import org.ordertower.core.spi.http.HttpApi;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.jdbc.Database;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring only: migrates the alerts' tables on the {@code ordertower} DataSource, builds the sources, the sinks and the
 * dispatcher from the configuration {@code org.ordertower.alerts}, polls every {@code poll.seconds}, and offers the
 * REST interface {@code /api/v1/alerts} through the core's HTTP whiteboard. The product's services are optional and
 * dynamic: while one is missing, its source finds nothing. A configuration change restarts the component.
 */
@Component(configurationPid = Settings.PID, service = {}, immediate = true)
@Designate(ocd = AlertsConfig.class)
public final class AlertsComponent {
    private final Logger logger = LoggerFactory.getLogger(AlertsComponent.class);
    private final Poller poller;
    private final ScheduledExecutorService timer;
    private final ServiceRegistration<HttpApi> http;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile InventoryService inventory;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FulfilmentService fulfilment;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ChannelService channels;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ReviewQueue review;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile org.ordertower.api.OrderService orders;

    @Activate
    public AlertsComponent(BundleContext context, @Reference(target = "(dataSourceName=ordertower)") DataSource dataSource,
            AlertsConfig config) throws SQLException {
        Settings s = Settings.from(config, hostName());
        Clock clock = Clock.systemUTC();
        Texts texts = new Texts(s.language());
        Links links = new Links(s.consoleUrl());
        Redactor redactor = new Redactor(s.secrets());
        List<Sink> sinks = sinks(s, texts, redactor, clock);
        int version = AlertsSchema.migrator(dataSource).migrate();
        Database db = new Database(dataSource);
        NodeTable nodes = new NodeTable();
        Dispatcher dispatcher = new Dispatcher(db, sinks, texts, links, new Dispatcher.Options(s.nodeId(), s.poll(),
                s.repeat(), s.resolve(), s.sendResolved(), s.maxPerMinute()));
        List<AlertSource> sources = List.of(
                new LowStockSource(() -> Optional.ofNullable(inventory), texts, links),
                new StuckParcelSource(() -> Optional.ofNullable(fulfilment), texts, links),
                new FailedCallSource(() -> Optional.ofNullable(fulfilment), texts, links, s.partnerDownFailures(),
                        s.partnerDownWindow()),
                new ChannelSource(() -> Optional.ofNullable(channels), texts, links, s.nodeId(), s.pullLag(), s.channelDown()),
                new ReviewAgeSource(() -> Optional.ofNullable(review), texts, links, s.reviewAge()),
                new NodeDownSource(db, nodes, s.nodeId(), s.poll(), texts, links));
        org.ordertower.alerts.internal.report.DailyReport reports = new org.ordertower.alerts.internal.report.DailyReport(db,
                sinks, s.language(), () -> new org.ordertower.alerts.internal.report.DailyFigures.Services(
                        Optional.ofNullable(orders), Optional.ofNullable(fulfilment), Optional.ofNullable(inventory),
                        Optional.ofNullable(review)), s.consoleUrl(), s.nodeId(), reportTime(config),
                reportZone(config), clock);
        this.poller = new Poller(db, nodes, s.nodeId(), sources, dispatcher, clock, reports);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ordertower-alerts");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(poller, Math.min(10, s.poll().toSeconds()), s.poll().toSeconds(), TimeUnit.SECONDS);
        AlertsHttpApi.View view = new AlertsHttpApi.View() {
            @Override
            public List<AlertTable.Row> newest(java.time.Instant afterFirstAt, String afterKey, int limit)
                    throws SQLException {
                return dispatcher.newest(afterFirstAt, afterKey, limit);
            }

            @Override
            public List<Dispatcher.SinkResult> test() {
                return dispatcher.test(clock.instant());
            }

            @Override
            public org.ordertower.alerts.internal.report.DailyReport reports() {
                return reports;
            }
        };
        this.http = context.registerService(HttpApi.class, HttpApi.of("alerts", AlertsHttpApi.BASE, AlertsHttpApi.MAX_BODY,
                new AlertsHttpApi(view, new OrderJson())), null);
        logger.info("OrderTower alerts started on {} (schema version {}): {}", db.dialect(), version, s);
        if (sinks.isEmpty()) {
            logger.info("OrderTower alerts: no sink is configured (dingtalk.webhook, wecom.webhook, mail.smtp.host in "
                    + "etc/{}.cfg); alerts are kept and shown at {} but reach nobody", Settings.PID, AlertsHttpApi.BASE);
        }
    }

    private static List<Sink> sinks(Settings s, Texts texts, Redactor redactor, Clock clock) {
        List<Sink> sinks = new ArrayList<>();
        if (s.dingtalk() != null || s.wecom() != null) {
            HttpClient http = RobotClient.newHttpClient();
            RobotClient robots = new RobotClient(http, redactor);
            if (s.dingtalk() != null) {
                sinks.add(new DingTalkSink(s.dingtalk(), robots, texts, clock));
            }
            if (s.wecom() != null) {
                sinks.add(new WeComSink(s.wecom(), robots, texts));
            }
        }
        if (s.mail() != null) {
            sinks.add(new MailSink(s.mail(), texts, redactor, clock));
        }
        return sinks;
    }

    /** {@code report.time}: HH:mm, or null when empty. */
    static java.time.LocalTime reportTime(AlertsConfig c) {
        String v = c.report_time() == null ? "" : c.report_time().strip();
        if (v.isEmpty()) {
            return null;
        }
        try {
            return java.time.LocalTime.parse(v.length() == 4 ? "0" + v : v);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(Settings.PID + ": report.time must be HH:mm such as 09:00, was '" + v + "'");
        }
    }

    /** {@code report.zone}: a time zone id such as Asia/Shanghai. */
    static java.time.ZoneId reportZone(AlertsConfig c) {
        try {
            return java.time.ZoneId.of(c.report_zone().strip());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(Settings.PID + ": report.zone must be a time zone such as Asia/Shanghai, was '"
                    + c.report_zone() + "'");
        }
    }

    /** This machine's name, for the defaults of node.id and console.url. */
    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }

    @Deactivate
    void deactivate() {
        try {
            http.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(15, TimeUnit.SECONDS)) {
                logger.warn("OrderTower alerts: the poll did not end within 15 s of stopping");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        poller.leave();
        logger.info("OrderTower alerts stopped");
    }
}

package org.ordertower.alerts.internal.report;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.ordertower.alerts.internal.alert.Texts;
import org.ordertower.alerts.internal.dispatch.Dispatcher;
import org.ordertower.alerts.internal.sink.DeliveryException;
import org.ordertower.alerts.internal.sink.Sink;
import org.ordertower.alerts.internal.store.Transactions;
import org.ordertower.api.OrderAnalytics;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.fulfilment.WarehouseHealth;
import org.ordertower.jdbc.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily report: the figures of a day ({@link DailyFigures}), drawn ({@link ReportImage}) and summed up in a few
 * lines, sent to every sink. Each day's report goes out once from the whole cluster, after {@code report.time} of the
 * next day in {@code report.zone}: the node whose insert of the day's row into {@code alert_report} succeeds sends it,
 * and writes what each sink answered. A report that failed is not sent again by itself (a broken sink would be asked
 * every poll); {@link #send} sends any day again on request.
 */
public final class DailyReport {
    private final Logger logger = LoggerFactory.getLogger(DailyReport.class);
    private final Database db;
    private final List<Sink> sinks;
    private final ReportTexts words;
    private final Supplier<DailyFigures.Services> services;
    private final String consoleUrl;
    private final String node;
    private final LocalTime time;
    private final ZoneId zone;
    private final Clock clock;

    /** @param time when the day before's report goes out, in {@code zone}; null: not by itself */
    public DailyReport(Database db, List<Sink> sinks, Texts.Language language, Supplier<DailyFigures.Services> services,
            String consoleUrl, String node, LocalTime time, ZoneId zone, Clock clock) {
        this.db = db;
        this.sinks = List.copyOf(sinks);
        this.words = new ReportTexts(language);
        this.services = services;
        this.consoleUrl = consoleUrl;
        this.node = node;
        this.time = time;
        this.zone = zone;
        this.clock = clock;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Yesterday in the report's zone: the day a report is made for unless one is named. */
    public LocalDate yesterday() {
        return LocalDate.ofInstant(clock.instant(), zone).minusDays(1);
    }

    /** The figures of {@code date}. */
    public DailyFigures figures(LocalDate date) {
        return DailyFigures.collect(date, zone, services.get(), clock.instant());
    }

    /** The report of {@code date}, drawn. */
    public Report make(LocalDate date) {
        return make(figures(date));
    }

    public Report make(DailyFigures d) {
        String title = words.get("title") + " " + d.date();
        String link = consoleUrl + "#/analytics";
        return new Report(d.date(), title, summary(d, true, title, link), summary(d, false, title, link),
                ReportImage.png(d, words), link);
    }

    /** Sends the report of {@code date} to every sink now; what each answered. */
    public List<Dispatcher.SinkResult> send(LocalDate date) {
        Report r = make(date);
        List<Dispatcher.SinkResult> out = new ArrayList<>();
        for (Sink s : sinks) {
            try {
                s.deliverReport(r);
                out.add(new Dispatcher.SinkResult(s.name(), true, null));
            } catch (DeliveryException e) {
                out.add(new Dispatcher.SinkResult(s.name(), false, e.getMessage()));
            } catch (RuntimeException e) {
                logger.warn("Daily report of {}: sink {} failed unexpectedly", date, s.name(), e);
                out.add(new Dispatcher.SinkResult(s.name(), false, e.toString()));
            }
        }
        return out;
    }

    /**
     * Sends yesterday's report when {@code report.time} has passed today, no node sent it yet and there is a sink.
     * Called at every poll.
     *
     * @return the day sent, or null
     */
    public LocalDate poll() {
        if (time == null || sinks.isEmpty()) {
            return null;
        }
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), zone);
        if (now.toLocalTime().isBefore(time)) {
            return null;
        }
        LocalDate day = now.toLocalDate().minusDays(1);
        if (!claim(day, now.toInstant())) {
            return null;
        }
        List<Dispatcher.SinkResult> results = send(day);
        String outcome = results.stream().map(r -> r.sink() + (r.ok() ? " ok" : " failed: " + r.error()))
                .collect(Collectors.joining("; "));
        if (results.stream().allMatch(Dispatcher.SinkResult::ok)) {
            logger.info("Daily report of {} sent: {}", day, outcome);
        } else {
            logger.warn("Daily report of {} not delivered everywhere (POST /api/v1/alerts/report/send?date={} sends it "
                    + "again): {}", day, day, outcome);
        }
        try {
            Transactions.write(db, tx -> {
                PreparedStatement ps = tx.prepare("UPDATE alert_report SET outcome = ? WHERE report_day = ?");
                ps.setString(1, outcome.length() > 2000 ? outcome.substring(0, 2000) : outcome);
                ps.setObject(2, day);
                return ps.executeUpdate();
            });
        } catch (SQLException e) {
            logger.warn("Daily report of {}: cannot record the outcome: {}", day, e.getMessage());
        }
        return day;
    }

    /** True when this node inserted the day's row: it sends the report. */
    boolean claim(LocalDate day, Instant now) {
        try {
            return Transactions.write(db, tx -> {
                PreparedStatement seen = tx.prepare("SELECT 1 FROM alert_report WHERE report_day = ?");
                seen.setObject(1, day);
                try (java.sql.ResultSet rs = seen.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
                PreparedStatement ps = tx.prepare("INSERT INTO alert_report (report_day, node_id, claimed_at) VALUES (?, ?, ?)");
                ps.setObject(1, day);
                ps.setString(2, node);
                ps.setObject(3, now.atOffset(java.time.ZoneOffset.UTC));
                return ps.executeUpdate() == 1;
            });
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false; // another node inserted it at the same moment
            }
            logger.warn("Daily report of {}: cannot claim the send, tried again at the next poll: {}", day, e.getMessage());
            return false;
        }
    }

    /** The day's key figures in a few lines: markdown for the robots, plain text for mail. */
    String summary(DailyFigures d, boolean markdown, String title, String link) {
        String b = markdown ? "- " : "  ";
        StringBuilder s = new StringBuilder();
        s.append(markdown ? "#### " : "").append(title).append(markdown ? "\n\n" : "\n\n");
        s.append(b).append(words.get("orders")).append(' ').append(ReportTexts.count(d.orders()));
        if (!d.byChannel().isEmpty()) {
            s.append(" (").append(d.byChannel().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(" · "))).append(')');
        }
        s.append('\n');
        s.append(b).append(words.get("shipped")).append(' ').append(ReportTexts.count(d.moved(OrderStatus.SHIPPED)))
                .append(" · ").append(words.get("cancelled")).append(' ')
                .append(ReportTexts.count(d.moved(OrderStatus.CANCELLED))).append(" · ").append(words.get("person"))
                .append(' ').append(ReportTexts.pct(d.neededPerson())).append('\n');
        s.append(b).append(words.get("failed")).append(' ').append(ReportTexts.count(d.failedCalls())).append(" · ")
                .append(words.get("stuck")).append(' ').append(ReportTexts.count(d.stuckParcels())).append(" · ")
                .append(words.get("review")).append(' ').append(ReportTexts.count(d.reviewWaiting())).append(" · ")
                .append(words.get("low")).append(' ').append(ReportTexts.count(d.lowStockSkus())).append('\n');
        if (!d.regions().isEmpty()) {
            s.append(b).append(words.get("regions")).append(": ").append(d.regions().stream().limit(5)
                    .map(r -> (r.province().isEmpty() ? words.get("unknown") : r.province()) + " " + r.orders())
                    .collect(Collectors.joining(" · "))).append('\n');
        }
        for (WarehouseHealth h : d.warehouses()) {
            if (h.routed() == 0 && h.stockDays() == null) {
                continue;
            }
            s.append(b).append(words.get("warehouse")).append(' ').append(h.warehouse()).append(": ")
                    .append(words.get("routed")).append(' ').append(h.routed()).append(", ").append(words.get("onTime"))
                    .append(' ').append(ReportTexts.pct(h.onTimeShare())).append(", ").append(words.get("stockDays"))
                    .append(' ').append(h.stockDays() == null ? "-" : String.format(Locale.ROOT, "%.1f", h.stockDays()))
                    .append('\n');
        }
        if (!d.pairs().isEmpty()) {
            OrderAnalytics.SkuPair p = d.pairs().get(0);
            s.append(b).append(words.get("pairs")).append(": ").append(p.skuA()).append(" + ").append(p.skuB())
                    .append(" (").append(p.together()).append(")\n");
        }
        s.append('\n');
        s.append(markdown ? "[" + words.get("open") + "](" + link + ")" : words.get("open") + ": " + link).append('\n');
        return s.toString();
    }
}

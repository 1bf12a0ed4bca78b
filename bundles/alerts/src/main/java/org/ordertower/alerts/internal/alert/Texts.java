package org.ordertower.alerts.internal.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Every sentence the alerts say, in Chinese (the default) or English ({@code language=en}). Each carries the key
 * facts as numbers and codes; none carries buyer data. Times are shown in the JVM's time zone.
 */
public final class Texts {
    /** The languages alerts are written in. */
    public enum Language {
        ZH, EN;

        /** {@code zh} or {@code en}, any case. */
        public static Language of(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "zh" -> ZH;
                case "en" -> EN;
                default -> throw new IllegalArgumentException("language must be zh or en, was '" + s + "'");
            };
        }
    }

    private final boolean en;
    private final DateTimeFormatter time;

    public Texts(Language language, ZoneId zone) {
        this.en = language == Language.EN;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
    }

    public Texts(Language language) {
        this(language, ZoneId.systemDefault());
    }

    /** A time as shown in messages; "-" for none. */
    public String time(Instant t) {
        return t == null ? "-" : time.format(t);
    }

    private static long minutes(Duration d) {
        return Math.max(0, d.toMinutes());
    }

    private String s(String zh, String english) {
        return en ? english : zh;
    }

    // ---- labels the sinks show

    public String severity(Severity s) {
        return s == Severity.CRITICAL ? s("严重", "CRITICAL") : s("警告", "WARNING");
    }

    public String resolvedLabel() {
        return s("已恢复", "RESOLVED");
    }

    public String digestLabel() {
        return s("汇总", "DIGEST");
    }

    public String testLabel() {
        return s("测试", "TEST");
    }

    /** The tag in front of a message's title: its severity, or what kind of message it is. */
    public String label(Notice n) {
        return switch (n.type()) {
            case RESOLVED -> resolvedLabel();
            case DIGEST -> digestLabel();
            case TEST -> testLabel();
            default -> severity(n.severity());
        };
    }

    public String openConsole() {
        return s("在控制台查看", "Open in the console");
    }

    // ---- the sources' alerts

    public String lowStockTitle(String sku) {
        return s("库存告急：" + sku, "Low stock: " + sku);
    }

    public String lowStock(String sku, int sellable, int threshold, double forecast) {
        long f = Math.round(forecast);
        return s("SKU " + sku + " 可售 " + sellable + " 件，预警线 " + threshold + " 件，预计未来 24 小时下单 " + f + " 件。",
                "SKU " + sku + " has " + sellable + " sellable (threshold " + threshold + "); " + f
                        + " expected to be ordered in the next 24 hours.");
    }

    public String stuckTitle(String parcelCode) {
        return s("包裹停滞：" + parcelCode, "Parcel not moving: " + parcelCode);
    }

    public String stuck(String code, long orderId, String carrier, String trackingNo, String warehouse, Instant since,
            String lastState, Instant lastEventAt) {
        return s("订单 " + orderId + " 的包裹 " + code + "（" + carrier + " " + dash(trackingNo) + "，仓库 " + warehouse + "）自 "
                + time(since) + " 起没有物流进展；最近状态 " + dash(lastState) + "（" + time(lastEventAt) + "）。",
                "Parcel " + code + " of order " + orderId + " (" + carrier + " " + dash(trackingNo) + ", warehouse "
                        + warehouse + ") has not moved since " + time(since) + "; last state " + dash(lastState) + " ("
                        + time(lastEventAt) + ").");
    }

    public String failedCallTitle(String kind, long orderId) {
        return s("调用彻底失败：" + kind + "（订单 " + orderId + "）", "Call failed for good: " + kind + " (order " + orderId + ")");
    }

    public String failedCall(String kind, long orderId, String parcelCode, String what, int attempts, Instant createdAt,
            String lastError) {
        return s("订单 " + orderId + " 的 " + kind + " 调用（包裹 " + dash(parcelCode) + "，" + dash(what) + "）自 "
                + time(createdAt) + " 起尝试 " + attempts + " 次后放弃。最后错误：" + dash(lastError),
                "The " + kind + " call of order " + orderId + " (parcel " + dash(parcelCode) + ", " + dash(what)
                        + "), needed since " + time(createdAt) + ", gave up after " + attempts + " attempts. Last error: "
                        + dash(lastError));
    }

    public String partnerDownTitle(String kind) {
        return s("合作方可能故障：" + kind + " 调用连续失败", "Partner down? " + kind + " calls keep failing");
    }

    public String partnerDown(String kind, int failures, Duration window, int threshold, String lastError) {
        return s("最近 " + minutes(window) + " 分钟内有 " + failures + " 个 " + kind + " 调用彻底失败（阈值 " + threshold
                + " 个）。最近的错误：" + dash(lastError),
                failures + " " + kind + " calls failed for good in the last " + minutes(window) + " minutes (threshold "
                        + threshold + "). Latest error: " + dash(lastError));
    }

    public String pullLagTitle(String channel, String shop) {
        return s("拉单落后：" + channel + "/" + shop, "Pull lag: " + channel + "/" + shop);
    }

    public String pullLag(String channel, String shop, Instant caughtUpTo, Duration lag, Duration threshold, String node) {
        return s("店铺 " + channel + "/" + shop + " 的订单只拉到 " + time(caughtUpTo) + "，落后 " + minutes(lag) + " 分钟（阈值 "
                + minutes(threshold) + " 分钟），由节点 " + node + " 负责。",
                "Shop " + channel + "/" + shop + " is pulled up to " + time(caughtUpTo) + " only, " + minutes(lag)
                        + " minutes behind (threshold " + minutes(threshold) + " minutes); node " + node + " pulls it.");
    }

    public String channelDownTitle(String channel, String shop) {
        return s("渠道不可用：" + channel + "/" + shop, "Channel down: " + channel + "/" + shop);
    }

    public String channelDown(String channel, String shop, Duration window, Instant lastPullAt, Instant errorAt,
            String error) {
        return s("店铺 " + channel + "/" + shop + " 持续出错，" + minutes(window) + " 分钟内没有完成一次拉单（上次完成 "
                + time(lastPullAt) + "）。最近错误（" + time(errorAt) + "）：" + dash(error),
                "Shop " + channel + "/" + shop + " keeps failing and finished no pull in " + minutes(window)
                        + " minutes (last finished " + time(lastPullAt) + "). Latest error (" + time(errorAt) + "): "
                        + dash(error));
    }

    public String reviewAgeTitle(Duration age) {
        return s("审核积压：最早的订单已等待 " + minutes(age) + " 分钟", "Review queue: the oldest order has waited "
                + minutes(age) + " minutes");
    }

    public String reviewAge(long orderId, String order, Instant since, Duration age, Duration threshold) {
        return s("订单 " + orderId + "（" + order + "）自 " + time(since) + " 起在审核队列中等待，已 " + minutes(age)
                + " 分钟（阈值 " + minutes(threshold) + " 分钟）。",
                "Order " + orderId + " (" + order + ") has waited in the review queue since " + time(since) + ", "
                        + minutes(age) + " minutes (threshold " + minutes(threshold) + " minutes).");
    }

    public String nodeDownTitle(String node) {
        return s("节点失联：" + node, "Node down: " + node);
    }

    public String nodeDown(String node, Instant seenAt, Duration silence, String observer) {
        return s("节点 " + node + " 最后一次心跳在 " + time(seenAt) + "，已 " + silence.toSeconds() + " 秒没有消息（超过 3 个轮询周期）。由节点 "
                + observer + " 发现。",
                "Node " + node + " was last seen at " + time(seenAt) + ", " + silence.toSeconds()
                        + " seconds ago (more than 3 poll periods). Noticed by node " + observer + ".");
    }

    // ---- what the dispatcher adds

    public String stillHappening(int times, Instant since, Instant firstAt) {
        return s("仍在发生：自 " + time(since) + " 以来又出现 " + times + " 次（首次 " + time(firstAt) + "）。",
                "Still happening, " + times + " times since " + time(since) + " (first seen " + time(firstAt) + ").");
    }

    public String resolvedTitle(String title) {
        return s("已恢复：" + title, "Resolved: " + title);
    }

    public String resolved(String key, Duration quiet, Instant firstAt, int total) {
        return s(key + " 已 " + minutes(quiet) + " 分钟没有再出现（首次 " + time(firstAt) + "，共出现 " + total + " 次）。",
                key + " was not seen for " + minutes(quiet) + " minutes (first seen " + time(firstAt) + ", " + total
                        + " times in all).");
    }

    public String digestTitle(int more) {
        return s("另有 " + more + " 条告警", more + " more alerts");
    }

    public String digest(int more, String link) {
        return s("上一分钟另有 " + more + " 条告警超出发送上限，未单独发送，请在控制台查看：" + link,
                more + " more alerts: see " + link);
    }

    public String testTitle() {
        return s("OrderTower 测试告警", "OrderTower test alert");
    }

    public String test(String node) {
        return s("这是节点 " + node + " 发出的测试消息：这个告警通道工作正常。", "A test message from node " + node
                + ": this alert channel works.");
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}

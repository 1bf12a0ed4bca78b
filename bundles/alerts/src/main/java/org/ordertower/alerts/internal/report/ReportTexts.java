package org.ordertower.alerts.internal.report;

import java.util.Locale;
import java.util.Map;

import org.ordertower.alerts.internal.alert.Texts;

/** The daily report's words, in Chinese (the default) or English, like the alerts ({@code language}). */
final class ReportTexts {
    private static final Map<String, String[]> WORDS = Map.ofEntries(
            Map.entry("title", new String[] { "OrderTower 日报", "OrderTower daily report" }),
            Map.entry("orders", new String[] { "订单", "Orders" }),
            Map.entry("shipped", new String[] { "发货", "Shipped" }),
            Map.entry("delivered", new String[] { "签收", "Delivered" }),
            Map.entry("cancelled", new String[] { "取消", "Cancelled" }),
            Map.entry("person", new String[] { "人工处理", "Needed a person" }),
            Map.entry("failed", new String[] { "失败调用", "Failed calls" }),
            Map.entry("stuck", new String[] { "停滞包裹", "Stuck parcels" }),
            Map.entry("review", new String[] { "待审核", "Waiting for review" }),
            Map.entry("low", new String[] { "低库存SKU", "Low-stock SKUs" }),
            Map.entry("hourly", new String[] { "每小时订单", "Orders per hour" }),
            Map.entry("channels", new String[] { "渠道订单", "Orders per channel" }),
            Map.entry("regions", new String[] { "地区分布", "Orders by region" }),
            Map.entry("pairs", new String[] { "常一起购买", "Bought together" }),
            Map.entry("warehouses", new String[] { "仓库健康", "Warehouse health" }),
            Map.entry("warehouse", new String[] { "仓库", "Warehouse" }),
            Map.entry("routed", new String[] { "分配", "Routed" }),
            Map.entry("onTime", new String[] { "准时率", "On time" }),
            Map.entry("waiting", new String[] { "待发", "Waiting" }),
            Map.entry("transfers", new String[] { "调拨", "Transfers" }),
            Map.entry("stockDays", new String[] { "库存天数", "Stock days" }),
            Map.entry("none", new String[] { "无", "none" }),
            Map.entry("unknown", new String[] { "未知", "unknown" }),
            Map.entry("now", new String[] { "当前", "now" }),
            Map.entry("generated", new String[] { "生成于", "made" }),
            Map.entry("open", new String[] { "打开控制台", "Open the console" }),
            Map.entry("image", new String[] { "日报图片见附件", "The report image is attached" }));

    private final boolean en;

    ReportTexts(Texts.Language language) {
        this.en = language == Texts.Language.EN;
    }

    String get(String key) {
        String[] w = WORDS.get(key);
        if (w == null) {
            throw new IllegalArgumentException("no report text " + key);
        }
        return w[en ? 1 : 0];
    }

    boolean english() {
        return en;
    }

    /** A share as a percentage with one decimal, or "-". */
    static String pct(Double share) {
        return share == null ? "-" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** A count, or "-" when its service is not installed ({@code -1}). */
    static String count(long n) {
        return n < 0 ? "-" : String.format(Locale.ROOT, "%,d", n);
    }
}

package org.ordertower.alerts.internal.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import org.ordertower.api.OrderAnalytics;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.fulfilment.WarehouseHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily report drawn as one PNG with Java 2D, for a group chat or a mail: the day's key figures in boxes, orders per
 * hour, per channel and per region as bars, the warehouses' health and the SKUs bought together as tables. Drawn
 * headless (no display is needed); Chinese text needs a font that has it (fonts-wqy-microhei, Noto Sans CJK): the first
 * such installed font is used, otherwise the logical SansSerif font, and a warning says what is missing.
 */
final class ReportImage {
    static final int WIDTH = 1080;
    private static final Logger LOGGER = LoggerFactory.getLogger(ReportImage.class);
    private static final List<String> CJK_FONTS = List.of("WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK SC",
            "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "Droid Sans Fallback", "AR PL UMing CN",
            "Microsoft YaHei", "PingFang SC");
    private static final Color INK = new Color(0x1f2937);
    private static final Color MUTED = new Color(0x6b7280);
    private static final Color LINE = new Color(0xe5e7eb);
    private static final Color PANEL = new Color(0xf8fafc);
    private static final Color BLUE = new Color(0x3b6ea8);
    private static final Color ORANGE = new Color(0xe39b3b);
    private static final Color RED = new Color(0xc2606a);
    private static final Color GREEN = new Color(0x4f9d8f);
    private static final int PAD = 40;
    private static volatile String family;

    private ReportImage() {
    }

    /** The font family drawn with: the first installed one with Chinese glyphs, or SansSerif. */
    static String family() {
        String f = family;
        if (f == null) {
            if (System.getProperty("java.awt.headless") == null) {
                System.setProperty("java.awt.headless", "true"); // a server: never look for a display
            }
            List<String> installed = List.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(
                    Locale.ROOT));
            f = CJK_FONTS.stream().filter(installed::contains).findFirst().orElse(Font.SANS_SERIF);
            if (new Font(f, Font.PLAIN, 12).canDisplayUpTo("订单日报") >= 0) {
                LOGGER.warn("The daily report finds no font with Chinese characters (install fonts-wqy-microhei or "
                        + "fonts-noto-cjk); Chinese text in it shows as boxes");
            }
            family = f;
        }
        return f;
    }

    static byte[] png(DailyFigures d, ReportTexts w) {
        // drawn on a canvas tall enough for every row, then cut to what was drawn
        int height = 1400 + 34 * (d.warehouses().size() + d.pairs().size());
        int end;
        BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            String fam = family();
            int y = PAD;
            g.setColor(INK);
            g.setFont(new Font(fam, Font.BOLD, 34));
            y += 34;
            g.drawString(w.get("title") + "  " + d.date(), PAD, y);
            g.setFont(new Font(fam, Font.PLAIN, 16));
            g.setColor(MUTED);
            y += 28;
            g.drawString(d.zone() + " · " + w.get("generated") + " "
                    + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(d.zone()).format(d.at()), PAD, y);
            y += 24;
            y = kpis(g, fam, w, d, y);
            y = hourly(g, fam, w, d.hourly(), y + 48);
            int half = (WIDTH - 3 * PAD) / 2;
            int yLeft = bars(g, fam, w.get("channels"), top(d.byChannel(), 8), PAD, half, y + 40, BLUE, w);
            Map<String, Long> regions = new java.util.LinkedHashMap<>();
            for (OrderAnalytics.Region r : d.regions()) {
                if (regions.size() == 8) {
                    break;
                }
                regions.merge(r.province().isEmpty() ? w.get("unknown") : r.province(), r.orders(), Long::sum);
            }
            int yRight = bars(g, fam, w.get("regions"), regions, 2 * PAD + half, half, y + 40, GREEN, w);
            y = Math.max(yLeft, yRight);
            y = warehouses(g, fam, w, d.warehouses(), y + 44);
            end = Math.min(height, pairs(g, fam, w, d.pairs(), y + 44) + PAD);
        } finally {
            g.dispose();
        }
        img = img.getSubimage(0, 0, WIDTH, end);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int kpis(Graphics2D g, String fam, ReportTexts w, DailyFigures d, int y) {
        String[][] boxes = {
            { w.get("orders"), ReportTexts.count(d.orders()) },
            { w.get("shipped"), ReportTexts.count(d.moved(OrderStatus.SHIPPED)) },
            { w.get("cancelled"), ReportTexts.count(d.moved(OrderStatus.CANCELLED)) },
            { w.get("person"), ReportTexts.pct(d.neededPerson()) },
            { w.get("failed") + " (" + w.get("now") + ")", ReportTexts.count(d.failedCalls()) },
            { w.get("stuck") + " (" + w.get("now") + ")", ReportTexts.count(d.stuckParcels()) },
            { w.get("review") + " (" + w.get("now") + ")", ReportTexts.count(d.reviewWaiting()) },
            { w.get("low"), ReportTexts.count(d.lowStockSkus()) },
        };
        int cols = 4;
        int gap = 16;
        int bw = (WIDTH - 2 * PAD - (cols - 1) * gap) / cols;
        int bh = 96;
        for (int i = 0; i < boxes.length; i++) {
            int x = PAD + (i % cols) * (bw + gap);
            int by = y + (i / cols) * (bh + gap);
            g.setColor(PANEL);
            g.fillRoundRect(x, by, bw, bh, 14, 14);
            g.setColor(LINE);
            g.drawRoundRect(x, by, bw, bh, 14, 14);
            g.setColor(MUTED);
            g.setFont(new Font(fam, Font.PLAIN, 16));
            g.drawString(boxes[i][0], x + 16, by + 30);
            boolean bad = i >= 4 && !boxes[i][1].equals("0") && !boxes[i][1].equals("-");
            g.setColor(bad ? RED : INK);
            g.setFont(new Font(fam, Font.BOLD, 34));
            g.drawString(boxes[i][1], x + 16, by + 76);
        }
        return y + 2 * bh + gap;
    }

    private static int hourly(Graphics2D g, String fam, ReportTexts w, List<Long> hours, int y) {
        title(g, fam, w.get("hourly"), PAD, y);
        int top = y + 16;
        int h = 200;
        int width = WIDTH - 2 * PAD;
        long max = Math.max(1, hours.stream().mapToLong(Long::longValue).max().orElse(1));
        int n = Math.max(1, hours.size());
        double slot = (double) width / n;
        g.setColor(LINE);
        g.drawLine(PAD, top + h, PAD + width, top + h);
        g.setFont(new Font(fam, Font.PLAIN, 12));
        for (int i = 0; i < hours.size(); i++) {
            int bh = (int) Math.round((double) hours.get(i) / max * (h - 20));
            int x = PAD + (int) Math.round(i * slot + slot * 0.15);
            int bw = Math.max(2, (int) Math.round(slot * 0.7));
            g.setColor(BLUE);
            g.fillRect(x, top + h - bh, bw, bh);
            g.setColor(MUTED);
            if (i % 3 == 0) {
                g.drawString(String.format(Locale.ROOT, "%02d", i), x, top + h + 16);
            }
            if (hours.get(i) == max && max > 0) {
                g.setColor(INK);
                g.drawString(String.valueOf(max), x, top + h - bh - 4);
            }
        }
        return top + h + 24;
    }

    private static Map<String, Long> top(Map<String, Long> all, int n) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        all.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static int bars(Graphics2D g, String fam, String heading, Map<String, Long> values, int x, int width, int y,
            Color color, ReportTexts w) {
        title(g, fam, heading, x, y);
        int row = y + 20;
        if (values.isEmpty()) {
            g.setColor(MUTED);
            g.setFont(new Font(fam, Font.PLAIN, 16));
            g.drawString(w.get("none"), x, row + 20);
            return row + 40;
        }
        long max = Math.max(1, values.values().stream().mapToLong(Long::longValue).max().orElse(1));
        int labelW = 110;
        int barMax = width - labelW - 70;
        g.setFont(new Font(fam, Font.PLAIN, 16));
        FontMetrics fm = g.getFontMetrics();
        for (Map.Entry<String, Long> e : values.entrySet()) {
            g.setColor(INK);
            g.drawString(clip(e.getKey(), fm, labelW - 8), x, row + 18);
            int bw = (int) Math.max(2, Math.round((double) e.getValue() / max * barMax));
            g.setColor(color);
            g.fillRoundRect(x + labelW, row + 4, bw, 18, 6, 6);
            g.setColor(MUTED);
            g.drawString(String.format(Locale.ROOT, "%,d", e.getValue()), x + labelW + bw + 8, row + 19);
            row += 30;
        }
        return row;
    }

    private static int warehouses(Graphics2D g, String fam, ReportTexts w, List<WarehouseHealth> all, int y) {
        title(g, fam, w.get("warehouses"), PAD, y);
        String[] head = { w.get("warehouse"), w.get("routed"), w.get("shipped"), w.get("onTime"), w.get("waiting"),
            w.get("stuck"), w.get("transfers"), w.get("stockDays") };
        List<String[]> rows = new ArrayList<>();
        for (WarehouseHealth h : all) {
            rows.add(new String[] { h.warehouse(), ReportTexts.count(h.routed()), ReportTexts.count(h.shipped()),
                ReportTexts.pct(h.onTimeShare()), ReportTexts.count(h.waiting()), ReportTexts.count(h.stuck()),
                (h.transfersIn() + h.transfersOut()) + (h.transfersLate() > 0 ? " (" + h.transfersLate() + "!)" : ""),
                h.stockDays() == null ? "-" : String.format(Locale.ROOT, "%.1f", h.stockDays()) });
        }
        return table(g, fam, head, rows, y + 16, w, (r, c) -> {
            if (c == 3 && !r[3].equals("-") && Double.parseDouble(r[3].replace("%", "")) < 90) {
                return RED;
            }
            if (c == 7 && !r[7].equals("-") && Double.parseDouble(r[7]) < 7) {
                return ORANGE;
            }
            return INK;
        });
    }

    private static int pairs(Graphics2D g, String fam, ReportTexts w, List<OrderAnalytics.SkuPair> pairs, int y) {
        title(g, fam, w.get("pairs"), PAD, y);
        List<String[]> rows = new ArrayList<>();
        for (OrderAnalytics.SkuPair p : pairs) {
            rows.add(new String[] { p.skuA() + " + " + p.skuB(), String.valueOf(p.together()),
                String.format(Locale.ROOT, "%.2f", p.lift()) });
        }
        return table(g, fam, new String[] { "SKU", w.get("orders"), "lift" }, rows, y + 16, w, (r, c) -> INK);
    }

    private interface Tint {
        Color of(String[] row, int column);
    }

    private static int table(Graphics2D g, String fam, String[] head, List<String[]> rows, int y, ReportTexts w, Tint tint) {
        int width = WIDTH - 2 * PAD;
        int first = head.length > 3 ? 200 : 560;
        int rest = (width - first) / Math.max(1, head.length - 1);
        int rowH = 34;
        g.setColor(PANEL);
        g.fillRect(PAD, y, width, rowH);
        g.setFont(new Font(fam, Font.BOLD, 15));
        g.setColor(MUTED);
        for (int c = 0; c < head.length; c++) {
            g.drawString(head[c], PAD + 10 + (c == 0 ? 0 : first + (c - 1) * rest), y + 22);
        }
        int ry = y + rowH;
        g.setFont(new Font(fam, Font.PLAIN, 15));
        FontMetrics fm = g.getFontMetrics();
        if (rows.isEmpty()) {
            g.setColor(MUTED);
            g.drawString(w.get("none"), PAD + 10, ry + 22);
            return ry + rowH;
        }
        for (String[] r : rows) {
            g.setColor(LINE);
            g.setStroke(new BasicStroke(1));
            g.drawLine(PAD, ry + rowH, PAD + width, ry + rowH);
            for (int c = 0; c < r.length; c++) {
                g.setColor(tint.of(r, c));
                int cw = c == 0 ? first : rest;
                g.drawString(clip(r[c], fm, cw - 16), PAD + 10 + (c == 0 ? 0 : first + (c - 1) * rest), ry + 22);
            }
            ry += rowH;
        }
        return ry;
    }

    private static void title(Graphics2D g, String fam, String text, int x, int y) {
        g.setColor(INK);
        g.setFont(new Font(fam, Font.BOLD, 20));
        g.drawString(text, x, y);
    }

    private static String clip(String s, FontMetrics fm, int width) {
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String t = s;
        while (!t.isEmpty() && fm.stringWidth(t + "…") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }
}

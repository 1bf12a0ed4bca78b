package org.ordertower.alerts.internal.sink;

import org.ordertower.alerts.internal.Settings;
import org.ordertower.alerts.internal.alert.Notice;
import org.ordertower.alerts.internal.alert.NoticeType;
import org.ordertower.alerts.internal.alert.Severity;
import org.ordertower.alerts.internal.alert.Texts;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A WeCom group robot (企业微信群机器人): {@code {"msgtype":"markdown","markdown":{"content"}}} posted to the webhook.
 * WeCom refuses markdown content over 4096 bytes of UTF-8, so a long body is cut to fit, keeping the title and the
 * console link.
 */
public final class WeComSink implements Sink {
    /** WeCom's limit on markdown.content, in UTF-8 bytes. */
    public static final int MAX_CONTENT_BYTES = 4096;
    private static final String MORE = "…";
    private final Settings.WeCom settings;
    private final RobotClient client;
    private final Texts texts;

    public WeComSink(Settings.WeCom settings, RobotClient client, Texts texts) {
        this.settings = settings;
        this.client = client;
        this.texts = texts;
    }

    @Override
    public String name() {
        return "wecom";
    }

    @Override
    public String target() {
        return settings.webhook().getHost();
    }

    @Override
    public void deliver(Notice n) throws DeliveryException {
        ObjectNode root = RobotClient.object();
        root.put("msgtype", "markdown");
        root.putObject("markdown").put("content", content(n));
        client.post(settings.webhook(), root);
    }

    /** WeCom's limit on an image message's picture, before base64. */
    public static final int MAX_IMAGE_BYTES = 2 * 1024 * 1024;

    /**
     * The drawn report as an image message ({@code {"msgtype":"image","image":{"base64","md5"}}}, at most 2 MB), then
     * its summary as markdown with the console link. A report image over 2 MB is left out and said so.
     */
    @Override
    public void deliverReport(org.ordertower.alerts.internal.report.Report r) throws DeliveryException {
        if (r.png().length <= MAX_IMAGE_BYTES) {
            ObjectNode image = RobotClient.object();
            image.put("msgtype", "image");
            image.putObject("image").put("base64", java.util.Base64.getEncoder().encodeToString(r.png()))
                    .put("md5", md5(r.png()));
            client.post(settings.webhook(), image);
        }
        ObjectNode root = RobotClient.object();
        root.put("msgtype", "markdown");
        root.putObject("markdown").put("content", Utf8.cut(r.markdown(), MAX_CONTENT_BYTES));
        client.post(settings.webhook(), root);
    }

    /** The hex MD5 WeCom checks the image against. */
    static String md5(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has MD5", e);
        }
    }

    /** The markdown, at most {@link #MAX_CONTENT_BYTES} bytes. */
    String content(Notice n) {
        String head = "### <font color=\"" + color(n) + "\">[" + texts.label(n) + "]</font> " + n.title() + "\n";
        String tail = "\n[" + texts.openConsole() + "](" + n.link() + ")\n> " + n.key() + " · " + texts.time(n.at());
        String whole = head + n.text() + tail;
        if (Utf8.length(whole) <= MAX_CONTENT_BYTES) {
            return whole;
        }
        int room = MAX_CONTENT_BYTES - Utf8.length(head) - Utf8.length(tail) - Utf8.length(MORE);
        if (room <= 0) { // a title or link too long to keep whole: cut everything
            return Utf8.cut(whole, MAX_CONTENT_BYTES);
        }
        return head + Utf8.cut(n.text(), room) + MORE + tail;
    }

    private static String color(Notice n) {
        if (n.type() == NoticeType.RESOLVED) {
            return "info";
        }
        return n.severity() == Severity.CRITICAL ? "warning" : "comment";
    }
}

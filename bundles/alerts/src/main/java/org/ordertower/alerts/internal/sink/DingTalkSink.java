package org.ordertower.alerts.internal.sink;

import java.net.URI;
import java.time.Clock;

import org.ordertower.alerts.internal.Settings;
import org.ordertower.alerts.internal.alert.Notice;
import org.ordertower.alerts.internal.alert.Texts;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A DingTalk group robot (钉钉自定义机器人): a markdown message {@code {"msgtype":"markdown","markdown":{"title",
 * "text"}}} posted to the webhook, signed when a secret is configured ({@link DingTalkSigner}). The robot takes 20
 * messages a minute, the default of {@code max.per.minute}.
 */
public final class DingTalkSink implements Sink {
    /** DingTalk shows long markdown, but a chat message should stay short. */
    private static final int MAX_TEXT = 4000;
    private final Settings.DingTalk settings;
    private final RobotClient client;
    private final Texts texts;
    private final Clock clock;
    private final DingTalkSigner signer;

    public DingTalkSink(Settings.DingTalk settings, RobotClient client, Texts texts, Clock clock) {
        this.settings = settings;
        this.client = client;
        this.texts = texts;
        this.clock = clock;
        this.signer = settings.secret() == null ? null : new DingTalkSigner(settings.secret());
    }

    @Override
    public String name() {
        return "dingtalk";
    }

    @Override
    public String target() {
        return settings.webhook().getHost();
    }

    @Override
    public void deliver(Notice n) throws DeliveryException {
        String head = "[" + texts.label(n) + "] " + n.title();
        String body = n.text().length() > MAX_TEXT ? n.text().substring(0, MAX_TEXT) + "…" : n.text();
        String text = "#### " + head + "\n\n" + body.replace("\n", "\n\n") + "\n\n[" + texts.openConsole() + "]("
                + n.link() + ")\n\n> " + n.key() + " · " + texts.time(n.at());
        ObjectNode root = RobotClient.object();
        root.put("msgtype", "markdown");
        ObjectNode md = root.putObject("markdown");
        md.put("title", head);
        md.put("text", text);
        client.post(uri(), root);
    }

    /**
     * The report's summary as markdown with the console link. A DingTalk robot shows images only from a public URL,
     * which a node inside a merchant's network has not, so the drawn report stays in the console and the mail.
     */
    @Override
    public void deliverReport(org.ordertower.alerts.internal.report.Report r) throws DeliveryException {
        ObjectNode root = RobotClient.object();
        root.put("msgtype", "markdown");
        ObjectNode md = root.putObject("markdown");
        md.put("title", r.title());
        md.put("text", r.markdown().length() > MAX_TEXT ? r.markdown().substring(0, MAX_TEXT) + "…" : r.markdown());
        client.post(uri(), root);
    }

    private URI uri() {
        String webhook = settings.webhook().toString();
        return URI.create(signer == null ? webhook : signer.signedQuery(webhook, clock.millis()));
    }
}

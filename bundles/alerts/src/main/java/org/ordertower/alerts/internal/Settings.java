package org.ordertower.alerts.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.ordertower.alerts.internal.alert.Texts.Language;

/**
 * The checked configuration. A bad value fails activation with one sentence naming the key (and never echoing a
 * secret). {@link #toString()} masks the webhooks, the signing secret and the mail password.
 *
 * @param dingtalk the DingTalk robot, or null when {@code dingtalk.webhook} is empty
 * @param wecom the WeCom robot, or null when {@code wecom.webhook} is empty
 * @param mail the SMTP sink, or null when {@code mail.smtp.host} is empty
 */
public record Settings(Duration poll, String nodeId, String consoleUrl, Language language, Duration repeat,
        Duration resolve, boolean sendResolved, int maxPerMinute, int partnerDownFailures, Duration partnerDownWindow,
        Duration pullLag, Duration channelDown, Duration reviewAge, DingTalk dingtalk, WeCom wecom, Mail mail) {
    static final String PID = "org.ordertower.alerts";

    /** A DingTalk group robot; {@code secret} is null when its messages are not signed. */
    public record DingTalk(URI webhook, String secret) {
        @Override
        public String toString() {
            return "DingTalk robot on " + webhook.getHost() + (secret == null ? "" : ", signed") + " (webhook ***)";
        }
    }

    /** A WeCom group robot. */
    public record WeCom(URI webhook) {
        @Override
        public String toString() {
            return "WeCom robot on " + webhook.getHost() + " (webhook ***)";
        }
    }

    /** An SMTP server and the addresses; {@code user} and {@code password} are null without authentication. */
    public record Mail(String host, int port, String from, List<String> to, String user, String password,
            boolean starttls) {
        public Mail {
            to = List.copyOf(to);
        }

        @Override
        public String toString() {
            return "SMTP " + host + ":" + port + (starttls ? " STARTTLS" : "") + " from " + from + " to " + to
                    + (user == null ? "" : " as " + user + " (password ***)");
        }
    }

    /**
     * @param hostName this machine's name, for the defaults of {@code node.id} and {@code console.url}
     * @throws IllegalArgumentException naming the key of the first bad value
     */
    public static Settings from(AlertsConfig c, String hostName) {
        String node = blank(c.node_id()) ? hostName : c.node_id().strip();
        require(node.length() <= 128, "node.id must be at most 128 characters");
        String console = blank(c.console_url()) ? "http://" + hostName + ":8181/ordertower/" : c.console_url().strip();
        uri("console.url", console, false);
        Language language;
        try {
            language = Language.of(c.language());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PID + ": " + e.getMessage());
        }
        require(c.poll_seconds() >= 5 && c.poll_seconds() <= 3600, "poll.seconds must be 5..3600");
        require(c.repeat_minutes() >= 1, "repeat.minutes must be at least 1");
        require(c.resolve_minutes() >= 1, "resolve.minutes must be at least 1");
        require(c.max_per_minute() >= 1, "max.per.minute must be at least 1");
        require(c.partner_down_failures() >= 1, "partner.down.failures must be at least 1");
        require(c.partner_down_minutes() >= 1, "partner.down.minutes must be at least 1");
        require(c.pull_lag_minutes() >= 1, "pull.lag.minutes must be at least 1");
        require(c.channel_down_minutes() >= 1, "channel.down.minutes must be at least 1");
        require(c.review_age_minutes() >= 1, "review.age.minutes must be at least 1");
        return new Settings(Duration.ofSeconds(c.poll_seconds()), node, console, language,
                Duration.ofMinutes(c.repeat_minutes()), Duration.ofMinutes(c.resolve_minutes()), c.send_resolved(),
                c.max_per_minute(), c.partner_down_failures(), Duration.ofMinutes(c.partner_down_minutes()),
                Duration.ofMinutes(c.pull_lag_minutes()), Duration.ofMinutes(c.channel_down_minutes()),
                Duration.ofMinutes(c.review_age_minutes()), dingtalk(c), wecom(c), mail(c));
    }

    private static DingTalk dingtalk(AlertsConfig c) {
        String secret = blank(c.dingtalk_secret()) ? null : org.ordertower.api.ConfigSecrets.resolve("dingtalk.secret", c.dingtalk_secret()).strip();
        if (blank(c.dingtalk_webhook())) {
            require(secret == null, "dingtalk.secret is set but dingtalk.webhook is empty");
            return null;
        }
        require(secret == null || secret.startsWith("SEC"), "dingtalk.secret must start with SEC (the robot's 加签 secret)");
        return new DingTalk(uri("dingtalk.webhook", org.ordertower.api.ConfigSecrets.resolve("dingtalk.webhook", c.dingtalk_webhook()).strip(), true), secret);
    }

    private static WeCom wecom(AlertsConfig c) {
        return blank(c.wecom_webhook()) ? null
                : new WeCom(uri("wecom.webhook", org.ordertower.api.ConfigSecrets.resolve("wecom.webhook", c.wecom_webhook()).strip(), true));
    }

    private static Mail mail(AlertsConfig c) {
        if (blank(c.mail_smtp_host())) {
            return null;
        }
        require(c.mail_smtp_port() >= 1 && c.mail_smtp_port() <= 65535, "mail.smtp.port must be 1..65535");
        require(!blank(c.mail_from()), "mail.from is required when mail.smtp.host is set");
        List<String> to = Arrays.stream(c.mail_to().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        require(!to.isEmpty(), "mail.to is required when mail.smtp.host is set (addresses, comma separated)");
        String user = blank(c.mail_user()) ? null : c.mail_user().strip();
        require(user != null || blank(c.mail_password()), "mail.password is set but mail.user is empty");
        return new Mail(c.mail_smtp_host().strip(), c.mail_smtp_port(), c.mail_from().strip(), to, user,
                user == null ? null : org.ordertower.api.ConfigSecrets.resolve("mail.password", c.mail_password()), c.mail_starttls());
    }

    /** The configured sinks' names, for the log. */
    public List<String> sinkNames() {
        List<String> out = new ArrayList<>();
        if (dingtalk != null) {
            out.add("dingtalk");
        }
        if (wecom != null) {
            out.add("wecom");
        }
        if (mail != null) {
            out.add("mail");
        }
        return out;
    }

    /** Every secret value (webhooks and their query values, the signing secret, the mail password), for scrubbing. */
    public List<String> secrets() {
        List<String> out = new ArrayList<>();
        if (dingtalk != null) {
            addUri(out, dingtalk.webhook());
            out.add(dingtalk.secret());
        }
        if (wecom != null) {
            addUri(out, wecom.webhook());
        }
        if (mail != null) {
            out.add(mail.password());
        }
        out.removeIf(s -> s == null || s.isEmpty());
        return out;
    }

    private static void addUri(List<String> out, URI uri) {
        out.add(uri.toString());
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                out.add(eq < 0 ? pair : pair.substring(eq + 1));
            }
        }
    }

    @Override
    public String toString() {
        return "alerts every " + poll.toSeconds() + " s on node " + nodeId + ", console " + consoleUrl + ", language "
                + language.name().toLowerCase(Locale.ROOT) + ", repeat " + repeat.toMinutes() + " min, resolve "
                + resolve.toMinutes() + " min" + (sendResolved ? " (announced)" : "") + ", at most " + maxPerMinute
                + " a minute per sink; sinks: " + sinks();
    }

    private String sinks() {
        List<String> out = new ArrayList<>();
        if (dingtalk != null) {
            out.add(dingtalk.toString());
        }
        if (wecom != null) {
            out.add(wecom.toString());
        }
        if (mail != null) {
            out.add(mail.toString());
        }
        return out.isEmpty() ? "none" : String.join("; ", out);
    }

    private static URI uri(String key, String value, boolean secret) {
        URI u;
        try {
            u = new URI(value);
        } catch (URISyntaxException e) {
            // a webhook carries its token: never echo it
            throw new IllegalArgumentException(PID + ": " + key + " is not a URL" + (secret ? "" : ": '" + value + "'"));
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        require((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null,
                key + " must be an http or https URL with a host");
        return u;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(PID + ": " + message);
        }
    }
}

package org.ordertower.alerts.internal.sink;

import java.time.Clock;
import java.util.Date;
import java.util.Properties;

import javax.mail.Address;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.ordertower.alerts.internal.Settings;
import org.ordertower.alerts.internal.alert.Notice;
import org.ordertower.alerts.internal.alert.Texts;

/**
 * E-mail over SMTP with javax.mail: subject {@code [OrderTower] <severity> <title>}, a plain-text UTF-8 body with the
 * console link. Timeouts of 10 seconds. javax.mail finds its providers and the activation framework's data handlers
 * through the thread's context class loader, which in OSGi is not its own; each call runs with javax.mail's loader as
 * the context loader and puts the caller's back.
 */
public final class MailSink implements Sink {
    private static final String TIMEOUT_MS = String.valueOf(RobotClient.TIMEOUT.toMillis());
    private final Settings.Mail settings;
    private final Texts texts;
    private final Redactor redactor;
    private final Clock clock;
    private final InternetAddress from;
    private final Address[] to;

    /** @throws IllegalArgumentException naming {@code mail.from} or {@code mail.to} when an address is malformed */
    public MailSink(Settings.Mail settings, Texts texts, Redactor redactor, Clock clock) {
        this.settings = settings;
        this.texts = texts;
        this.redactor = redactor;
        this.clock = clock;
        try {
            this.from = new InternetAddress(settings.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("org.ordertower.alerts: mail.from is not an e-mail address: " + e.getMessage());
        }
        this.to = new Address[settings.to().size()];
        for (int i = 0; i < to.length; i++) {
            try {
                to[i] = new InternetAddress(settings.to().get(i), true);
            } catch (AddressException e) {
                throw new IllegalArgumentException("org.ordertower.alerts: mail.to has an address that is not one: "
                        + e.getMessage());
            }
        }
    }

    @Override
    public String name() {
        return "mail";
    }

    @Override
    public String target() {
        return settings.host();
    }

    /** {@code [OrderTower] <severity> <title>}. */
    public static String subject(Notice n) {
        return "[OrderTower] " + n.severity().name() + " " + n.title();
    }

    @Override
    public void deliver(Notice n) throws DeliveryException {
        String body = "[" + texts.label(n) + "] " + n.title() + "\n\n" + n.text() + "\n\n" + texts.openConsole() + ": "
                + n.link() + "\n\n-- \n" + n.key() + " · " + texts.time(n.at()) + "\n";
        send(subject(n), m -> m.setText(body, "UTF-8"));
    }

    /** Fills in a message's content. */
    private interface Content {
        void fill(MimeMessage m) throws MessagingException;
    }

    /** Sends one message to every recipient, with javax.mail's class loader as the context loader meanwhile. */
    private void send(String subject, Content content) throws DeliveryException {
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        thread.setContextClassLoader(Session.class.getClassLoader());
        try {
            Session session = Session.getInstance(properties());
            MimeMessage m = new MimeMessage(session);
            m.setFrom(from);
            m.setRecipients(Message.RecipientType.TO, to);
            m.setSubject(subject, "UTF-8");
            content.fill(m);
            m.setSentDate(Date.from(clock.instant()));
            if (settings.user() == null) {
                Transport.send(m);
            } else {
                Transport.send(m, settings.user(), settings.password());
            }
        } catch (MessagingException e) {
            throw new DeliveryException(redactor.scrub("SMTP " + settings.host() + ":" + settings.port() + " refused: "
                    + e.getMessage()));
        } finally {
            thread.setContextClassLoader(caller);
        }
    }

    /** The summary as the text, the drawn report attached as {@code ordertower-<date>.png}. */
    @Override
    public void deliverReport(org.ordertower.alerts.internal.report.Report r) throws DeliveryException {
        send("[OrderTower] " + r.title(), m -> {
            javax.mail.internet.MimeBodyPart text = new javax.mail.internet.MimeBodyPart();
            text.setText(r.text(), "UTF-8");
            javax.mail.internet.MimeBodyPart image = new javax.mail.internet.MimeBodyPart();
            image.setDataHandler(new javax.activation.DataHandler(
                    new javax.mail.util.ByteArrayDataSource(r.png(), "image/png")));
            image.setFileName("ordertower-" + r.date() + ".png");
            image.setDisposition(javax.mail.Part.ATTACHMENT);
            javax.mail.internet.MimeMultipart parts = new javax.mail.internet.MimeMultipart("mixed");
            parts.addBodyPart(text);
            parts.addBodyPart(image);
            m.setContent(parts);
        });
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", settings.host());
        p.put("mail.smtp.port", String.valueOf(settings.port()));
        p.put("mail.smtp.auth", String.valueOf(settings.user() != null));
        p.put("mail.smtp.starttls.enable", String.valueOf(settings.starttls()));
        p.put("mail.smtp.starttls.required", String.valueOf(settings.starttls()));
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        p.put("mail.smtp.timeout", TIMEOUT_MS);
        p.put("mail.smtp.writetimeout", TIMEOUT_MS);
        return p;
    }
}

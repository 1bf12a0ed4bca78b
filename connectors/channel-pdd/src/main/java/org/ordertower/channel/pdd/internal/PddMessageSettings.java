package org.ordertower.channel.pdd.internal;

import java.net.URI;
import java.time.Duration;

/**
 * How one shop takes PDD's message pushes. Immutable.
 *
 * @param messageUrl the service URL without the signed part, {@code wss://message-api.pinduoduo.com/message}
 * @param mallId the shop's numeric mall id: messages of other malls (an app's connection carries all its malls) are
 *     left unacknowledged for the connector that serves them
 * @param bufferSize how many received messages wait for core at most; more are not acknowledged (PDD sends them
 *     again)
 * @param heartbeat how often a HeartBeat frame is sent (the SDKs send one every 5 s)
 * @param idleTimeout a connection that received nothing (not even PDD's heartbeat) this long is dropped and opened
 *     again
 * @param minBackoff the first pause before reconnecting after a connection ended or could not be opened; it doubles
 *     with each failure up to {@code maxBackoff}
 * @param refusedBackoff the pause after PDD refused the connection (a wrong secret, an unknown client_id, a clock
 *     far off): a refusal does not heal by retrying quickly
 */
public record PddMessageSettings(String messageUrl, long mallId, int bufferSize, Duration heartbeat, Duration idleTimeout,
        Duration minBackoff, Duration maxBackoff, Duration refusedBackoff) {

    public PddMessageSettings {
        String scheme = null;
        try {
            scheme = messageUrl == null ? null : URI.create(messageUrl).getScheme();
        } catch (IllegalArgumentException e) {
            scheme = null;
        }
        if (!"wss".equals(scheme) && !"ws".equals(scheme)) {
            throw new IllegalArgumentException("messageUrl must be a ws(s) URL such as " + PddConstants.MESSAGE_URL
                    + ", was '" + messageUrl + "'");
        }
        messageUrl = messageUrl.endsWith("/") ? messageUrl.substring(0, messageUrl.length() - 1) : messageUrl;
        if (mallId <= 0) {
            throw new IllegalArgumentException("mallId must be the shop's numeric mall id, was " + mallId);
        }
        if (bufferSize < 1) {
            throw new IllegalArgumentException("messageBuffer must be at least 1, was " + bufferSize);
        }
        for (Duration d : new Duration[] { heartbeat, idleTimeout, minBackoff, maxBackoff, refusedBackoff }) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("message timings must be positive");
            }
        }
        if (idleTimeout.compareTo(heartbeat) <= 0 || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("the idle timeout must exceed the heartbeat and maxBackoff be at least minBackoff");
        }
    }

    /** Defaults: 10,000 buffered, heartbeat 5 s, idle 60 s, reconnect after 1 s doubling to 60 s, 5 min after a refusal. */
    public static PddMessageSettings of(String messageUrl, long mallId) {
        return new PddMessageSettings(messageUrl, mallId, 10_000, Duration.ofSeconds(5), Duration.ofSeconds(60),
                Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5));
    }

    /** The same with other reconnect pauses (tests). */
    public PddMessageSettings withBackoff(Duration min, Duration max, Duration refused) {
        return new PddMessageSettings(messageUrl, mallId, bufferSize, heartbeat, idleTimeout, min, max, refused);
    }

    /**
     * From a configuration: null (push off) when messageUrl is empty or no mall id is known; the mall id is
     * {@code mallId}, else the shop when it is a number.
     */
    static PddMessageSettings from(PddConfig c) {
        String url = c.messageUrl() == null ? "" : c.messageUrl().strip();
        if (url.isEmpty()) {
            return null;
        }
        String mall = c.mallId() == null || c.mallId().isBlank() ? c.shop().strip() : c.mallId().strip();
        if (!mall.matches("[1-9][0-9]{0,18}")) {
            if (c.mallId() != null && !c.mallId().isBlank()) {
                throw new IllegalArgumentException("mallId must be the shop's numeric mall id, was '" + c.mallId() + "'");
            }
            return null;
        }
        if (c.messageBuffer() < 1) {
            throw new IllegalArgumentException("messageBuffer must be at least 1, was " + c.messageBuffer());
        }
        PddMessageSettings d = of(url, Long.parseLong(mall));
        return new PddMessageSettings(d.messageUrl, d.mallId, c.messageBuffer(), d.heartbeat, d.idleTimeout, d.minBackoff,
                d.maxBackoff, d.refusedBackoff);
    }
}

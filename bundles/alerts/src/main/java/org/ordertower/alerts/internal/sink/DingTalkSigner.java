package org.ordertower.alerts.internal.sink;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * DingTalk's robot signature (自定义机器人 安全设置 加签, open.dingtalk.com "自定义机器人接入"): the string to sign is
 * {@code timestamp + "\n" + secret}, signed with HmacSHA256 keyed by the secret, Base64-encoded, then URL-encoded as
 * UTF-8; it goes on the webhook as {@code &timestamp=<ms>&sign=<sign>}. The robot refuses a timestamp more than one
 * hour off its clock. Pure.
 */
public final class DingTalkSigner {
    private final String secret;

    /** @param secret the robot's secret, {@code SEC...} */
    public DingTalkSigner(String secret) {
        this.secret = secret;
    }

    /** The URL-encoded signature for {@code timestampMillis}. */
    public String sign(long timestampMillis) {
        String toSign = timestampMillis + "\n" + secret;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] raw = mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8));
            return URLEncoder.encode(Base64.getEncoder().encodeToString(raw), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** The webhook with the timestamp and signature appended. */
    public String signedQuery(String webhook, long timestampMillis) {
        return webhook + (webhook.contains("?") ? "&" : "?") + "timestamp=" + timestampMillis + "&sign="
                + sign(timestampMillis);
    }
}

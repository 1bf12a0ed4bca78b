package org.ordertower.alerts.internal.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * DingTalk's custom robot webhook ({@code /robot/send?access_token=}), checking as DingTalk does: the token; with a
 * secret, the timestamp within one hour of its clock and the signature recomputed here from the timestamp and the
 * secret (its own code, not the sink's signer); the markdown message's shape. Refusals carry DingTalk's errcodes.
 */
final class DingTalkReceiver extends RobotReceiver {
    private static final long HOUR_MS = 3_600_000L;
    final String token;
    private final String secret;

    /** @param secret the robot's signing secret, or null for a robot without 加签 */
    DingTalkReceiver(String token, String secret) throws IOException {
        super("/robot/send");
        this.token = token;
        this.secret = secret;
    }

    String webhook() {
        return "http://127.0.0.1:" + port() + "/robot/send?access_token=" + token;
    }

    @Override
    String refusal(Map<String, String> q, String contentType, JsonNode body) {
        if (!token.equals(q.get("access_token"))) {
            return "{\"errcode\":300001,\"errmsg\":\"token is not exist\"}";
        }
        if (secret != null) {
            String ts = q.get("timestamp");
            String sign = q.get("sign");
            if (ts == null || sign == null || !ts.matches("\\d{13}")) {
                return "{\"errcode\":310000,\"errmsg\":\"sign not match, more: [timestamp and sign are required]\"}";
            }
            if (Math.abs(System.currentTimeMillis() - Long.parseLong(ts)) > HOUR_MS) {
                return "{\"errcode\":310000,\"errmsg\":\"invalid timestamp\"}";
            }
            if (!MessageDigest.isEqual(expected(ts).getBytes(StandardCharsets.UTF_8), sign.getBytes(StandardCharsets.UTF_8))) {
                return "{\"errcode\":310000,\"errmsg\":\"sign not match\"}";
            }
        }
        if (contentType == null || !contentType.startsWith("application/json")) {
            return "{\"errcode\":40035,\"errmsg\":\"Content-Type must be application/json\"}";
        }
        JsonNode md = body.get("markdown");
        if (!"markdown".equals(body.path("msgtype").asText()) || md == null || !md.path("title").isTextual()
                || md.path("title").asText().isBlank() || !md.path("text").isTextual() || md.path("text").asText().isBlank()) {
            return "{\"errcode\":40035,\"errmsg\":\"缺少参数 markdown.title or markdown.text\"}";
        }
        return null;
    }

    /** Base64(HmacSHA256(key = secret, data = timestamp + "\n" + secret)): what the query's sign decodes to. */
    private String expected(String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.ordertower.alerts.internal.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * WeCom's group robot webhook ({@code /cgi-bin/webhook/send?key=}), checking as WeCom does: the key, the markdown
 * message's shape (nothing but msgtype and markdown.content) and content of at most 4096 bytes of UTF-8.
 */
final class WeComReceiver extends RobotReceiver {
    final String key;

    WeComReceiver(String key) throws IOException {
        super("/cgi-bin/webhook/send");
        this.key = key;
    }

    String webhook() {
        return "http://127.0.0.1:" + port() + "/cgi-bin/webhook/send?key=" + key;
    }

    @Override
    String refusal(Map<String, String> q, String contentType, JsonNode body) {
        if (!key.equals(q.get("key"))) {
            return "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}";
        }
        if ("image".equals(body.path("msgtype").asText())) {
            return imageRefusal(body);
        }
        if (!"markdown".equals(body.path("msgtype").asText()) || !body.path("markdown").isObject()) {
            return "{\"errcode\":40008,\"errmsg\":\"invalid message type\"}";
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!f.equals("msgtype") && !f.equals("markdown")) {
                return "{\"errcode\":40058,\"errmsg\":\"unexpected field " + f + "\"}";
            }
        }
        JsonNode content = body.path("markdown").path("content");
        if (!content.isTextual() || content.asText().isEmpty()) {
            return "{\"errcode\":40058,\"errmsg\":\"markdown.content is required\"}";
        }
        if (content.asText().getBytes(StandardCharsets.UTF_8).length > 4096) {
            return "{\"errcode\":40058,\"errmsg\":\"markdown.content exceed max length 4096\"}";
        }
        return null;
    }

    /** An image message: {@code image.base64} of a JPG or PNG of at most 2 MB, {@code image.md5} its MD5 in hex. */
    private static String imageRefusal(JsonNode body) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!f.equals("msgtype") && !f.equals("image")) {
                return "{\"errcode\":40058,\"errmsg\":\"unexpected field " + f + "\"}";
            }
        }
        byte[] bytes;
        try {
            bytes = java.util.Base64.getDecoder().decode(body.path("image").path("base64").asText(""));
        } catch (IllegalArgumentException e) {
            return "{\"errcode\":40009,\"errmsg\":\"invalid image base64\"}";
        }
        if (bytes.length == 0 || bytes.length > 2 * 1024 * 1024) {
            return "{\"errcode\":40009,\"errmsg\":\"invalid image size\"}";
        }
        boolean png = bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
        boolean jpg = (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8;
        if (!png && !jpg) {
            return "{\"errcode\":40009,\"errmsg\":\"invalid image type\"}";
        }
        try {
            String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
            if (!md5.equals(body.path("image").path("md5").asText())) {
                return "{\"errcode\":301019,\"errmsg\":\"media md5 not match\"}";
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return null;
    }
}

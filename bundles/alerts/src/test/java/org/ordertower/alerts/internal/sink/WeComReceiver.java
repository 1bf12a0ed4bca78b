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
}

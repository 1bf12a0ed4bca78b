package org.ordertower.alerts.internal.sink;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Posts a JSON message to a group robot's webhook (DingTalk and WeCom answer alike): accepted means HTTP 200 with
 * {@code {"errcode":0,...}}; anything else is a {@link DeliveryException} with the status or the robot's errcode and
 * errmsg. Errors name the host only; the webhook and its token never leave this class.
 */
public final class RobotClient {
    /** Connect and answer timeout of every call. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final Redactor redactor;

    /** @param http a client with a connect timeout ({@link #newHttpClient()}) */
    public RobotClient(HttpClient http, Redactor redactor) {
        this.http = http;
        this.redactor = redactor;
    }

    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Posts {@code body} to {@code uri}; returns when the robot took it. */
    public void post(URI uri, ObjectNode body) throws DeliveryException {
        String host = uri.getHost();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw failure("no answer from " + host + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while posting to " + host);
        }
        String answer = response.body() == null ? "" : response.body();
        if (response.statusCode() != 200) {
            throw failure("HTTP " + response.statusCode() + " from " + host + shown(answer));
        }
        JsonNode root;
        try {
            root = JSON.readTree(answer);
        } catch (IOException e) {
            throw failure(host + " answered what is not JSON" + shown(answer));
        }
        JsonNode code = root == null ? null : root.get("errcode");
        if (code == null || !code.canConvertToInt()) {
            throw failure(host + " answered without an errcode" + shown(answer));
        }
        if (code.asInt() != 0) {
            JsonNode msg = root.get("errmsg");
            throw failure("errcode " + code.asInt() + " from " + host + ": " + (msg == null ? "" : msg.asText()));
        }
    }

    private DeliveryException failure(String message) {
        return new DeliveryException(redactor.scrub(message));
    }

    private static String shown(String answer) {
        String a = answer.strip();
        return a.isEmpty() ? "" : ": " + (a.length() > 200 ? a.substring(0, 200) + "…" : a);
    }
}

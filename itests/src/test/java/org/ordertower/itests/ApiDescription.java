package org.ordertower.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Keeps the OpenAPI description true against a running node: the node serves {@code docs/openapi.yaml} as it is in
 * the sources; every documented operation is answered with one of its documented statuses (never "no such path" or
 * "method not allowed"), each request example with the status the document promises for it; every method the
 * document does not list on a documented path is answered 405. GETs go first, then the changes, then the deletes.
 */
final class ApiDescription {
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private final String rest;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> failures = new ArrayList<>();
    private int calls;

    ApiDescription(String rest) {
        this.rest = rest;
    }

    /** The document as the node serves it, checked against the sources' copy. */
    JsonNode served(Path sources) throws Exception {
        HttpResponse<String> anonymous = send("GET", "/api/v1/openapi.yaml", null, null, null);
        assertEquals("the description is for callers who logged in", 401, anonymous.statusCode());
        HttpResponse<String> r = send("GET", "/api/v1/openapi.yaml", TestUsers.VIEWER, null, null);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
        assertEquals("the node serves docs/openapi.yaml as it is", Files.readString(sources), r.body());
        JsonNode doc = yaml.readTree(r.body());
        assertTrue(doc.path("openapi").asText().startsWith("3."));
        return doc;
    }

    /** Calls every documented operation and every undocumented method of each path; fails with every mismatch. */
    void check(JsonNode doc) throws Exception {
        List<Runnable> gets = new ArrayList<>();
        List<Runnable> changes = new ArrayList<>();
        List<Runnable> deletes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            String template = p.getKey();
            JsonNode item = p.getValue();
            for (String method : METHODS) {
                JsonNode op = item.get(method.toLowerCase(Locale.ROOT));
                Runnable call = op == null ? () -> undocumented(method, template, item)
                        : () -> documented(method, template, item, op);
                (method.equals("GET") ? gets : method.equals("DELETE") ? deletes : changes).add(call);
            }
        }
        gets.forEach(Runnable::run);
        changes.forEach(Runnable::run);
        deletes.forEach(Runnable::run);
        assertTrue(calls + " calls; the node and docs/openapi.yaml disagree:\n  " + String.join("\n  ", failures),
                failures.isEmpty());
        assertTrue("too few operations documented: " + calls, calls > 40);
    }

    private void documented(String method, String template, JsonNode item, JsonNode op) {
        String id = op.path("operationId").asText(method + " " + template);
        try {
            String path = path(template, item, op);
            JsonNode content = op.path("requestBody").path("content");
            String type = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
            String body = null;
            if (type != null) {
                JsonNode example = content.get(type).get("example");
                body = example == null ? (type.contains("json") ? "{}" : "") : example.isTextual() ? example.asText()
                        : json.writeValueAsString(example);
            }
            HttpResponse<String> r = send(method, path, TestUsers.ADMIN, type, body);
            String status = String.valueOf(r.statusCode());
            JsonNode responses = op.path("responses");
            if (!responses.has(status) && !responses.has("default")) {
                failures.add(id + " (" + method + " " + path + "): answered " + status + ", documented "
                        + names(responses) + ": " + abbreviate(r.body()));
            }
            JsonNode promised = op.get("x-ordertower-example-status");
            if (promised != null && promised.asInt() != r.statusCode()) {
                failures.add(id + " (" + method + " " + path + "): its example was answered " + status + ", the document "
                        + "promises " + promised.asInt() + ": " + abbreviate(r.body()));
            }
            if (r.statusCode() >= 400 && !r.headers().firstValue("Content-Type").orElse("").startsWith(
                    "application/problem+json") && !template.startsWith("/api/v1/channels/")
                    && !template.startsWith("/api/v1/wms/") && !template.startsWith("/api/v1/carriers/")) {
                failures.add(id + " (" + method + " " + path + "): an error not as application/problem+json: "
                        + r.headers().firstValue("Content-Type").orElse("none"));
            }
        } catch (Exception e) {
            failures.add(id + ": " + e);
        }
    }

    private void undocumented(String method, String template, JsonNode item) {
        try {
            String path = path(template, item, null);
            HttpResponse<String> r = send(method, path, TestUsers.ADMIN, method.equals("GET") || method.equals("DELETE")
                    ? null : "application/json", method.equals("GET") || method.equals("DELETE") ? null : "{}");
            if (r.statusCode() != 405) {
                failures.add(method + " " + path + " is not in the document, yet the node answered " + r.statusCode()
                        + " (not 405): " + abbreviate(r.body()));
            }
        } catch (Exception e) {
            failures.add(method + " " + template + ": " + e);
        }
    }

    /** The path with each {param} replaced by its example (operation's, then path item's), query examples added. */
    private String path(String template, JsonNode item, JsonNode op) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        for (JsonNode params : new JsonNode[] { item.path("parameters"), op == null ? null : op.path("parameters") }) {
            if (params == null) {
                continue;
            }
            for (JsonNode param : params) {
                JsonNode example = param.has("example") ? param.get("example") : param.path("schema").get("example");
                if (param.path("in").asText().equals("path")) {
                    values.put(param.path("name").asText(), example == null ? "1" : example.asText());
                } else if (param.path("in").asText().equals("query") && param.path("required").asBoolean()
                        && example != null) {
                    query.put(param.path("name").asText(), example.asText());
                }
            }
        }
        String path = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            path = path.replace("{" + v.getKey() + "}", URLEncoder.encode(v.getValue(), StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        path = path.replaceAll("\\{[^}]+}", "1");
        StringBuilder q = new StringBuilder();
        query.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return path + q;
    }

    private HttpResponse<String> send(String method, String path, String user, String type, String body)
            throws Exception {
        calls++;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(rest + path)).timeout(Duration.ofSeconds(30));
        if (user != null) {
            b.header("Authorization", TestUsers.basic(user));
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String names(JsonNode responses) {
        List<String> out = new ArrayList<>();
        responses.fieldNames().forEachRemaining(out::add);
        return out.toString();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}

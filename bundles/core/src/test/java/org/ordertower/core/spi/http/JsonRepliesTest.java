package org.ordertower.core.spi.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Errors as problem details, the same shape from every interface, with the field paths a refused body names. */
class JsonRepliesTest {
    private final JsonReplies replies = new JsonReplies(new OrderJson());
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void anErrorIsAProblemDetailWithItsStatusPhraseAndTheDetailAlsoAsError() throws Exception {
        HttpReply r = replies.error(404, "no such resource /api/v1/nope");
        assertEquals(404, r.status());
        assertEquals("application/problem+json; charset=utf-8", r.contentType());
        assertEquals(mapper.readTree("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                + "\"detail\":\"no such resource /api/v1/nope\",\"error\":\"no such resource /api/v1/nope\"}"),
                mapper.readTree(r.body()));
        HttpReply busy = replies.unavailable("the database is not available; retry later");
        assertEquals("5", busy.headers().get("Retry-After"));
        assertEquals("Service Unavailable", mapper.readTree(busy.body()).get("title").asText());
        HttpReply wrong = replies.notAllowed("DELETE", "/api/v1/orders", "GET, POST");
        assertEquals("GET, POST", wrong.headers().get("Allow"));
        assertEquals(405, mapper.readTree(wrong.body()).get("status").asInt());
    }

    @Test
    void aRefusedBodyNamesEveryProblemAndTheFieldPathsAtFault() throws Exception {
        List<String> problems = List.of("lines[0].quantity must be at least 1, was 0", "address.province is required",
                "unknown field 'address.floor'", "quota: must be above 0 while presale is on, was 0",
                "lines[1].lineNo '1' appears twice", "the body holds no order", "Content-Type must be application/json",
                "lines holds 501 lines, at most 500 are accepted", "address.province is longer than 128 characters");
        HttpReply r = replies.problems(422, "invalid order", problems);
        JsonNode n = mapper.readTree(r.body());
        assertEquals("application/problem+json; charset=utf-8", r.contentType());
        assertEquals("Unprocessable Content", n.get("title").asText());
        assertEquals(422, n.get("status").asInt());
        assertEquals("invalid order: " + String.join("; ", problems), n.get("detail").asText());
        assertEquals(n.get("detail"), n.get("error"));
        assertEquals(problems, mapper.convertValue(n.get("problems"), List.class));
        assertEquals(List.of("lines[0].quantity", "address.province", "address.floor", "quota", "lines[1].lineNo", "lines"),
                mapper.convertValue(n.get("fields"), List.class), "each once, sentences that name no field left out");
        assertEquals(Map.of(), r.headers());
    }
}

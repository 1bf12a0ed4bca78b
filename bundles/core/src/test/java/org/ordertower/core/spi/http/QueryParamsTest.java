package org.ordertower.core.spi.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

/** The paging parameters every list reads alike, and the page every list answers. */
class QueryParamsTest {

    private static String refusal(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void aLimitOutsideItsRangeIsRefusedNeverClamped() {
        assertEquals(50, QueryParams.limit(Map.of(), 50, 500));
        assertEquals(50, QueryParams.limit(Map.of("limit", " "), 50, 500));
        assertEquals(1, QueryParams.limit(Map.of("limit", "1"), 50, 500));
        assertEquals(500, QueryParams.limit(Map.of("limit", " 500 "), 50, 500));
        assertEquals("limit must be 1..500, was 0", refusal(() -> QueryParams.limit(Map.of("limit", "0"), 50, 500)));
        assertEquals("limit must be 1..500, was 501", refusal(() -> QueryParams.limit(Map.of("limit", "501"), 50, 500)));
        assertEquals("limit must be 1..200, was -1", refusal(() -> QueryParams.limit(Map.of("limit", "-1"), 50, 200)));
        assertEquals("limit must be a whole number, was 'ten'", refusal(() -> QueryParams.limit(Map.of("limit", "ten"), 50,
                500)));
    }

    @Test
    void anIdCursorIsAWholeNumber() {
        assertNull(QueryParams.afterId(Map.of()));
        assertNull(QueryParams.afterId(Map.of("after", "")));
        assertEquals(42L, QueryParams.afterId(Map.of("after", " 42")));
        assertEquals(0L, QueryParams.afterId(Map.of("after", "0")));
        for (String bad : List.of("x", "-1", "1.5", "1e3", "9999999999999999999", "MTI")) {
            assertTrue(refusal(() -> QueryParams.afterId(Map.of("after", bad)))
                    .startsWith("after must be the next cursor of the previous page (an id), was '" + bad + "'"), bad);
        }
    }

    @Test
    void aKeyCursorIsOpaqueSafeInAQueryAndReadBackPartByPart() {
        for (List<String> key : List.of(List.of("jd", "shop 1", "SKU/9"), List.of("", "&=%", "杯子"),
                List.of("a", "b", "c\nd"))) {
            String cursor = QueryParams.cursor(key.toArray(String[]::new));
            assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
            assertEquals(key, QueryParams.afterKey(Map.of("after", cursor), 3));
        }
        assertNull(QueryParams.afterKey(Map.of(), 3));
        assertNull(QueryParams.afterKey(Map.of("after", " "), 2));
        String two = QueryParams.cursor("2026-11-11T02:00:00Z", "stuck:P-1");
        assertEquals(List.of("2026-11-11T02:00:00Z", "stuck:P-1"), QueryParams.afterKey(Map.of("after", two), 2));
        assertTrue(refusal(() -> QueryParams.afterKey(Map.of("after", two), 3)).startsWith("after must be the next cursor"));
        assertTrue(refusal(() -> QueryParams.afterKey(Map.of("after", "not a cursor!"), 2)).startsWith("after must be"));
        assertTrue(refusal(() -> QueryParams.afterKey(Map.of("after", "JXp6"), 1)).startsWith("after must be"),
                "a broken escape inside");
    }

    @Test
    void aPageShowsAtMostItsLimitAndANextCursorExactlyWhenMoreCame() {
        KeysetPage<Integer> more = KeysetPage.of(List.of(1, 2, 3), 2, String::valueOf);
        assertEquals(List.of(1, 2), more.items());
        assertEquals("2", more.next());
        KeysetPage<Integer> last = KeysetPage.of(List.of(1, 2), 2, String::valueOf);
        assertEquals(List.of(1, 2), last.items());
        assertNull(last.next());
        assertNull(KeysetPage.of(List.<Integer>of(), 5, String::valueOf).next());
        ObjectMapper m = new ObjectMapper();
        assertEquals("{\"items\":[\"1\",\"2\"],\"next\":\"2\"}",
                more.write(m.createObjectNode(), i -> new TextNode(String.valueOf(i))).toString());
        assertEquals("{\"items\":[\"1\",\"2\"],\"next\":null}",
                last.write(m.createObjectNode(), i -> new TextNode(String.valueOf(i))).toString());

        // walking a list page by page gives every item once, in order
        List<Integer> all = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            all.add(i * 10);
        }
        List<Integer> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Integer from = after == null ? null : Integer.valueOf(after);
            List<Integer> fetched = all.stream().filter(i -> from == null || i > from).limit(3 + 1).toList();
            KeysetPage<Integer> p = KeysetPage.of(fetched, 3, String::valueOf);
            seen.addAll(p.items());
            after = p.next();
            pages++;
        } while (after != null);
        assertEquals(all, seen);
        assertEquals(3, pages);
    }
}

package org.ordertower.core.spi.http;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One page of a list paged by cursor, as every list answers it: {@code {items: [...], next}}, {@code next} the cursor of
 * the following page (the key of this page's last item), null exactly when this page is the last. A handler asks its
 * service for {@code limit + 1} items after the cursor ({@link QueryParams#afterId}, {@link QueryParams#afterKey}); the
 * one over the limit only tells that another page exists and is not shown.
 *
 * @param items at most {@code limit} items
 * @param next the cursor to pass as {@code after} for the next page, or null on the last page
 */
public record KeysetPage<T>(List<T> items, String next) {
    public KeysetPage {
        items = List.copyOf(items);
    }

    /**
     * The page of {@code fetched}, read with {@code limit + 1} asked for.
     *
     * @param key the cursor of an item: its id as text, or {@link QueryParams#cursor} of its key's parts
     */
    public static <T> KeysetPage<T> of(List<T> fetched, int limit, Function<? super T, String> key) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, was " + limit);
        }
        if (fetched.size() <= limit) {
            return new KeysetPage<>(fetched, null);
        }
        List<T> shown = fetched.subList(0, limit);
        return new KeysetPage<>(shown, key.apply(shown.get(shown.size() - 1)));
    }

    /** Sets {@code items} (each item as {@code item} writes it) and {@code next} on {@code n}; returns {@code n}. */
    public ObjectNode write(ObjectNode n, Function<? super T, ? extends JsonNode> item) {
        com.fasterxml.jackson.databind.node.ArrayNode a = n.putArray("items");
        items.forEach(i -> a.add(item.apply(i)));
        if (next == null) {
            n.putNull("next");
        } else {
            n.put("next", next);
        }
        return n;
    }
}

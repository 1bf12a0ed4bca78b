package org.ordertower.api;

import java.util.List;

/**
 * One page of a result.
 *
 * @param items the items of this page, never null
 * @param page page number, from 1
 * @param size page size asked for
 * @param total total number of items over all pages
 */
public record Page<T>(List<T> items, int page, int size, long total) {
    public Page {
        items = List.copyOf(items);
    }

    public int pages() {
        return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }
}

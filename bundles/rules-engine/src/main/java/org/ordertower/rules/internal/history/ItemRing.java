package org.ordertower.rules.internal.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.inventory.StockItem;

/** The items of the facts in {@link RecentFacts}: interned (SKU, quantity) ids in a ring, a run per fact, in fact order. */
final class ItemRing {
    // positions [tail, head), filled and freed in the order of the facts; not thread-safe: its owner's lock guards it
    private final int maxCapacity;
    private int capacity;
    private long head;
    private long tail;
    private int[] ids;
    private final Map<StockItem, Integer> itemIds = new HashMap<>();
    private final List<StockItem> itemsById = new ArrayList<>();

    ItemRing(int initialCapacity, int maxCapacity) {
        this.maxCapacity = maxCapacity;
        this.capacity = Math.min(maxCapacity, initialCapacity);
        this.ids = new int[capacity];
    }

    /** The low 32 bits of the position where the next fact's items start. */
    int headLow() {
        return (int) head;
    }

    /** Appends one item of the newest fact; the caller made room with {@link #fits} and {@link #grow}. */
    void add(StockItem item) {
        ids[(int) (head++ % capacity)] = intern(item);
    }

    /** Whether {@code n} more items fit without growing or freeing. */
    boolean fits(int n) {
        return head - tail + n <= capacity;
    }

    boolean canGrow() {
        return capacity < maxCapacity;
    }

    /** Grows by a quarter at least, to hold {@code n} more items where the cap allows. */
    void grow(int n) {
        int cap = (int) Math.min(maxCapacity, Math.max(head - tail + n, capacity + (long) capacity / 4));
        int[] next = new int[cap];
        for (long p = tail; p < head; p++) {
            next[(int) (p % cap)] = ids[(int) (p % capacity)];
        }
        ids = next;
        capacity = cap;
    }

    /**
     * Frees the oldest fact's items.
     *
     * @param startLow the low 32 bits of where they start
     * @return false, freeing nothing, when they do not start at the tail (the ring is out of step: a bug)
     */
    boolean release(int startLow, int count) {
        long start = tail - ((tail - (startLow & 0xFFFFFFFFL)) & 0xFFFFFFFFL);
        if (start != tail) { // the ring is filled in order: a fact's items start where the last one's ended
            return false;
        }
        tail = start + count;
        return true;
    }

    /** Frees everything: the facts have all left. */
    void releaseAll() {
        tail = head;
    }

    /** The {@code count} items starting at the position whose low 32 bits are {@code startLow}. */
    List<StockItem> get(int startLow, int count) {
        StockItem[] a = new StockItem[count];
        long start = tail + (((startLow & 0xFFFFFFFFL) - tail) & 0xFFFFFFFFL);
        for (int j = 0; j < count; j++) {
            a[j] = itemsById.get(ids[(int) ((start + j) % capacity)]);
        }
        return List.of(a);
    }

    /** An estimate of the heap used: the ring as allocated and the interned items. */
    long bytes() {
        // an interned item: a StockItem, its SKU string, a HashMap node and an Integer
        return 4L * capacity + 150L * itemsById.size();
    }

    private int intern(StockItem item) {
        Integer id = itemIds.get(item);
        if (id == null) {
            id = itemsById.size();
            itemsById.add(item);
            itemIds.put(item, id);
        }
        return id;
    }
}

package org.ordertower.rules.internal.history;

/** One key kind's chain heads in {@link RecentFacts}: key hash (never 0) to the low 32 bits of its newest fact's seq. */
final class KeyMap {
    // open addressing, linear probing
    final long[] keys;
    final int[] heads;
    int size;

    KeyMap(int capacity) {
        keys = new long[capacity];
        heads = new int[capacity];
    }

    boolean needsRoom() {
        return (size + 1) * 4L > keys.length * 3L;
    }

    int find(long key) {
        int n = keys.length;
        for (int i = OpenAddressing.index(key, n);; i = i + 1 == n ? 0 : i + 1) {
            long k = keys[i];
            if (k == key) {
                return i;
            }
            if (k == 0) {
                return -1;
            }
        }
    }

    void put(long key, int head) {
        int n = keys.length;
        int i = OpenAddressing.index(key, n);
        while (keys[i] != 0 && keys[i] != key) {
            i = i + 1 == n ? 0 : i + 1;
        }
        if (keys[i] == 0) {
            size++;
        }
        keys[i] = key;
        heads[i] = head;
    }
}

package org.ordertower.rules.internal.history;

/** The slot of each order's fact in {@link RecentFacts}: order id to slot + 1 (0 for free). */
final class OrderMap {
    // open addressing, linear probing; the key is read from the ring's order ids, so an entry costs 4 bytes;
    // deletion shifts the following entries back
    /** The ring's order ids by slot: the map is rebuilt whenever the ring reallocates them. */
    private final long[] orderIds;
    final int[] table;
    int size;

    OrderMap(long[] orderIds, int capacity) {
        this.orderIds = orderIds;
        table = new int[capacity];
    }

    boolean needsRoom() {
        return (size + 1) * 4L > table.length * 3L;
    }

    OrderMap rehashed() {
        OrderMap bigger = new OrderMap(orderIds, OpenAddressing.tableFor(size + 1));
        for (int v : table) {
            if (v != 0) {
                bigger.put(orderIds[v - 1], v - 1);
            }
        }
        return bigger;
    }

    int find(long orderId) {
        int n = table.length;
        for (int i = home(orderId);; i = i + 1 == n ? 0 : i + 1) {
            int v = table[i];
            if (v == 0) {
                return -1;
            }
            if (orderIds[v - 1] == orderId) {
                return v - 1;
            }
        }
    }

    void put(long orderId, int slot) {
        int n = table.length;
        int i = home(orderId);
        while (table[i] != 0) {
            if (orderIds[table[i] - 1] == orderId) {
                table[i] = slot + 1;
                return;
            }
            i = i + 1 == n ? 0 : i + 1;
        }
        table[i] = slot + 1;
        size++;
    }

    void remove(long orderId) {
        int n = table.length;
        int i = home(orderId);
        while (true) {
            int v = table[i];
            if (v == 0) {
                return;
            }
            if (orderIds[v - 1] == orderId) {
                break;
            }
            i = i + 1 == n ? 0 : i + 1;
        }
        size--;
        int j = i;
        while (true) {
            j = j + 1 == n ? 0 : j + 1;
            int v = table[j];
            if (v == 0) {
                break;
            }
            int h = home(orderIds[v - 1]);
            // v moves back into the hole at i unless its home lies cyclically in (i, j]
            boolean stays = i <= j ? (h > i && h <= j) : (h > i || h <= j);
            if (!stays) {
                table[i] = v;
                i = j;
            }
        }
        table[i] = 0;
    }

    private int home(long orderId) {
        return OpenAddressing.index(orderId * 0x9E3779B97F4A7C15L, table.length);
    }
}

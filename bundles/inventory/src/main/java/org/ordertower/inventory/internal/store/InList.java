package org.ordertower.inventory.internal.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * IN lists for batched look-ups: values sorted and cut into chunks, placeholders rounded up to a
 * power of two so that a transaction prepares few distinct statements ({@link #bind} repeats the
 * last value into the spare ones).
 */
public final class InList {
    private static final int MAX = 256;

    private InList() {
    }

    /** The distinct values, sorted, in chunks of at most 256. */
    public static List<List<String>> chunks(Collection<String> values) {
        List<List<String>> out = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        for (String s : new TreeSet<>(values)) {
            cur.add(s);
            if (cur.size() == MAX) {
                out.add(cur);
                cur = new ArrayList<>();
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    public static String marks(int n) {
        int size = bucket(n);
        StringBuilder sb = new StringBuilder(size * 3);
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "?" : ", ?");
        }
        return sb.toString();
    }

    /** Binds a chunk from parameter {@code first} on; returns the next free parameter index. */
    public static int bind(PreparedStatement ps, int first, List<String> values) throws SQLException {
        int size = bucket(values.size());
        for (int i = 0; i < size; i++) {
            ps.setString(first + i, values.get(Math.min(i, values.size() - 1)));
        }
        return first + size;
    }

    private static int bucket(int n) {
        int size = 1;
        while (size < n) {
            size <<= 1;
        }
        return size;
    }
}

package org.ordertower.rules.internal.history;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.rules.OrderFact;

/**
 * The recent facts of {@code screen_fact} in memory, found by a 64-bit hash of each key, newest first.
 * Thread-safe (one lock; a look-up holds it for a few microseconds).
 *
 * <p>Layout, for about 90 bytes a fact of 1-3 items in all (63 in the ring, 4 an item, the rest in the
 * maps and for the ring's room to grow): a ring of primitive parallel arrays in insertion
 * order, slot {@code seq % capacity}. Per key kind, an open-addressing map from the key's hash to the
 * newest fact's sequence number, and in each fact a link to the next older fact with the same key: the
 * chains are kept sorted by placing time (an insert walks down to its place; facts arrive almost in
 * order, so it is nearly always the head). Links hold the low 32 bits of a sequence number and are
 * checked against the slot's own, so a link to an evicted fact ends the chain. Items are interned per
 * (SKU, quantity) and a fact's items are ids in a second ring ({@link ItemRing}); the maps are
 * {@link KeyMap} and {@link OrderMap}.
 *
 * <p>Coverage: memory holds every fact of the table placed at or after {@link #coveredFrom()} (as far as
 * it has been told). Evicting a fact, for age or for room, moves that bound past it; a chain that meets
 * an evicted fact only goes on to facts placed before it, which are outside the bound too. A look-up
 * reaching before the bound must read the older part from the table.
 */
final class RecentFacts {
    static final int KINDS = OrderHistory.Key.values().length;
    private static final int MIN_CAPACITY = 1024;
    private static final short ODD_ITEMS = -1;
    private static final long BIG_PAID = Long.MIN_VALUE;
    private static final byte LIVE = 0;
    private static final byte REPLACED = 1;
    private static final byte UNLINKED = 2;

    private final int maxFacts;

    // the fact ring: sequence numbers [tail, head)
    private int capacity;
    private long head = 1;
    private long tail = 1;
    private int[] seqLow;
    private long[] orderIds;
    private long[] placed; // micros since the epoch
    private long[] versions; // the table's seq
    private long[] paid; // units of 0.0001 (the column's scale), or BIG_PAID
    private int[] itemStart; // low 32 bits of a position in the item ring
    private short[] itemCount; // or ODD_ITEMS
    private int[][] links; // per kind: seqLow of the next older fact with the same key; its own seqLow for none
    private byte[] dead; // LIVE, REPLACED (still a link in its chains) or UNLINKED

    private final ItemRing itemRing;
    private final Map<Long, BigDecimal> bigPaid = new HashMap<>(); // by seq: beyond a long at scale 4
    private final Map<Long, String> oddItems = new HashMap<>(); // by seq: texts that do not parse

    private final KeyMap[] keys = new KeyMap[KINDS];
    private OrderMap byOrder;
    private int live;
    private long insertsSinceSweep;
    private long coveredFrom;
    private long horizon = Long.MIN_VALUE;
    private long overflowed; // facts evicted for room while still within the horizon

    /**
     * @param maxFacts most facts held (replaced ones count until they leave the ring)
     * @param coveredFrom the first placing time (micros) memory answers for
     */
    RecentFacts(int maxFacts, long coveredFrom) {
        if (maxFacts < 1 || maxFacts > OpenAddressing.MAX_CAPACITY) {
            throw new IllegalArgumentException("maxFacts must be between 1 and " + OpenAddressing.MAX_CAPACITY);
        }
        this.maxFacts = maxFacts;
        this.coveredFrom = coveredFrom;
        allocate(Math.min(maxFacts, MIN_CAPACITY));
        itemRing = new ItemRing(4 * MIN_CAPACITY, (int) Math.min(OpenAddressing.MAX_CAPACITY, Math.max(8192L, 4L * maxFacts)));
        for (int k = 0; k < KINDS; k++) {
            keys[k] = new KeyMap(OpenAddressing.tableFor(0));
        }
        byOrder = new OrderMap(orderIds, OpenAddressing.tableFor(0));
    }

    private void allocate(int cap) {
        capacity = cap;
        seqLow = new int[cap];
        orderIds = new long[cap];
        placed = new long[cap];
        versions = new long[cap];
        paid = new long[cap];
        itemStart = new int[cap];
        itemCount = new short[cap];
        links = new int[KINDS][cap];
        dead = new byte[cap];
    }

    /**
     * Adds (or replaces) an order's fact.
     *
     * @param hashes per {@link OrderHistory.Key} ordinal, the key's hash, 0 when the order has none
     * @param items the items as the table's text gives them back
     * @param itemsText the text, kept when it does not parse
     * @param version the table's seq of this row: an older version than the one held is ignored
     * @return whether memory now holds it
     */
    synchronized boolean put(long orderId, long placedMicros, long[] hashes, BigDecimal paidValue, List<StockItem> items,
            String itemsText, long version) {
        int old = byOrder.find(orderId);
        if (old >= 0) {
            if (versions[old] >= version) {
                return versions[old] == version && dead[old] == 0;
            }
            kill(old);
        }
        boolean admit = placedMicros >= coveredFrom && placedMicros >= horizon;
        if (!admit && placedMicros >= coveredFrom) { // too old to be asked for: memory no longer answers for its time
            coveredFrom = placedMicros + 1;
        }
        int n = !admit || items == null ? 0 : items.size();
        makeRoom(n);
        admit &= placedMicros >= coveredFrom; // making room may have evicted facts placed after it
        // a fact not admitted still takes a (dead) slot, so that its version stays known and a late read
        // of an older version of the order is not taken for news
        long seq = head++;
        int slot = slot(seq);
        seqLow[slot] = (int) seq;
        orderIds[slot] = orderId;
        placed[slot] = placedMicros;
        versions[slot] = version;
        dead[slot] = admit ? LIVE : UNLINKED;
        itemStart[slot] = itemRing.headLow();
        itemCount[slot] = 0;
        for (int k = 0; k < KINDS; k++) {
            links[k][slot] = (int) seq;
        }
        if (byOrder.needsRoom()) {
            byOrder = byOrder.rehashed();
        }
        byOrder.put(orderId, slot);
        if (!admit) {
            return false;
        }
        BigDecimal scaled = paidValue.setScale(4, RoundingMode.HALF_UP);
        if (scaled.unscaledValue().bitLength() < 64) {
            paid[slot] = scaled.unscaledValue().longValue();
        } else {
            paid[slot] = BIG_PAID;
            bigPaid.put(seq, scaled);
        }
        if (items == null) {
            itemCount[slot] = ODD_ITEMS;
            oddItems.put(seq, itemsText);
        } else {
            itemCount[slot] = (short) n;
            for (StockItem i : items) {
                itemRing.add(i);
            }
        }
        for (int k = 0; k < KINDS; k++) {
            link(k, hashes[k], seq, slot, placedMicros);
        }
        live++;
        if (++insertsSinceSweep >= Math.max(capacity, 1 << 16)) {
            sweepKeys();
        }
        return true;
    }

    /** Puts the fact into its key's chain, which stays sorted by placing time, newest first. */
    private void link(int kind, long hash, long seq, int slot, long at) {
        int self = (int) seq;
        links[kind][slot] = self; // none yet
        if (hash == 0) {
            return;
        }
        int i = keys[kind].find(hash);
        long first = i < 0 ? -1 : full(keys[kind].heads[i]);
        if (first < 0 || placed[slot(first)] <= at) {
            if (first >= 0) {
                links[kind][slot] = (int) first;
            }
            if (i >= 0) {
                keys[kind].heads[i] = self;
            } else {
                if (keys[kind].needsRoom()) {
                    sweepKeys();
                }
                keys[kind].put(hash, self);
            }
            return;
        }
        long prev = first;
        while (true) {
            long next = next(kind, prev);
            if (next < 0 || placed[slot(next)] <= at) {
                if (next >= 0) {
                    links[kind][slot] = (int) next;
                }
                links[kind][slot(prev)] = self;
                return;
            }
            prev = next;
        }
    }

    /** The next older fact in this kind's chain after {@code seq}, or -1. */
    private long next(int kind, long seq) {
        int l = links[kind][slot(seq)];
        return l == (int) seq ? -1 : full(l);
    }

    /** The sequence number a link's low 32 bits stand for, or -1 when that fact has left the ring. */
    private long full(int low) {
        long last = head - 1;
        long seq = last - ((last - (low & 0xFFFFFFFFL)) & 0xFFFFFFFFL);
        return seq >= tail && seq < head && seqLow[slot(seq)] == low ? seq : -1;
    }

    private int slot(long seq) {
        return (int) (seq % capacity);
    }

    /**
     * The fact was replaced (its order id now maps to the new slot). It stays in its chains, skipped, until
     * it leaves the ring like a live fact would: the facts behind it in a chain are reached through it.
     */
    private void kill(int slot) {
        if (dead[slot] == LIVE) {
            dead[slot] = REPLACED;
            live--;
            long seq = full(seqLow[slot]);
            bigPaid.remove(seq);
            oddItems.remove(seq);
        }
    }

    private void makeRoom(int items) {
        while (tail < head && (dead[slot(tail)] == UNLINKED || placed[slot(tail)] < horizon)) {
            evictTail();
        }
        while (head - tail >= capacity) {
            if (capacity < maxFacts) {
                grow((int) Math.min(maxFacts, Math.max(MIN_CAPACITY, capacity + (long) capacity / 4)));
            } else {
                evictTail();
            }
        }
        while (!itemRing.fits(items)) {
            if (itemRing.canGrow()) {
                itemRing.grow(items);
            } else {
                evictTail();
            }
        }
    }

    private void evictTail() {
        int slot = slot(tail);
        byte state = dead[slot];
        if (state != UNLINKED) { // the facts behind it in its chains are lost with it: memory no longer answers for them
            long at = placed[slot];
            if (at >= horizon) {
                overflowed++;
            }
            coveredFrom = Math.max(coveredFrom, at + 1);
        }
        if (state == LIVE) {
            byOrder.remove(orderIds[slot]);
            live--;
            bigPaid.remove(tail);
            oddItems.remove(tail);
        } else if (byOrder.find(orderIds[slot]) == slot) { // a remembered version, not replaced since
            byOrder.remove(orderIds[slot]);
        }
        if (!itemRing.release(itemStart[slot], Math.max(0, itemCount[slot]))) {
            throw new IllegalStateException("item ring out of step at " + tail);
        }
        tail++;
        if (tail == head) {
            itemRing.releaseAll();
        }
    }

    private void grow(int cap) {
        int oldCap = capacity;
        int[] oSeq = seqLow;
        long[] oId = orderIds, oPlaced = placed, oVer = versions, oPaid = paid;
        int[] oStart = itemStart;
        short[] oCount = itemCount;
        int[][] oLinks = links;
        byte[] oDead = dead;
        BitSet mapped = new BitSet(oldCap);
        for (int v : byOrder.table) {
            if (v != 0) {
                mapped.set(v - 1);
            }
        }
        allocate(cap);
        byOrder = new OrderMap(orderIds, OpenAddressing.tableFor(byOrder.size));
        for (long s = tail; s < head; s++) {
            int from = (int) (s % oldCap);
            int to = slot(s);
            seqLow[to] = oSeq[from];
            orderIds[to] = oId[from];
            placed[to] = oPlaced[from];
            versions[to] = oVer[from];
            paid[to] = oPaid[from];
            itemStart[to] = oStart[from];
            itemCount[to] = oCount[from];
            dead[to] = oDead[from];
            for (int k = 0; k < KINDS; k++) {
                links[k][to] = oLinks[k][from];
            }
            if (mapped.get(from)) {
                byOrder.put(oId[from], to);
            }
        }
    }

    /** Drops the key map entries whose newest fact has left the ring, so that none can outlive 2^31 inserts. */
    private void sweepKeys() {
        insertsSinceSweep = 0;
        for (int k = 0; k < KINDS; k++) {
            KeyMap old = keys[k];
            int liveKeys = 0;
            for (int i = 0; i < old.keys.length; i++) {
                if (old.keys[i] != 0 && full(old.heads[i]) >= 0) {
                    liveKeys++;
                }
            }
            KeyMap next = new KeyMap(OpenAddressing.tableFor(liveKeys));
            for (int i = 0; i < old.keys.length; i++) {
                if (old.keys[i] != 0 && full(old.heads[i]) >= 0) {
                    next.put(old.keys[i], old.heads[i]);
                }
            }
            keys[k] = next;
        }
    }

    /**
     * Facts sharing each key, placed at or after {@code fromMicros} and at or after {@link #coveredFrom},
     * newest first, at most {@code limit} per key, without the order {@code exclude}.
     *
     * @param hashes per key kind, 0 for none (that list stays empty)
     * @param horizonMicros no look-up will reach before this any more: older facts may leave
     * @return the coverage bound the look-up used: the caller reads what lies before it from the table
     */
    synchronized long find(long[] hashes, long fromMicros, long horizonMicros, long exclude, int limit, List<List<OrderFact>> out) {
        horizon = Math.max(horizon, Math.min(fromMicros, horizonMicros));
        long from = Math.max(fromMicros, coveredFrom);
        for (int k = 0; k < KINDS; k++) {
            long hash = hashes[k];
            if (hash == 0) {
                continue;
            }
            List<OrderFact> list = out.get(k);
            int i = keys[k].find(hash);
            long s = i < 0 ? -1 : full(keys[k].heads[i]);
            while (s >= 0 && list.size() < limit) {
                int slot = slot(s);
                if (placed[slot] < from) {
                    break;
                }
                if (dead[slot] == 0 && orderIds[slot] != exclude) {
                    list.add(fact(s, slot));
                }
                s = next(k, s);
            }
        }
        return coveredFrom;
    }

    private OrderFact fact(long seq, int slot) {
        BigDecimal amount = paid[slot] == BIG_PAID ? bigPaid.get(seq) : BigDecimal.valueOf(paid[slot], 4);
        int count = itemCount[slot];
        List<StockItem> items = count == ODD_ITEMS ? ItemsText.items(oddItems.get(seq)) // fails as the table's look-up does
                : itemRing.get(itemStart[slot], count);
        return new OrderFact(orderIds[slot], instant(placed[slot]), amount, items);
    }

    /** The table stored the fact held with {@code pending} as its version: it now has the row's seq. */
    synchronized void confirm(long orderId, long pending, long version) {
        int slot = byOrder.find(orderId);
        if (slot >= 0 && versions[slot] == pending) {
            versions[slot] = version;
        }
    }

    /** Facts placed before this are no longer in the table (purged): memory stops answering for them. */
    synchronized void forgetBefore(long micros) {
        coveredFrom = Math.max(coveredFrom, micros);
    }

    synchronized long coveredFrom() {
        return coveredFrom;
    }

    /** Facts held (replaced ones not counted). */
    synchronized int size() {
        return live;
    }

    /** Facts evicted for room while still within the look-ups' reach, since the start. */
    synchronized long overflowed() {
        return overflowed;
    }

    /** An estimate of the heap used: the arrays as allocated, the maps, the interned items. */
    synchronized long bytes() {
        long b = (long) capacity * (4 + 8 + 8 + 8 + 8 + 4 + 2 + 4L * KINDS + 1) + itemRing.bytes();
        for (KeyMap m : keys) {
            b += 12L * m.keys.length;
        }
        b += 4L * byOrder.table.length;
        b += 200L * (bigPaid.size() + oddItems.size());
        return b;
    }

    static long micros(Instant t) {
        long m = Math.multiplyExact(t.getEpochSecond(), 1_000_000L) + t.getNano() / 1000;
        return t.getNano() % 1000 >= 500 ? m + 1 : m; // as the databases round to the column's microseconds
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}

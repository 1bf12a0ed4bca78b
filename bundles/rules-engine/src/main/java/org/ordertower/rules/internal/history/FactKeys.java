package org.ordertower.rules.internal.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import org.ordertower.api.Address;
import org.ordertower.api.Buyer;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.rules.internal.history.OrderHistory.Key;

/** An order's look-up keys: SHA-256 hex of its normalised buyer, phone, address, device and IP, and their 64-bit hashes. */
final class FactKeys {
    private static final Pattern PHONE_NOISE = Pattern.compile("[\\s()+-]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    });

    /** The last order's keys, per thread: screening computes them for the look-up and again to record. */
    private final ThreadLocal<Keys> lastKeys = new ThreadLocal<>();

    private record Keys(Order order, String[] hex) {
    }

    /** The order's keys (hex), by {@link Key} ordinal, null where it has none; computed once per order and thread. */
    String[] of(Order o) {
        Keys last = lastKeys.get();
        if (last != null && last.order() == o) {
            return last.hex();
        }
        String[] hex = new String[RecentFacts.KINDS];
        for (Key k : Key.values()) {
            hex[k.ordinal()] = keyFor(k, o.content());
        }
        lastKeys.set(new Keys(o, hex));
        return hex;
    }

    /** The order's key of this kind, or null when the order lacks the data. */
    static String keyFor(Key key, NormalizedOrder c) {
        return switch (key) {
            case BUYER -> {
                Buyer b = c.buyer();
                yield b == null || blank(b.platformBuyerId()) ? null : sha256(c.channel() + "\u0001" + b.platformBuyerId().strip());
            }
            case PHONE -> {
                Buyer b = c.buyer();
                String phone = b == null || b.phone() == null ? "" : PHONE_NOISE.matcher(b.phone()).replaceAll("");
                // a masked number (JD's 136*******5) names thousands of buyers: no key, so it never matches another
                yield phone.length() < 5 || phone.indexOf('*') >= 0 || phone.indexOf('＊') >= 0 ? null : sha256(phone);
            }
            case DEVICE -> blank(c.facts().deviceId()) ? null : sha256("device\u0001" + c.facts().deviceId().strip());
            case IP -> blank(c.facts().buyerIp()) ? null : sha256("ip\u0001" + c.facts().buyerIp().strip().toLowerCase(Locale.ROOT));
            case ADDRESS -> {
                Address a = c.address();
                // a masked detail (Taobao's 文三路****) names a whole street: no key, as for a masked phone, or every
                // order to the street would look like one address (seen in the peak drill: the cluster rule stopped 7%
                // of clean orders). Such an address matches only once decrypted.
                yield a == null || blank(a.detail()) || masked(a.detail()) ? null
                        : sha256(String.join("\u0001", norm(a.province()), norm(a.city()), norm(a.district()), norm(a.street()),
                                norm(a.detail())));
            }
        };
    }

    /** The 64-bit hashes memory finds the keys by, 0 where there is no key. */
    static long[] hashes(String[] hex) {
        long[] h = new long[hex.length];
        for (int i = 0; i < hex.length; i++) {
            h[i] = hash(hex[i]);
        }
        return h;
    }

    /** The 64 bits a look-up uses of a key's SHA-256 hex (its first 16 digits); never 0. */
    static long hash(String hex) {
        if (hex == null) {
            return 0;
        }
        long h = Long.parseUnsignedLong(hex, 0, 16, 16);
        return h == 0 ? 1 : h;
    }

    private static String norm(String s) {
        return s == null ? "" : SPACES.matcher(s).replaceAll("").toLowerCase(Locale.ROOT);
    }

    private static boolean masked(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('＊') >= 0;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String sha256(String s) {
        return HexFormat.of().formatHex(SHA256.get().digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}

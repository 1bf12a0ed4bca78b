package org.ordertower.core.internal.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ordertower.api.Caller;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers successful logins for a short time, so a busy client does not log in to the realm on
 * every request. Keyed by an HMAC of user and password under a key made at start, so the cache
 * holds no password and nothing that could be checked against one outside this process. A refused
 * login is not remembered. A changed password or a removed role takes effect within {@code ttl}.
 */
public final class LoginCache implements Authenticator {
    /** How long a successful login is remembered. */
    public static final Duration TTL = Duration.ofSeconds(30);
    /** Most logins remembered; past it the expired ones go, and if that is not enough, all. */
    static final int MAX_ENTRIES = 10_000;
    private final Authenticator realm;
    private final Duration ttl;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(Caller caller, Instant expires) {
    }

    public LoginCache(Authenticator realm, Duration ttl, Clock clock) {
        this.realm = realm;
        this.ttl = ttl;
        this.clock = clock;
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
    }

    @Override
    public Optional<Caller> authenticate(String user, String password) {
        String id = id(user, password);
        Instant now = clock.instant();
        Entry e = entries.get(id);
        if (e != null && now.isBefore(e.expires())) {
            return Optional.of(e.caller());
        }
        Optional<Caller> caller = realm.authenticate(user, password);
        if (caller.isPresent()) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.values().removeIf(old -> !now.isBefore(old.expires()));
                if (entries.size() >= MAX_ENTRIES) {
                    entries.clear();
                }
            }
            entries.put(id, new Entry(caller.get(), now.plus(ttl)));
        } else if (e != null) {
            entries.remove(id);
        }
        return caller;
    }

    /** Logins remembered now, expired ones included. */
    int size() {
        return entries.size();
    }

    private String id(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] u = user.getBytes(StandardCharsets.UTF_8);
            // the user's length first, so that user "ab" with password "c" differs from "a" with "bc"
            mac.update(ByteBuffer.allocate(4).putInt(u.length).array());
            mac.update(u);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", ex);
        }
    }
}

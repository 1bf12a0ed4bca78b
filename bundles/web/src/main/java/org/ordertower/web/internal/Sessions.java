package org.ordertower.web.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.ordertower.api.Caller;

/**
 * The console's logins: a random session id (256 bits, kept in an HttpOnly cookie) for each user logged in through the
 * core's realm, ended by logout, after {@code idle} without a request, or {@code lifetime} after the login, whichever
 * comes first. Roles are the ones the realm gave at login: a removed role counts at the next login. Failed logins of a
 * user name are counted, and after {@link #MAX_FAILURES} within {@link #FAILURE_WINDOW} that name is refused for the
 * rest of the window. Thread-safe; in memory, so a restart logs everyone out.
 */
final class Sessions {
    static final int MAX_FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(5);

    /** One login. */
    record Session(String id, Caller caller, Instant created, Instant lastSeen) {
    }

    private record Failures(int count, Instant first) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final Duration lifetime;

    Sessions(Clock clock, Duration idle, Duration lifetime) {
        this.clock = clock;
        this.idle = idle;
        this.lifetime = lifetime;
    }

    /** A new session for a caller the realm accepted. */
    Session open(Caller caller) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Session s = new Session(id, caller, now, now);
        sessions.put(id, s);
        failures.remove(caller.name());
        return s;
    }

    /** The live session of this id, seen now; empty when there is none or it ended. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(s.lastSeen().plus(idle)) || now.isAfter(s.created().plus(lifetime))) {
            sessions.remove(id, s);
            return Optional.empty();
        }
        Session seen = new Session(s.id(), s.caller(), s.created(), now);
        sessions.replace(id, s, seen);
        return Optional.of(seen);
    }

    void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** True when this user name may try to log in now (not too many failures lately). */
    boolean mayTry(String user) {
        Failures f = failures.get(user);
        if (f == null) {
            return true;
        }
        if (clock.instant().isAfter(f.first().plus(FAILURE_WINDOW))) {
            failures.remove(user, f);
            return true;
        }
        return f.count() < MAX_FAILURES;
    }

    void failed(String user) {
        Instant now = clock.instant();
        failures.merge(user, new Failures(1, now), (old, one) -> now.isAfter(old.first().plus(FAILURE_WINDOW)) ? one
                : new Failures(old.count() + 1, old.first()));
    }

    /** Drops the sessions that ended; returns how many are live. */
    int sweep() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> now.isAfter(s.lastSeen().plus(idle)) || now.isAfter(s.created().plus(lifetime)));
        failures.values().removeIf(f -> now.isAfter(f.first().plus(FAILURE_WINDOW)));
        return sessions.size();
    }
}

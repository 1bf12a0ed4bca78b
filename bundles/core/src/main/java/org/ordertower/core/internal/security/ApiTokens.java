package org.ordertower.core.internal.security;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.ordertower.api.Access;
import org.ordertower.api.Caller;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API tokens for systems, besides HTTP Basic for people: an admin creates one with a name, roles and an optional expiry,
 * gets the token once ({@code ott_} and 43 characters, 256 random bits), and may revoke it. Only the token's SHA-256 is
 * stored ({@code api_token}), so the database never holds a usable token. A caller sends
 * {@code Authorization: Bearer ott_...} and acts as {@code token:<name>} with the token's roles. Answers are kept
 * {@link #TTL} per token; revoking one here drops it at once (another node drops it within {@link #TTL}).
 */
public final class ApiTokens {
    public static final String PREFIX = "ott_";
    /** How long a verified token is trusted without reading the database again. */
    public static final Duration TTL = Duration.ofSeconds(30);
    /** How often a token's last use is written at most. */
    static final Duration LAST_USED_EVERY = Duration.ofMinutes(1);
    private static final String COLS = "id, name, roles, created_by, created_at, expires_at, revoked_at, revoked_by, last_used_at";
    private final Logger logger = LoggerFactory.getLogger(ApiTokens.class);
    private final Database db;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** A token as listed: never the token itself. */
    public record Token(long id, String name, Set<String> roles, String createdBy, Instant createdAt, Instant expiresAt,
            Instant revokedAt, String revokedBy, Instant lastUsedAt) {
        /** @param roles kept in their order (the order of {@code Access.ROLES} as created) */
        public Token {
            roles = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(roles));
        }

        /** Active: neither revoked nor expired at {@code now}. */
        public boolean active(Instant now) {
            return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
        }
    }

    /** A new token, with the token itself: shown this once. */
    public record Created(Token token, String secret) {
    }

    private record Cached(Token token, Instant until) {
    }

    public ApiTokens(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Creates a token.
     *
     * @throws IllegalArgumentException naming what is wrong: a name that is not 1 to 64 letters, digits, dots, dashes or
     *     underscores, or taken by an active token; no role, or one OrderTower does not know; an expiry not in the future
     */
    public Created create(String name, Set<String> roles, Instant expiresAt, Caller by) {
        List<String> problems = new ArrayList<>();
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            problems.add("name: 1 to 64 letters, digits, '.', '-' or '_', was '" + name + "'");
        }
        if (roles == null || roles.isEmpty()) {
            problems.add("roles: at least one of " + Access.ROLES);
        } else {
            for (String r : roles) {
                if (!Access.ROLES.contains(r)) {
                    problems.add("roles: '" + r + "' is not one of " + Access.ROLES);
                }
            }
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            problems.add("expiresAt: must be in the future, was " + expiresAt);
        }
        if (!problems.isEmpty()) {
            throw new InvalidToken(problems);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Set<String> sorted = new LinkedHashSet<>(Access.ROLES.stream().filter(roles::contains).toList());
        Token t = write(tx -> {
            PreparedStatement taken = tx.prepare("SELECT COUNT(*) FROM api_token WHERE name = ? AND revoked_at IS NULL "
                    + "AND (expires_at IS NULL OR expires_at > ?)");
            taken.setString(1, name);
            taken.setObject(2, utc(now));
            try (ResultSet rs = taken.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new InvalidToken(List.of("name: an active token is called '" + name + "'; revoke it first"));
                }
            }
            try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO api_token (name, token_hash, roles, "
                    + "created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                    java.sql.Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, name);
                ps.setString(2, hash(secret));
                ps.setString(3, String.join(",", sorted));
                ps.setString(4, by.name());
                ps.setObject(5, utc(now));
                ps.setObject(6, expiresAt == null ? null : utc(expiresAt));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new Token(keys.getLong(1), name, sorted, by.name(), now, expiresAt, null, null, null);
                }
            }
        });
        logger.info("{} created the API token {} ({}) with roles {}{}", by.name(), t.id(), name, sorted,
                expiresAt == null ? "" : ", expiring " + expiresAt);
        return new Created(t, secret);
    }

    /** Every token, newest first, revoked and expired ones too. */
    public List<Token> list() {
        return read(tx -> {
            List<Token> out = new ArrayList<>();
            try (ResultSet rs = tx.prepare("SELECT " + COLS + " FROM api_token ORDER BY id DESC").executeQuery()) {
                while (rs.next()) {
                    out.add(token(rs));
                }
            }
            return out;
        });
    }

    /** Revokes a token; false when there is none with this id or it was revoked already. */
    public boolean revoke(long id, Caller by) {
        boolean done = write(tx -> {
            PreparedStatement ps = tx.prepare("UPDATE api_token SET revoked_at = ?, revoked_by = ? WHERE id = ? "
                    + "AND revoked_at IS NULL");
            ps.setObject(1, utc(clock.instant()));
            ps.setString(2, by.name());
            ps.setLong(3, id);
            return ps.executeUpdate() == 1;
        });
        if (done) {
            cache.values().removeIf(c -> c.token().id() == id);
            logger.info("{} revoked the API token {}", by.name(), id);
        }
        return done;
    }

    /** The caller a Bearer token stands for, while it is active; empty for any other token. */
    public Optional<Caller> verify(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        String hash = hash(secret);
        Instant now = clock.instant();
        Cached c = cache.get(hash);
        Token t;
        if (c != null && now.isBefore(c.until())) {
            t = c.token();
        } else {
            t = read(tx -> {
                PreparedStatement ps = tx.prepare("SELECT " + COLS + " FROM api_token WHERE token_hash = ?");
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? token(rs) : null;
                }
            });
            if (t == null) {
                return Optional.empty();
            }
            cache.put(hash, new Cached(t, now.plus(TTL)));
        }
        if (!t.active(now)) {
            return Optional.empty();
        }
        if (t.lastUsedAt() == null || !now.isBefore(t.lastUsedAt().plus(LAST_USED_EVERY))) {
            used(t, hash, now);
        }
        return Optional.of(new Caller("token:" + t.name(), t.roles()));
    }

    private void used(Token t, String hash, Instant now) {
        try {
            write(tx -> {
                PreparedStatement ps = tx.prepare("UPDATE api_token SET last_used_at = ? WHERE id = ?");
                ps.setObject(1, utc(now));
                ps.setLong(2, t.id());
                return ps.executeUpdate();
            });
            cache.computeIfPresent(hash, (k, c) -> new Cached(new Token(t.id(), t.name(), t.roles(), t.createdBy(),
                    t.createdAt(), t.expiresAt(), t.revokedAt(), t.revokedBy(), now), c.until()));
        } catch (StoreUnavailableException e) {
            logger.debug("Cannot record the use of API token {}: {}", t.id(), e.getMessage());
        }
    }

    /** The SHA-256 of a token, in hex: what is stored and looked up. */
    static String hash(String secret) {
        return org.ordertower.core.internal.Digests.sha256Hex(secret);
    }

    private static Token token(ResultSet rs) throws SQLException {
        Set<String> roles = new LinkedHashSet<>(List.of(rs.getString(3).split(",")));
        return new Token(rs.getLong(1), rs.getString(2), roles, rs.getString(4), instant(rs, 5), instant(rs, 6),
                instant(rs, 7), rs.getString(8), instant(rs, 9));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    private <T> T read(Database.Work<T> work) {
        try {
            return db.read(work);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the database is not available: " + e.getMessage(), e);
        }
    }

    private <T> T write(Database.Work<T> work) {
        try (Tx tx = db.begin()) {
            T result = work.run(tx);
            tx.connection().commit();
            return result;
        } catch (SQLException e) {
            throw new StoreUnavailableException("the database is not available: " + e.getMessage(), e);
        }
    }

    /** A token that cannot be created as asked; the problems name the fields. */
    public static final class InvalidToken extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        InvalidToken(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}

package org.ordertower.core.internal.http;

import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.JsonReplies;
import org.ordertower.core.spi.http.QueryParams;
import static org.ordertower.api.Access.ADMIN;
import static org.ordertower.api.Access.OPERATOR;
import static org.ordertower.api.Access.REVIEWER;
import static org.ordertower.api.Access.VIEWER;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ordertower.api.Caller;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.core.internal.security.Authenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may ask what on the REST interfaces: checks HTTP Basic credentials against the realm, then
 * the roles the request needs. Runs before a request body is read. Free of any HTTP server.
 *
 * <table>
 * <caption>Roles needed (any one of them)</caption>
 * <tr><td>GET, HEAD on any path</td><td>viewer, admin</td></tr>
 * <tr><td>GET, HEAD under /api/v1/review</td><td>reviewer, viewer, admin</td></tr>
 * <tr><td>... with {@code unmasked} set (buyer data in clear)</td><td>and pii or supervisor ({@link org.ordertower.api.Access#BUYER_DATA})</td></tr>
 * <tr><td>POST under /api/v1/review (claim, approve, edit, reject)</td><td>reviewer, admin</td></tr>
 * <tr><td>POST /api/v1/review/{id}/unfreeze</td><td>supervisor</td></tr>
 * <tr><td>PUT, POST under /api/v1/rules (tuning, replay)</td><td>admin, supervisor ({@link org.ordertower.api.Access#RULE_TUNERS})</td></tr>
 * <tr><td>any method under /api/v1/tokens (API tokens)</td><td>admin</td></tr>
 * <tr><td>POST /api/v1/orders (order intake)</td><td>admin, operator, partner</td></tr>
 * <tr><td>any other method (orders, stock, catalog)</td><td>admin, operator</td></tr>
 * <tr><td>under {@link #OPEN_PREFIXES}</td><td>no authentication</td></tr>
 * </table>
 */
public final class HttpGuard {
    /**
     * A path prefix served without authentication, and who checks its callers instead. The only open paths there are:
     * a route that serves a path without this guard must be declared here ({@link #requireOpen}).
     */
    public record OpenPath(String prefix, String checkedBy) {
    }

    /** Keep this list short. */
    public static final List<OpenPath> OPEN = List.of(
            new OpenPath("/api/v1/channels/", "each marketplace connector's webhook signature check (ChannelConnector.verifyPush)"),
            new OpenPath("/api/v1/wms/", "each warehouse connector's callback signature check (WarehouseConnector.verifyCallback)"),
            new OpenPath("/api/v1/carriers/", "each carrier connector's push signature check (CarrierConnector.verifyCallback)"));
    /** The prefixes of {@link #OPEN}. */
    public static final List<String> OPEN_PREFIXES = OPEN.stream().map(OpenPath::prefix).toList();

    /**
     * Refuses to serve {@code base} without this guard unless it is declared open (it or a path above it).
     *
     * @throws IllegalStateException naming the base
     */
    public static void requireOpen(String base) {
        String b = base.endsWith("/") ? base : base + "/";
        if (OPEN_PREFIXES.stream().noneMatch(b::startsWith)) {
            throw new IllegalStateException(base + " would be served without authentication but is not declared open"
                    + " in HttpGuard.OPEN");
        }
    }
    public static final String CHALLENGE = "Basic realm=\"OrderTower\"";
    public static final String REVIEW_BASE = "/api/v1/review";
    /** Rule packs: read like the rest; a change (or a replay) needs {@link org.ordertower.api.Access#RULE_TUNERS}. */
    public static final String RULES_BASE = "/api/v1/rules";
    /**
     * Who calls while authentication is off: everything that was possible before there was any,
     * never unmasking buyer data nor releasing a frozen order, which need a person with the role.
     */
    static final Caller UNAUTHENTICATED = new Caller("http-api", Set.of(ADMIN, OPERATOR, REVIEWER, VIEWER));
    private final Logger logger = LoggerFactory.getLogger(HttpGuard.class);
    private final Authenticator authenticator;
    private final java.util.function.Function<String, Optional<Caller>> bearer;
    private final JsonReplies replies;
    /** Where systems' API tokens are managed: by an admin only. */
    public static final String TOKENS_BASE = "/api/v1/tokens";
    /** Order intake: {@code POST} here is what a partner's system may do. */
    static final String ORDERS_BASE = "/api/v1/orders";

    /** The caller, or the refusal to send instead of calling the handler. */
    public record Admission(Caller caller, HttpReply refusal) {
    }

    /** What a request needs: any one of {@code roles}, for {@code what}. */
    private record Need(String what, List<String> roles) {
        static Need of(org.ordertower.api.Access.Permission p) {
            return new Need(p.what(), p.roles());
        }
    }

    /**
     * @param authenticator checks credentials; null when authentication is off, and then every
     *     request runs as the user {@code http-api} with the roles admin, operator, reviewer and viewer
     */
    public HttpGuard(Authenticator authenticator, OrderJson json) {
        this(authenticator, null, json);
    }

    /**
     * @param bearer the caller an API token ({@code Authorization: Bearer ...}) stands for; null: no tokens
     */
    public HttpGuard(Authenticator authenticator, java.util.function.Function<String, Optional<Caller>> bearer,
            OrderJson json) {
        this.authenticator = authenticator;
        this.bearer = bearer;
        this.replies = new JsonReplies(json);
    }

    /**
     * @param path the request path as sent (not decoded)
     * @param query the decoded query parameters
     * @param authorization the Authorization header, or null
     */
    public Admission admit(String method, String path, Map<String, String> query, String authorization) {
        if (hasDotSegment(path)) {
            // the server routes on the normalized path; refusing these keeps what is checked here
            // the path the handler gets, so that /api/v1/channels/../orders is not an open path
            return refuse(replies.error(400, "the path must not have . or .. segments nor bad percent-encoding"));
        }
        if (OPEN_PREFIXES.stream().anyMatch(path::startsWith)) {
            return new Admission(Caller.ANONYMOUS, null);
        }
        Caller caller;
        if (authenticator == null) {
            caller = UNAUTHENTICATED;
        } else {
            Optional<Caller> c = login(authorization);
            if (c.isEmpty()) {
                boolean token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
                return refuse(replies.error(401, authorization == null
                        ? "authentication required: send HTTP Basic credentials or an API token (Bearer)"
                        : token ? "the API token is unknown, revoked or expired" : "the user name or password is wrong",
                        Map.of("WWW-Authenticate", CHALLENGE)));
            }
            caller = c.get();
        }
        return roles(caller, method, path, query);
    }

    /**
     * Admits a caller who logged in already (a front end in the node, through the {@code HttpGateway}): the same path
     * checks and roles table as {@link #admit(String, String, Map, String)}; the open paths are not served this way.
     */
    public Admission admit(Caller caller, String method, String path, Map<String, String> query) {
        if (hasDotSegment(path)) {
            return refuse(replies.error(400, "the path must not have . or .. segments nor bad percent-encoding"));
        }
        if (OPEN_PREFIXES.stream().anyMatch(path::startsWith)) {
            return refuse(replies.error(404, "no such resource " + path + " (platform pushes come over the REST port)"));
        }
        return roles(caller, method, path, query);
    }

    /** The caller of an Authorization header (Basic or Bearer); with authentication off, the {@code http-api} caller. */
    public Optional<Caller> authenticate(String authorization) {
        return authenticator == null ? Optional.of(UNAUTHENTICATED) : login(authorization);
    }

    /** Logs a user in as a Basic header would; with authentication off, the {@code http-api} caller. */
    public Optional<Caller> login(String user, String password) {
        if (authenticator == null) {
            return Optional.of(UNAUTHENTICATED);
        }
        if (user == null || user.isEmpty() || password == null) {
            return Optional.empty();
        }
        return authenticator.authenticate(user, password);
    }

    private Admission roles(Caller caller, String method, String path, Map<String, String> query) {
        for (Need need : needs(method, path, query)) {
            if (!caller.hasAnyRole(need.roles())) {
                return refuse(replies.error(403, need.what() + " needs the role " + String.join(" or ", need.roles()) + "; "
                        + caller.name() + " does not have it"));
            }
        }
        return new Admission(caller, null);
    }

    /** The roles table; every need in the list must be met. */
    private static List<Need> needs(String method, String path, Map<String, String> query) {
        boolean read = method.equals("GET") || method.equals("HEAD");
        Need base;
        if (path.equals(REVIEW_BASE) || path.startsWith(REVIEW_BASE + "/")) {
            if (read) {
                base = Need.of(org.ordertower.api.Access.Permission.READ_REVIEW);
            } else if (method.equals("POST") && Arrays.asList(path.split("/")).contains("unfreeze")) {
                base = Need.of(org.ordertower.api.Access.Permission.UNFREEZE);
            } else {
                base = Need.of(org.ordertower.api.Access.Permission.DECIDE_REVIEW);
            }
        } else if (!read && (path.equals(RULES_BASE) || path.startsWith(RULES_BASE + "/"))) {
            base = Need.of(org.ordertower.api.Access.Permission.TUNE_RULES);
        } else if (read && path.equals(OpenApiHttpApi.BASE)) {
            base = new Need("reading the API description", org.ordertower.api.Access.ROLES);
        } else if (path.equals(TOKENS_BASE) || path.startsWith(TOKENS_BASE + "/")) {
            base = new Need("managing API tokens", org.ordertower.api.Access.Permission.ADMINISTER.roles());
        } else if (method.equals("POST") && (path.equals(ORDERS_BASE) || path.equals(ORDERS_BASE + "/"))) {
            base = Need.of(org.ordertower.api.Access.Permission.INTAKE);
        } else {
            base = read ? Need.of(org.ordertower.api.Access.Permission.READ)
                    : Need.of(org.ordertower.api.Access.Permission.CHANGE);
        }
        // as QueryParams.bool reads it: anything but absent or false asks for buyer data in clear
        String unmasked = query.get("unmasked");
        if (read && unmasked != null && !unmasked.strip().equals("false")) {
            return List.of(base, Need.of(org.ordertower.api.Access.Permission.SEE_BUYER_DATA));
        }
        return List.of(base);
    }

    private Optional<Caller> login(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return bearer == null ? Optional.empty() : bearer.apply(authorization.substring(7).strip());
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            logger.debug("Refusing malformed Basic credentials");
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return authenticator.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static Admission refuse(HttpReply reply) {
        return new Admission(null, reply);
    }

    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/", -1)) {
            String s = segment.toLowerCase(Locale.ROOT);
            if (s.contains(";")) {
                s = s.substring(0, s.indexOf(';')); // a path parameter: /..;x/ is a dot segment too
            }
            if (s.contains("%")) {
                try {
                    s = URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return true;
                }
            }
            if (s.equals(".") || s.equals("..")) {
                return true;
            }
        }
        return false;
    }
}

package org.ordertower.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.servlet.Servlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.ordertower.api.Caller;
import org.ordertower.core.spi.http.HttpGateway;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.QueryParams;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The web console on Karaf's HTTP service, under {@code /ordertower}:
 * <pre>
 * GET    /ordertower/              the console (one page; static files under /ordertower/static/)
 * GET    /ordertower/session       who is logged in: {user, roles, maySeeBuyerData}, or 401
 * POST   /ordertower/session       {"user","password"}: logs in through the core's realm; sets the session cookie
 * DELETE /ordertower/session       logs out
 * *      /ordertower/api/v1/...    the REST interface, as the logged-in user (HttpGateway: the same roles and handlers)
 * GET    /ordertower/events        live updates (server-sent events, {@link LiveFeed})
 * </pre>
 * Nothing is decided here: logins, roles, masking and every change go through the core's gateway and the services
 * behind it. Every request that is not a GET must carry {@code X-OrderTower-Console: 1}, which a page of another site
 * cannot send without the browser asking first, so a forged form cannot act as the user.
 */
@Component(service = Servlet.class, immediate = true, configurationPid = "org.ordertower.web", property = {
        "osgi.http.whiteboard.servlet.pattern=/ordertower/*",
        "osgi.http.whiteboard.servlet.name=ordertower-console",
        "osgi.http.whiteboard.servlet.asyncSupported=true" })
@Designate(ocd = WebConfig.class)
public final class ConsoleServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String COOKIE = "OTSESSION";
    static final String CSRF_HEADER = "X-OrderTower-Console";
    private static final int MAX_LOGIN_BODY = 4096;

    private final transient Logger logger = LoggerFactory.getLogger(ConsoleServlet.class);
    private final transient ObjectMapper mapper = new ObjectMapper();
    private final transient Sessions sessions;
    private final transient StaticFiles files = new StaticFiles(ConsoleServlet.class.getClassLoader());
    private final transient ScheduledExecutorService timer;
    private final transient LiveFeed feed;
    private final boolean secureCookie;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile HttpGateway gateway;

    @Activate
    public ConsoleServlet(WebConfig config) {
        this.sessions = new Sessions(Clock.systemUTC(), Duration.ofMinutes(Math.max(1, config.session_idle_minutes())),
                Duration.ofHours(Math.max(1, config.session_lifetime_hours())));
        this.secureCookie = config.cookie_secure();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ordertower-web-feed");
            t.setDaemon(true);
            return t;
        });
        this.feed = new LiveFeed(() -> Optional.ofNullable(gateway), timer, Math.max(100, config.feed_interval_ms()));
        timer.scheduleWithFixedDelay(sessions::sweep, 1, 1, TimeUnit.MINUTES);
        logger.info("OrderTower web console on /ordertower/ (sessions end after {} min idle)",
                config.session_idle_minutes());
    }

    @Deactivate
    void deactivate() {
        feed.close();
        timer.shutdownNow();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        securityHeaders(resp);
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        String method = req.getMethod();
        if (path.isEmpty()) {
            resp.sendRedirect(req.getContextPath() + req.getServletPath() + "/");
            return;
        }
        if (path.equals("/") || path.equals("/index.html")) {
            files.serve("index.html", req, resp);
            return;
        }
        if (path.startsWith("/static/")) {
            files.serve("static/" + path.substring("/static/".length()), req, resp);
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD") && !"1".equals(req.getHeader(CSRF_HEADER))) {
            problem(resp, 403, "the console sends " + CSRF_HEADER + ": 1 with every change; this request did not");
            return;
        }
        if (path.equals("/session")) {
            session(req, resp);
            return;
        }
        Optional<Sessions.Session> session = sessions.find(cookie(req));
        if (path.equals("/events")) {
            if (session.isEmpty()) {
                problem(resp, 401, "log in first");
            } else {
                feed.open(req, resp, session.get().caller(), session.get().id());
            }
            return;
        }
        if (path.startsWith("/api/")) {
            api(req, resp, session.map(Sessions.Session::caller).orElse(null), path);
            return;
        }
        problem(resp, 404, "no such page " + req.getRequestURI());
    }

    private void session(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        switch (req.getMethod()) {
            case "GET" -> {
                Optional<Sessions.Session> s = sessions.find(cookie(req));
                if (s.isEmpty()) {
                    problem(resp, 401, "not logged in");
                } else {
                    json(resp, 200, who(s.get().caller()));
                }
            }
            case "POST" -> login(req, resp);
            case "DELETE" -> {
                String id = cookie(req);
                feed.closeSession(id == null ? "" : id);
                sessions.close(id);
                resp.addHeader("Set-Cookie", cookieHeader("", 0));
                json(resp, 200, mapper.createObjectNode().put("loggedOut", true));
            }
            default -> {
                resp.setHeader("Allow", "GET, POST, DELETE");
                problem(resp, 405, req.getMethod() + " is not allowed on /ordertower/session");
            }
        }
    }

    private void login(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpGateway g = gateway;
        if (g == null) {
            problem(resp, 503, "the OrderTower core is not running");
            return;
        }
        String body = read(req, MAX_LOGIN_BODY);
        Map<?, ?> m;
        try {
            m = body == null ? null : mapper.readValue(body, Map.class);
        } catch (IOException e) {
            m = null;
        }
        if (m == null || !(m.get("user") instanceof String user) || !(m.get("password") instanceof String password)) {
            problem(resp, 400, "send {\"user\": \"...\", \"password\": \"...\"} as JSON");
            return;
        }
        if (!sessions.mayTry(user)) {
            problem(resp, 429, "too many failed logins for " + user + "; try again in a few minutes");
            return;
        }
        Optional<Caller> caller = g.login(user, password);
        if (caller.isEmpty()) {
            sessions.failed(user);
            logger.info("Console login refused for {} from {}", user, req.getRemoteAddr());
            problem(resp, 401, "the user name or password is wrong");
            return;
        }
        Sessions.Session s = sessions.open(caller.get());
        resp.addHeader("Set-Cookie", cookieHeader(s.id(), -1));
        logger.info("Console login: {} from {}", user, req.getRemoteAddr());
        json(resp, 200, who(caller.get()));
    }

    private void api(HttpServletRequest req, HttpServletResponse resp, Caller caller, String path) throws IOException {
        HttpGateway g = gateway;
        if (g == null) {
            problem(resp, 503, "the OrderTower core is not running");
            return;
        }
        if (caller == null) {
            problem(resp, 401, "log in first");
            return;
        }
        String method = req.getMethod();
        Map<String, String> query;
        try {
            query = QueryParams.parse(req.getQueryString());
        } catch (IllegalArgumentException malformed) {
            problem(resp, 400, malformed.getMessage());
            return;
        }
        String body = method.equals("POST") || method.equals("PUT") ? read(req, g.maxBody()) : null;
        HttpReply r = g.handle(caller, method, path, query, req.getContentType(), body);
        resp.setStatus(r.status());
        resp.setHeader("Cache-Control", "no-store");
        r.headers().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("WWW-Authenticate")) { // the console has its own login: no browser dialog
                resp.setHeader(k, v);
            }
        });
        resp.setContentType(r.contentType());
        byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private ObjectNode who(Caller c) {
        ObjectNode n = mapper.createObjectNode();
        n.put("user", c.name());
        var roles = n.putArray("roles");
        c.roles().stream().sorted().forEach(roles::add);
        n.put("maySeeBuyerData", c.maySeeBuyerData());
        return n;
    }

    /** An error as the REST interface answers it: problem details (application/problem+json). */
    private void problem(HttpServletResponse resp, int status, String message) throws IOException {
        json(resp, status, org.ordertower.core.spi.http.JsonReplies.problem(mapper.createObjectNode(), status, message),
                org.ordertower.core.spi.http.JsonReplies.PROBLEM_JSON);
    }

    private void json(HttpServletResponse resp, int status, ObjectNode body) throws IOException {
        json(resp, status, body, "application/json; charset=utf-8");
    }

    private void json(HttpServletResponse resp, int status, ObjectNode body, String type) throws IOException {
        resp.setStatus(status);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType(type);
        byte[] bytes = mapper.writeValueAsBytes(body);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private String cookieHeader(String value, int maxAge) {
        return COOKIE + "=" + value + "; Path=/ordertower; HttpOnly; SameSite=Strict" + (secureCookie ? "; Secure" : "")
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "");
    }

    private static String cookie(HttpServletRequest req) {
        Cookie[] cookies = req.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    /** The body as UTF-8, or null when it is longer than {@code max} bytes (never more than max + 1 read). */
    private static String read(HttpServletRequest req, int max) throws IOException {
        if (req.getContentLengthLong() > max) {
            return null;
        }
        try (InputStream in = req.getInputStream()) {
            byte[] bytes = in.readNBytes(max + 1);
            return bytes.length > max ? null : new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static void securityHeaders(HttpServletResponse resp) {
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Referrer-Policy", "same-origin");
        resp.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' "
                + "'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'");
    }
}

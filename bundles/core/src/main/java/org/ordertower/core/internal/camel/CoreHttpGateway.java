package org.ordertower.core.internal.camel;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.ordertower.api.Caller;
import org.ordertower.core.internal.http.HttpGuard;
import org.ordertower.core.spi.http.HttpApi;
import org.ordertower.core.spi.http.HttpGateway;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.JsonReplies;
import org.ordertower.core.spi.http.OrderJson;

/**
 * The REST interface without the HTTP hop, for front ends in the node: the core's orders API and every API the
 * whiteboard serves, behind the same {@link HttpGuard} (its logins and its roles table). An API the whiteboard takes
 * away is gone here at the same time.
 */
final class CoreHttpGateway implements HttpGateway {
    private final HttpGuard guard;
    private final JsonReplies replies;
    /** Longest base path first, so /api/v1/stock/x never goes to an API on /api/v1/s. */
    private final List<HttpApi> apis = new CopyOnWriteArrayList<>();

    CoreHttpGateway(HttpGuard guard, OrderJson json) {
        this.guard = guard;
        this.replies = new JsonReplies(json);
    }

    void add(HttpApi api) {
        apis.add(api);
        apis.sort(Comparator.comparingInt((HttpApi a) -> a.basePath().length()).reversed());
    }

    void remove(HttpApi api) {
        apis.remove(api);
    }

    @Override
    public Optional<Caller> login(String user, String password) {
        return guard.login(user, password);
    }

    @Override
    public Optional<Caller> authenticate(String authorization) {
        return guard.authenticate(authorization);
    }

    @Override
    public HttpReply handle(Caller caller, String method, String path, Map<String, String> query, String contentType,
            String body) {
        if (caller == null) {
            return replies.error(401, "authentication required");
        }
        HttpGuard.Admission admission = guard.admit(caller, method, path, query);
        if (admission.refusal() != null) {
            return admission.refusal();
        }
        for (HttpApi api : apis) {
            String base = api.basePath();
            if (path.equals(base) || path.startsWith(base.endsWith("/") ? base : base + "/")) {
                String limited = body != null
                        && body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > api.maxBody() ? null : body;
                return api.handle(admission.caller(), method, path, query, contentType, limited);
            }
        }
        return replies.error(404, "no such resource " + path);
    }

    @Override
    public Optional<HttpReply> refusal(Caller caller, String method, String path, Map<String, String> query) {
        if (caller == null) {
            return Optional.of(replies.error(401, "authentication required"));
        }
        return Optional.ofNullable(guard.admit(caller, method, path, query).refusal());
    }

    @Override
    public int maxBody() {
        return apis.stream().mapToInt(HttpApi::maxBody).max().orElse(0);
    }
}

package org.ordertower.core.spi.http;

import java.util.Map;
import java.util.Optional;

import org.ordertower.api.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The REST interface for another front end in the node, such as the web console: the same logins (the realm and its
 * cache) and the same role checks and handlers as a call over HTTP, without a second HTTP hop. The core offers it as
 * a service; a front end logs its user in once, keeps the {@link Caller} in its session and hands each request on, so
 * nothing is decided twice and the same role gets the same answer everywhere.
 */
@ProviderType
public interface HttpGateway {
    /**
     * Logs a user in against the REST interface's realm; empty when the realm refuses (the password is never logged).
     * While HTTP authentication is off, every login is the {@code http-api} caller, as over HTTP.
     */
    Optional<Caller> login(String user, String password);

    /**
     * The caller an {@code Authorization} header stands for, as the REST interface reads it: HTTP Basic credentials or
     * an API token ({@code Bearer ott_...}); empty for none or a wrong one. While HTTP authentication is off, the
     * {@code http-api} caller.
     */
    Optional<Caller> authenticate(String authorization);

    /**
     * Serves one request of the REST interface for a logged-in caller, exactly as over HTTP once the caller is known:
     * the role table first (403 naming the role), then the interface that serves the path (404 when none).
     *
     * @param path the path as on the REST port, such as {@code /api/v1/orders/12}; the open webhook and callback paths
     *     are not served here (404)
     * @param query the decoded query parameters
     * @param body the body, or null when the front end read more than {@link #maxBody} of it
     */
    HttpReply handle(Caller caller, String method, String path, Map<String, String> query, String contentType, String body);

    /**
     * Whether a logged-in caller may make this request, without making it: empty when admitted, else the refusal
     * (403 naming the role) that {@link #handle} would answer. For a front end that hands one answer to many callers.
     */
    Optional<HttpReply> refusal(Caller caller, String method, String path, Map<String, String> query);

    /** The most bytes of a request body any interface reads: a front end reads at most this much + 1. */
    int maxBody();
}

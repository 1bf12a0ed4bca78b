package org.ordertower.core.spi.http;

import java.sql.SQLException;
import java.util.Map;

import org.ordertower.api.Caller;
import org.ordertower.api.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the REST interfaces under one base path share: the JSON tools, the path split below the base, and the answers to
 * failures, so that every interface answers them alike: a database that is not available is a 503 with Retry-After, an
 * {@link IllegalArgumentException} a 400 with its message, anything else a 500 that logs the stack trace and says
 * nothing of the internals. An interface answers its own exceptions first ({@link #refusal}).
 */
public abstract class JsonHttpHandler implements HttpHandler {
    protected final Logger logger = LoggerFactory.getLogger(getClass());
    protected final OrderJson json;
    protected final JsonReplies replies;
    private final String base;

    protected JsonHttpHandler(String base, OrderJson json) {
        this.base = base;
        this.json = json;
        this.replies = new JsonReplies(json);
    }

    @Override
    public final HttpReply handle(Caller caller, String method, String path, Map<String, String> query, String contentType,
            String body) {
        try {
            return serve(caller, method, path, parts(path), query, contentType, body);
        } catch (SQLException e) {
            logger.debug("Answering 503: {}", e.getMessage());
            return replies.unavailable("the database is not available; retry later");
        } catch (RuntimeException e) {
            HttpReply own = refusal(e);
            if (own != null) {
                return own;
            }
            if (e instanceof StoreUnavailableException) {
                logger.debug("Answering 503: {}", e.getMessage());
                return replies.unavailable("the database is not available; retry later");
            }
            if (e instanceof IllegalArgumentException) {
                return replies.error(400, e.getMessage());
            }
            return replies.internalError(logger, method, path, e, "internal error");
        }
    }

    /**
     * Answers one request.
     *
     * @param parts the path below the base, split at {@code /}: empty for the base itself
     * @throws SQLException when the database cannot be read: a 503
     */
    protected abstract HttpReply serve(Caller caller, String method, String path, String[] parts, Map<String, String> query,
            String contentType, String body) throws SQLException;

    /** The answer to an exception this interface knows, or null for the common answers. */
    protected HttpReply refusal(RuntimeException e) {
        return null;
    }

    /** The path below the base, split at {@code /}: empty for the base itself (with or without a trailing slash). */
    protected final String[] parts(String path) {
        String rest = path.length() > base.length() + 1 ? path.substring(base.length() + 1) : "";
        return rest.isEmpty() ? new String[0] : rest.split("/");
    }
}

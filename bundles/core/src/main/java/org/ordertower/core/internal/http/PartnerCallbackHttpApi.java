package org.ordertower.core.internal.http;

import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.JsonReplies;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.channel.PushRequest;
import org.ordertower.api.fulfilment.CallbackReply;
import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.core.spi.http.OrderJson;

/**
 * Warehouse systems' and tracking services' callbacks: {@code POST /api/v1/wms/{wms}/callback} and
 * {@code POST /api/v1/carriers/{carrier}/callback}. No user login: the partner's connector checks its signature.
 * The events are applied before the answer, and the answer is in the partner's own shape (its success shape
 * only when they are stored, so the partner sends again otherwise).
 */
public final class PartnerCallbackHttpApi {
    public static final String WMS_BASE = "/api/v1/wms";
    public static final String CARRIER_BASE = "/api/v1/carriers";
    /** Largest callback read. */
    public static final int MAX_BODY = 2 << 20;

    private final Supplier<Optional<FulfilmentService>> fulfilment;
    private final Clock clock;
    private final JsonReplies replies;

    public PartnerCallbackHttpApi(Supplier<Optional<FulfilmentService>> fulfilment, Clock clock, OrderJson json) {
        this.fulfilment = fulfilment;
        this.clock = clock;
        this.replies = new JsonReplies(json);
    }

    public HttpReply handle(String method, String path, Map<String, String> headers, Map<String, String> query,
            String body) {
        boolean wms = path.startsWith(WMS_BASE + "/");
        String base = wms ? WMS_BASE : CARRIER_BASE;
        String rest = path.startsWith(base + "/") ? path.substring(base.length() + 1) : "";
        String[] parts = rest.split("/");
        if (parts.length != 2 || !parts[1].equals("callback") || !parts[0].matches("[a-z0-9][a-z0-9_-]{0,31}")) {
            return replies.error(404, "no such resource: " + path + " (callbacks are POST " + base + "/{id}/callback)");
        }
        if (!"POST".equals(method)) {
            return replies.notAllowed(method, path, "POST");
        }
        if (body == null) {
            return replies.error(413, "the callback is larger than " + MAX_BODY + " bytes");
        }
        Optional<FulfilmentService> service = fulfilment.get();
        if (service.isEmpty()) {
            return replies.error(503, "fulfilment is not running", Map.of("Retry-After", JsonReplies.RETRY_AFTER));
        }
        PushRequest request = new PushRequest(headers, query, body, clock.instant());
        try {
            CallbackReply r = wms ? service.get().wmsCallback(parts[0], request)
                    : service.get().carrierCallback(parts[0], request);
            return new HttpReply(r.status(), r.body(), Map.of(), r.contentType());
        } catch (IllegalArgumentException e) {
            return replies.error(404, e.getMessage());
        } catch (StoreUnavailableException e) {
            return replies.error(503, "the callback could not be stored; send again: " + e.getMessage(),
                    Map.of("Retry-After", JsonReplies.RETRY_AFTER));
        }
    }
}

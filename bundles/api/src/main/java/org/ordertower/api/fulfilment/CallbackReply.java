package org.ordertower.api.fulfilment;

import java.util.Objects;

/**
 * The answer core sends to a partner's callback, in the partner's own shape (Qimen answers XML with a flag,
 * Kuaidi100 answers JSON with a result). A partner that is not answered with its success shape sends again.
 *
 * @param status the HTTP status
 * @param contentType the content type
 * @param body the body
 */
public record CallbackReply(int status, String contentType, String body) {
    public CallbackReply {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }
}

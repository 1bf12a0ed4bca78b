package org.ordertower.api;

import java.util.Objects;

/**
 * The payload an order arrived in, kept verbatim in the inbox so that a fixed mapping can replay it.
 *
 * @param source where it came from, for example {@code http}, {@code pull}, {@code webhook}
 * @param contentType its media type
 * @param body the payload text
 */
public record RawPayload(String source, String contentType, String body) {
    public RawPayload {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(body, "body");
    }
}

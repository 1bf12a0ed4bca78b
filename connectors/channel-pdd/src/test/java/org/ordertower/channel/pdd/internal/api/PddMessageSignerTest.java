package org.ordertower.channel.pdd.internal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class PddMessageSignerTest {

    /** The worked example of whalesky-labs/pdd-sdk-php (tests/Unit/MessageClientTest, connectionPath). */
    @Test
    void reproducesThePublishedExample() {
        // md5("app1700000000000secret") = 9818304265fb7cb706721924f2e03121, Base64 over those 32 characters
        assertEquals("OTgxODMwNDI2NWZiN2NiNzA2NzIxOTI0ZjJlMDMxMjE=", PddMessageSigner.sign("app", 1700000000000L, "secret"));
        assertEquals("/app/1700000000000/OTgxODMwNDI2NWZiN2NiNzA2NzIxOTI0ZjJlMDMxMjE%3D",
                PddMessageSigner.path("app", 1700000000000L, "secret"));
    }

    @Test
    void hexBase64NeverNeedsPathEscapesBeyondThePadding() {
        for (long t = 1_700_000_000_000L; t < 1_700_000_000_500L; t++) {
            String s = PddMessageSigner.sign("client-" + t, t, "s3cret");
            assertEquals(44, s.length());
            assertFalse(s.contains("/") || s.contains("+"), s);
        }
    }
}

package org.ordertower.channel.example.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.SignatureTrace;

class ExamplePlatformTest {
    private final ExamplePlatform platform = new ExamplePlatform();

    @Test
    void signingToolShowsTheStringAndTheSignature() {
        SignatureTrace t = platform.sign("secret-xyz", Map.of("method", "order.search", "app_key", "app-123",
                "timestamp", "1700000000", "v", "1", "access_token", "at-123", "updated_from", "1699999000000",
                "updated_to", "1700000000000", "page_size", "50"));
        assertEquals("hmac-sha256", t.method());
        assertEquals("dc035d949430a9ed33e42b165cd0c7a53d50ba99350a9435dd7b9068b05c384b", t.signature());
        assertTrue(t.stringToSign().startsWith("access_token=at-123&app_key=app-123&"));
    }

    @Test
    void signingToolNamesWhatIsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> platform.sign("s", Map.of("app_key", "k", "timestamp", "1", "v", "1")));
        assertTrue(e.getMessage().contains("method"));
        assertThrows(IllegalArgumentException.class, () -> platform.sign("", Map.of()));
    }

    @Test
    void badConfigurationNamesTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExampleSettings.of("ftp://x", "k", "s", "shop", "t", null, null));
        assertTrue(e.getMessage().startsWith("gatewayUrl"));
        e = assertThrows(IllegalArgumentException.class,
                () -> ExampleSettings.of(ExampleConstants.GATEWAY, "k", "s", "shop", "", "", null));
        assertTrue(e.getMessage().startsWith("accessToken"));
        ExampleSettings valid = ExampleSettings.of(ExampleConstants.GATEWAY, "k", "s", "shop", "t", null, null);
        e = assertThrows(IllegalArgumentException.class, () -> valid.withPageSize(101));
        assertTrue(e.getMessage().startsWith("pageSize"));
        String shown = ExampleSettings.of(ExampleConstants.GATEWAY, "k", "s3cr3t", "shop", "tok3n", null, null)
                .toString();
        assertTrue(!shown.contains("s3cr3t") && !shown.contains("tok3n"), shown);
    }
}

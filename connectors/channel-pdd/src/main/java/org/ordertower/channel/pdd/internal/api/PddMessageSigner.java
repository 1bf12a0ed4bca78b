package org.ordertower.channel.pdd.internal.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.ordertower.connector.kit.Digests;

/**
 * The sign in the message service's URL {@code <messageUrl>/<client_id>/<timestamp ms>/<sign>}:
 * {@code Base64(lower-case hex of MD5(client_id + timestamp + client_secret))}, that is Base64 over the 32 hex
 * characters, not over the 16 digest bytes. PDD's page for it needs a login; this follows three SDKs that agree
 * (see the module README): Cherrs/pdd-rs {@code src/pmc.rs}, bububa/openpdd {@code core/client.go} ({@code signWSS})
 * and whalesky-labs/pdd-sdk-php {@code MessageProtocol}, whose test pins the worked example used in our test. The
 * Base64 of hex digits never contains {@code +} or {@code /}; its {@code =} padding is percent-encoded in the path, as
 * the PHP SDK does. Pure and thread-safe.
 */
public final class PddMessageSigner {
    private PddMessageSigner() {
    }

    /** The sign for a connection opened at {@code timestampMillis}. */
    public static String sign(String clientId, long timestampMillis, String clientSecret) {
        String hex = Digests.md5Hex(clientId + timestampMillis + clientSecret);
        return Base64.getEncoder().encodeToString(hex.getBytes(StandardCharsets.US_ASCII));
    }

    /** The path after the service URL: {@code /<client_id>/<timestamp>/<sign>}, each part percent-encoded. */
    public static String path(String clientId, long timestampMillis, String clientSecret) {
        return "/" + encode(clientId) + "/" + timestampMillis + "/" + encode(sign(clientId, timestampMillis, clientSecret));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

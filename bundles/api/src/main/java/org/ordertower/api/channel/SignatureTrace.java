package org.ordertower.api.channel;

/**
 * How a request was signed.
 *
 * @param method the sign method, as the platform names it ({@code md5}, {@code hmac}, {@code hmac-sha256})
 * @param stringToSign the exact text that went into the digest, secret included where the platform wraps it
 *     in the secret (shown to the integrator who typed the secret; never logged)
 * @param signature the signature as the platform expects it (case and encoding included)
 */
public record SignatureTrace(String method, String stringToSign, String signature) {
}

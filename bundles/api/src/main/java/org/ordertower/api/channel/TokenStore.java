package org.ordertower.api.channel;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Durable storage for shops' refreshed tokens, provided by core, so that a token refreshed on one node
 * (refresh tokens often rotate) survives a restart and is seen by the other nodes. Connectors read
 * it before falling back to the token in their configuration.
 */
@ProviderType
public interface TokenStore {

    /** The newest token saved for the shop, if any. */
    Optional<AccessToken> load(String channel, String shop);

    /** Saves the shop's token durably, replacing the previous one. */
    void save(String channel, String shop, AccessToken token);
}

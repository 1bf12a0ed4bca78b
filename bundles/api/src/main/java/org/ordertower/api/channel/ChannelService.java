package org.ordertower.api.channel;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.ordertower.api.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Core's channel runtime: the shops of the installed channel connectors, their pulls, pushes, dead
 * letters and the platforms' signing tools and simulators. For consoles, the shell and the webhook
 * route. Thread-safe.
 */
@ProviderType
public interface ChannelService {

    /** Every configured shop of every installed connector, by channel then shop. */
    List<ShopStatus> shops();

    /**
     * Pulls one shop now, window after window up to the platform's clock minus its lag, storing each
     * page before moving the cursor. Waits for a pull already running on this node.
     *
     * @throws IllegalArgumentException when no such shop is configured
     * @throws ChannelException when the platform refuses; the cursor stays where the last stored page left it
     */
    PullReport pull(String channel, String shop);

    /**
     * Orders one path saw and the other did not: pushed but never pulled, pulled but never pushed, for
     * orders seen since {@code since}.
     *
     * @throws IllegalArgumentException when no such shop is configured
     */
    Reconciliation reconcile(String channel, String shop, Instant since);

    /**
     * Takes one push the platform sent to the webhook route: verified by the channel's connectors (the
     * shop's app secret), its events stored durably (repeated message ids are dropped), then processed
     * in the background. Returns once the events are stored, so the platform is answered only then.
     *
     * @throws IllegalArgumentException when no connector of {@code channel} is installed
     * @throws ChannelException AUTH when no shop's secret verifies it, PERMANENT when it is malformed
     */
    PushReceipt receivePush(String channel, PushRequest request);

    /** The newest dead letters (payloads that could not be mapped, events that could not be processed). */
    List<DeadLetter> deadLetters(String channel, int limit);

    /**
     * One page of the dead letters of {@code channel} (all when null), newest first: those with an id below {@code after}
     * (from the newest when null), at most {@code limit} (1 to 1000). The next page starts after the last one's id.
     *
     * @throws IllegalArgumentException when {@code limit} is outside 1 to 1000
     * @since 4.2
     */
    List<DeadLetter> deadLetters(String channel, Long after, int limit);

    /** The channel ids whose platform is installed (its signing tool), sorted. */
    List<String> platforms();

    /**
     * Signs parameters with a platform's own method (see {@link ChannelPlatform#sign}).
     *
     * @throws IllegalArgumentException when the platform is not installed or a parameter is wrong
     */
    SignatureTrace sign(String channel, String secret, Map<String, String> params);


    /**
     * Reveals the receiver of one order in clear, to print its label: decrypts through the platform of the order's
     * shop ({@link ChannelConnector#decrypt}), then records {@code decrypted} in the order's audit trail (the actor,
     * the reason and which fields; never the plaintext) in a durable transaction, and only then returns. The
     * plaintext goes to the caller alone: it is not stored and not logged. Each call may spend the platform's
     * decrypt quota; nothing is cached, so call it once per label.
     *
     * @param caller the person who asked: they need a role that sees buyer data in clear ({@link
     *     org.ordertower.api.Access#BUYER_DATA}); they are the actor in the audit trail
     * @param reason why, required; recorded in the audit trail
     * @throws org.ordertower.api.AccessDeniedException when the caller lacks the role; nothing is decrypted
     * @throws org.ordertower.api.OrderNotFoundException when there is no such order
     * @throws IllegalArgumentException when the reason is blank, when no connector of the order's shop is
     *     installed, or when its channel cannot decrypt (no {@link ChannelConnector.Capability#DECRYPT})
     * @throws ChannelException when the platform refuses: {@link ChannelException.Kind#RATE_LIMITED} with the
     *     platform's message when its decrypt quota is spent; nothing is audited then
     */
    Receiver decryptReceiver(long orderId, Caller caller, String reason);

    /**
     * Tells the marketplace a parcel left, through the connector of the shop ({@link ChannelConnector#ship}).
     * Fulfilment calls this from its durable write-back tasks, which retry it; this call itself does not retry.
     *
     * @return SHIPPED or ALREADY_SHIPPED; both mean the marketplace has the tracking number
     * @throws ChannelException TRANSIENT when no connector of the shop is installed now (it may come back),
     *     PERMANENT when the channel cannot ship ({@link ChannelConnector.Capability#SHIP}), else as the connector
     */
    ShipResult ship(String channel, String shop, Shipment shipment);

    /**
     * Tells the marketplace what came back of a refund's goods and the seller's decision, through the connector of the
     * shop ({@link ChannelConnector#returnReceived}). Fulfilment calls this from its durable refund tasks, which retry
     * it; this call itself does not retry.
     *
     * @return DONE or ALREADY_DONE; both mean the platform has the decision
     * @throws UnsupportedOperationException when the shop's channel cannot report refunds (no
     *     {@link ChannelConnector.Capability#REFUND}): the refund must be settled on the platform by hand
     * @throws ChannelException TRANSIENT when no connector of the shop is installed now (it may come back), else as
     *     the connector
     */
    RefundResult returnReceived(String channel, String shop, ReturnOutcome outcome);

    /**
     * How each of OrderTower's carriers ({@link org.ordertower.api.fulfilment.Carriers}) is named on the platform of
     * each installed shop of {@code channel} (all channels when null): matched on the platform's logistics company
     * list (read through the shop's connector and cached), overridden in configuration, or missing.
     */
    List<CarrierCode> carrierCodes(String channel);

    /**
     * The platform's code for {@code carrier} on the shop's platform, or why there is none. Fulfilment asks this when a
     * parcel gets its carrier, so a missing translation is reported before a write-back depends on it.
     *
     * @return the translation; {@link CarrierCode#mapped()} is false when the write-back could not be made
     * @throws IllegalArgumentException when no connector of the shop is installed
     */
    CarrierCode carrierCode(String channel, String shop, String carrier);

    /**
     * Reads the platform's logistics company list again for every installed shop of {@code channel} (all when null).
     *
     * @return the shops whose list was read
     */
    int refreshCarriers(String channel);

    /**
     * The listings kept for the shops of {@code channel} (all when null), of {@code shop} (all when null), only the
     * unmatched ones when {@code unmatchedOnly}; in {@link ChannelListing#KEY_ORDER} (since 4.2).
     */
    List<ChannelListing> listings(String channel, String shop, boolean unmatchedOnly);

    /**
     * Downloads one shop's listings now through its connector ({@link ChannelConnector#listings}), keeps them, matches
     * them to master SKUs by outer code and saves the catalog mappings of the matched ones.
     *
     * @throws IllegalArgumentException when no such shop is configured or it cannot list ({@link
     *     ChannelConnector.Capability#LISTINGS})
     * @throws ChannelException when the platform refuses
     */
    ListingReport refreshListings(String channel, String shop);
}

package org.ordertower.channels.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.ordertower.api.Access;
import org.ordertower.api.Actor;
import org.ordertower.api.Caller;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderNotFoundException;
import org.ordertower.api.channel.CarrierCode;
import org.ordertower.api.channel.ChannelConnector;
import org.ordertower.api.channel.ChannelConnector.Capability;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelListing;
import org.ordertower.api.channel.DecryptRequest;
import org.ordertower.api.channel.ListingReport;
import org.ordertower.api.channel.Receiver;
import org.ordertower.api.channel.RefundResult;
import org.ordertower.api.channel.ReturnOutcome;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.fulfilment.Carriers;
import org.ordertower.api.inventory.StockUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The calls made to one shop's connector on request: ship (carrier code translated first), stock updates, refunds,
 * decrypting a receiver (audited), and the shop's vocabularies (carrier codes, listings) through {@link Vocabulary}.
 */
final class ShopCalls {
    private final Logger logger = LoggerFactory.getLogger(ShopCalls.class);
    private final ChannelContext ctx;

    ShopCalls(ChannelContext ctx) {
        this.ctx = ctx;
    }

    /** Sets a listing's quantity through the connector of the update's shop. */
    void updateStock(String channel, StockUpdate update) {
        Shop shop = ctx.find(channel, update.shop());
        if (shop == null) {
            throw new ChannelException(ChannelException.Kind.PERMANENT,
                    "no shop " + update.shop() + " is configured for channel " + channel);
        }
        shop.pushes.mark();
        try {
            shop.connector.updateStock(ctx.vocabulary.resolve(shop.connector, update));
        } catch (ChannelException e) {
            shop.pushFailures.incrementAndGet();
            if (e.kind() == ChannelException.Kind.RATE_LIMITED) {
                shop.rateLimited.incrementAndGet();
            }
            throw e;
        } catch (RuntimeException e) {
            shop.pushFailures.incrementAndGet();
            throw e;
        }
    }

    ShipResult ship(String channel, String shop, Shipment shipment) {
        Shop s = ctx.installed(channel, shop);
        if (!s.connector.capabilities().contains(ChannelConnector.Capability.SHIP)) {
            throw new ChannelException(ChannelException.Kind.PERMANENT, "channel " + channel + " cannot ship");
        }
        CarrierCode code = carrierCode(s, shipment.carrierCode());
        if (!code.mapped()) {
            throw new ChannelException(ChannelException.Kind.TRANSIENT, code.problem(), null,
                    Duration.ofMinutes(5), null);
        }
        return s.connector.ship(new Shipment(shipment.platformOrderId(), shipment.lineNos(), code.shipCode(),
                shipment.trackingNo()));
    }

    /** The translation of {@code carrier} on the shop's platform; the platform's list is read first if it never was. */
    private CarrierCode carrierCode(Shop s, String carrier) {
        CarrierCode code = ctx.vocabulary.translate(s.connector, carrier);
        if (!code.mapped() && CarrierCode.MISSING.equals(code.source()) && !ctx.vocabulary.hasCarriers(s.connector)) {
            ctx.vocabulary.refreshCarriers(s.connector);
            code = ctx.vocabulary.translate(s.connector, carrier);
        }
        return code;
    }

    List<CarrierCode> carrierCodes(String channel) {
        List<CarrierCode> out = new ArrayList<>();
        for (Shop s : ctx.sorted()) {
            if (channel == null || s.channel.equals(channel)) {
                for (String carrier : Carriers.codes()) {
                    out.add(carrierCode(s, carrier));
                }
            }
        }
        return out;
    }

    CarrierCode carrierCode(String channel, String shop, String carrier) {
        Shop s = ctx.find(channel, shop);
        if (s == null) {
            throw new IllegalArgumentException("no connector of shop " + shop + " of channel " + channel + " is installed");
        }
        return carrierCode(s, carrier);
    }

    int refreshCarriers(String channel) {
        int n = 0;
        for (Shop s : ctx.sorted()) {
            if ((channel == null || s.channel.equals(channel)) && ctx.vocabulary.refreshCarriers(s.connector)) {
                n++;
            }
        }
        return n;
    }

    List<ChannelListing> listings(String channel, String shop, boolean unmatchedOnly) {
        List<ChannelListing> out = new ArrayList<>();
        for (Shop s : ctx.sorted()) {
            if ((channel == null || s.channel.equals(channel)) && (shop == null || s.shop.equals(shop))) {
                ctx.vocabulary.listingsOf(s.channel, s.shop).values().stream().filter(l -> !unmatchedOnly || !l.matched())
                        .forEach(out::add);
            }
        }
        out.sort(ChannelListing.KEY_ORDER);
        return out;
    }

    ListingReport refreshListings(String channel, String shop) {
        Shop s = ctx.find(channel, shop);
        if (s == null) {
            throw new IllegalArgumentException("no shop " + shop + " of channel " + channel + " is configured");
        }
        return s.refreshListings();
    }

    RefundResult returnReceived(String channel, String shop, ReturnOutcome outcome) {
        Shop s = ctx.installed(channel, shop);
        if (!s.connector.capabilities().contains(ChannelConnector.Capability.REFUND)) {
            throw new UnsupportedOperationException("channel " + channel + " cannot report refunds");
        }
        return s.connector.returnReceived(outcome);
    }

    /** Decrypts an order's receiver for a caller allowed buyer data, with a reason recorded in the order's audit trail. */
    Receiver decryptReceiver(long orderId, Caller caller, String reason) {
        Objects.requireNonNull(caller, "caller");
        Access.requireBuyerData(caller, "decrypting the receiver of order " + orderId);
        Actor actor = caller.actor();
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reason is required to decrypt the receiver of order " + orderId
                    + "; it goes into the order's audit trail");
        }
        Order order = ctx.orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        NormalizedOrder content = order.content();
        String channel = content.channel();
        Shop shop = ctx.find(channel, content.shop());
        if (shop == null) {
            throw new IllegalArgumentException("order " + orderId + " came from " + channel + " shop " + content.shop()
                    + ", which has no connector installed here, so its receiver cannot be decrypted;"
                    + " it keeps what the channel gave");
        }
        if (!shop.connector.capabilities().contains(Capability.DECRYPT)) {
            throw new IllegalArgumentException("order " + orderId + " came from " + channel + ", whose connector cannot decrypt"
                    + " buyer data (it does " + shop.connector.capabilities() + "); the order keeps what the platform gave");
        }
        try (MDC.MDCCloseable c = MDC.putCloseable("channel", channel); MDC.MDCCloseable s = MDC.putCloseable("shop", shop.shop);
                MDC.MDCCloseable o = MDC.putCloseable("orderId", String.valueOf(orderId))) {
            Receiver receiver;
            try {
                receiver = shop.connector.decrypt(DecryptRequest.of(content));
            } catch (ChannelException e) {
                logger.debug("Decrypting the receiver of order {} for {} was refused: {} {}", orderId, actor, e.kind(),
                        e.getMessage());
                throw e;
            }
            List<String> fields = receiver.fields();
            // recorded before the plaintext leaves: no audit row, no plaintext
            ctx.orders.audit(orderId, actor, ChannelRuntime.DECRYPTED, fields.isEmpty() ? null : String.join(",", fields),
                    reason.strip());
            logger.debug("Decrypted the {} of order {} for {}", fields, orderId, actor);
            return receiver;
        }
    }
}

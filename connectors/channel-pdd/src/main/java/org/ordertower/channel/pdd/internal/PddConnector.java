package org.ordertower.channel.pdd.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.channel.ChannelConnector;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ListingPage;
import org.ordertower.api.channel.LogisticsCompany;
import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.PullPage;
import org.ordertower.api.channel.PullPolicy;
import org.ordertower.api.channel.PushEvent;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.channel.TokenStore;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.channel.pdd.internal.api.PddClient;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Pinduoduo shop. Wiring only: pull and fetch in {@link PddPuller}, ship, stock and the logistics company list in
 * {@link PddFulfilment}, listings in {@link PddListings}, mapping in {@link PddOrderMapper}, HTTP in {@link PddClient}, pushes from PDD's WebSocket message service in
 * {@link PddMessages} (MESSAGES, when a message URL and the shop's mall id are configured; the pull runs as well and
 * catches what a push lost).
 */
@Component(configurationPid = PddConstants.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = ChannelConnector.class)
@Designate(ocd = PddConfig.class, factory = true)
public final class PddConnector implements ChannelConnector {
    /**
     * 30-minute windows (the increment call's limit), 1-minute overlap, 3 minutes behind PDD's clock (the doc:
     * keep end_updated_at at least 3 minutes before PDD time), every minute, 90 days back.
     */
    static final PullPolicy POLICY = new PullPolicy(Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofMinutes(3),
            Duration.ofMinutes(1), Duration.ofDays(90));

    private final Logger logger = LoggerFactory.getLogger(PddConnector.class);
    private final PddSettings settings;
    private final PddClient client;
    private final PddPuller puller;
    private final PddFulfilment fulfilment;
    private final PddListings listings;
    private final PddOrderMapper mapper = new PddOrderMapper();
    private final PddMessages messages;

    @Activate
    public PddConnector(PddConfig config, @Reference(cardinality = ReferenceCardinality.OPTIONAL) TokenStore tokens) {
        this(PddSettings.from(config, tokens), PddMessageSettings.from(config));
        logger.info("pdd connector for shop {} up ({}, {})", settings.shop(), settings.gatewayUrl(),
                messages == null ? "pull only" : "pushes from " + config.messageUrl().strip());
        if (messages == null && config.messageUrl() != null && !config.messageUrl().isBlank()) {
            logger.warn("pdd shop {}: pushes are off because mallId is not set and the shop is not a mall id; pulling only",
                    settings.shop());
        }
    }

    /** For tests and embedding: settings built by hand, pull only. */
    public PddConnector(PddSettings settings) {
        this(settings, null);
    }

    /**
     * For tests and embedding: settings built by hand; with message settings the connection to the message service
     * opens at once, without them the shop only pulls.
     */
    public PddConnector(PddSettings settings, PddMessageSettings messageSettings) {
        this.settings = settings;
        this.client = new PddClient(settings);
        this.puller = new PddPuller(client, settings.pageSize());
        this.fulfilment = new PddFulfilment(client);
        this.listings = new PddListings(client, settings.pageSize());
        // the message service signs its connection with a timestamp too: by PDD's clock, as the calls
        this.messages = messageSettings == null ? null : new PddMessages(settings.with(client.clock(),
                settings.clientSecret(), settings.appRatePerSecond(), settings.shopRatePerSecond()), messageSettings);
    }

    /** Closes the message connection. */
    @Deactivate
    public void close() {
        if (messages != null) {
            messages.close();
        }
    }

    @Override
    public String channelId() {
        return PddConstants.CHANNEL;
    }

    @Override
    public String shop() {
        return settings.shop();
    }

    @Override
    public String displayName() {
        return "Pinduoduo " + settings.shop();
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> c = EnumSet.of(Capability.PULL, Capability.SHIP, Capability.STOCK, Capability.CARRIERS,
                Capability.LISTINGS);
        if (messages != null) {
            c.add(Capability.MESSAGES);
        }
        return c;
    }

    @Override
    public PullPolicy pullPolicy() {
        return POLICY;
    }

    @Override
    public Instant platformTime() {
        return client.platformTime();
    }

    @Override
    public PullPage pull(Instant from, Instant to, String page) {
        return puller.pull(from, to, page);
    }

    @Override
    public PlatformOrder fetch(String platformOrderId) {
        return puller.fetch(platformOrderId);
    }

    /**
     * The buffered pushes, up to {@code max}; each is handed out again if PDD sends it again before it is confirmed.
     *
     * @throws ChannelException AUTH once after each refused connection attempt (a wrong secret), TRANSIENT once after
     *     each attempt that could not reach the service, when nothing is buffered
     */
    @Override
    public List<PushEvent> consumeMessages(int max) {
        if (messages == null) {
            throw unsupported(Capability.MESSAGES);
        }
        return messages.consume(max);
    }

    /** Sends the Ack frames; a message whose Ack cannot go out (no connection) is delivered again by PDD. */
    @Override
    public void confirmMessages(List<String> messageIds) {
        if (messages == null) {
            throw unsupported(Capability.MESSAGES);
        }
        messages.confirm(messageIds);
    }

    /** The message connection's state, or null when the shop only pulls. */
    public PddMessages.Status messageStatus() {
        return messages == null ? null : messages.status();
    }

    @Override
    public NormalizedOrder map(String shop, String payload) {
        return mapper.map(shop, payload);
    }

    @Override
    public ShipResult ship(Shipment shipment) {
        return fulfilment.ship(shipment);
    }

    /** Needs StockUpdate.itemId = PDD's goods_id and channelSku = its sku_id (or outerCode = the SKU's outer_id). */
    @Override
    public void updateStock(StockUpdate update) {
        fulfilment.updateStock(update);
    }

    /** The companies {@code pdd.logistics.companies.get} marks available; shipCode is PDD's numeric logistics_id. */
    @Override
    public List<LogisticsCompany> logisticsCompanies() {
        return fulfilment.logisticsCompanies();
    }

    /** One {@code pdd.goods.list.get} page of the goods on sale, one listing per SKU. */
    @Override
    public ListingPage listings(String page) {
        return listings.listings(page);
    }

    @Override
    public String toString() {
        return "PddConnector[" + settings + "]";
    }
}

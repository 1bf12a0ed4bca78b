package org.ordertower.channel.taobao.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.channel.ChannelConnector;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.DecryptRequest;
import org.ordertower.api.channel.ListingPage;
import org.ordertower.api.channel.LogisticsCompany;
import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.PullPage;
import org.ordertower.api.channel.PullPolicy;
import org.ordertower.api.channel.PushEvent;
import org.ordertower.api.channel.Receiver;
import org.ordertower.api.channel.RefundResult;
import org.ordertower.api.channel.ReturnOutcome;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.channel.TokenStore;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.channel.taobao.internal.api.TaobaoClient;
import org.ordertower.channel.taobao.internal.api.TaobaoSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Taobao/Tmall shop. Wiring only: the logic is in the puller, messages, write-back, refunds, decryptor, carriers,
 * listings and mapper.
 */
@Component(configurationPid = "org.ordertower.channel.taobao", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = ChannelConnector.class)
@Designate(ocd = TaobaoConfig.class, factory = true)
public final class TaobaoConnector implements ChannelConnector {
    /** 30-minute windows as apiId=128 advises (the limit is a day), 1-minute overlap, 3 minutes behind, 90 days kept. */
    static final PullPolicy POLICY = new PullPolicy(Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofMinutes(3),
            Duration.ofMinutes(1), Duration.ofDays(90));

    private final Logger logger = LoggerFactory.getLogger(TaobaoConnector.class);
    private final TaobaoSettings settings;
    private final TaobaoClient client;
    private final TaobaoOrderMapper mapper = new TaobaoOrderMapper();
    private final TaobaoPuller puller;
    private final TaobaoMessages messages;
    private final TaobaoWriteBack writeBack;
    private final TaobaoRefunds refunds;
    private final TaobaoDecryptor decryptor;
    private final TaobaoCarriers carriers;
    private final TaobaoListings listings;

    @Activate
    public TaobaoConnector(TaobaoConfig config, @Reference(cardinality = ReferenceCardinality.OPTIONAL) TokenStore tokens) {
        this(settings(config), tokens);
        logger.info("Taobao shop {} is up ({})", settings.shop(), settings.gatewayUrl());
    }

    /** For tests and tools: plain settings, an optional token store. */
    public TaobaoConnector(TaobaoSettings settings, TokenStore tokens) {
        this(settings, tokens, TaobaoConstants.LISTING_MAX_PAGE_SIZE);
    }

    /** As {@link #TaobaoConnector(TaobaoSettings, TokenStore)}, reading listings {@code listingPageSize} items a page (1..200). */
    TaobaoConnector(TaobaoSettings settings, TokenStore tokens, int listingPageSize) {
        this.settings = settings;
        this.client = new TaobaoClient(settings, tokens);
        this.puller = new TaobaoPuller(client);
        this.messages = new TaobaoMessages(client);
        this.writeBack = new TaobaoWriteBack(client);
        this.decryptor = new TaobaoDecryptor(client);
        this.refunds = new TaobaoRefunds(client);
        this.carriers = new TaobaoCarriers(client);
        this.listings = new TaobaoListings(client, listingPageSize);
    }

    static TaobaoSettings settings(TaobaoConfig c) {
        Instant expires = null;
        if (c.tokenExpiresAt() != null && !c.tokenExpiresAt().isBlank()) {
            try {
                expires = Instant.parse(c.tokenExpiresAt().strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("tokenExpiresAt must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
            }
        }
        return new TaobaoSettings(c.gatewayUrl(), c.oauthUrl(), c.appKey(), org.ordertower.api.ConfigSecrets.resolve("appSecret", c.appSecret()), c.shop(),
                org.ordertower.api.ConfigSecrets.resolve("accessToken", c.accessToken()),
                org.ordertower.api.ConfigSecrets.resolve("refreshToken", c.refreshToken()), expires, c.appRatePerSecond(), c.shopRatePerSecond(), c.timeoutSeconds(), c.signMethod(),
                c.tmcGroup(), Clock.systemUTC());
    }

    @Override
    public String channelId() {
        return TaobaoConstants.CHANNEL;
    }

    @Override
    public String shop() {
        return settings.shop();
    }

    @Override
    public String displayName() {
        return "Taobao/Tmall " + settings.shop();
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.PULL, Capability.MESSAGES, Capability.SHIP, Capability.STOCK, Capability.DECRYPT,
                Capability.REFUND, Capability.CARRIERS, Capability.LISTINGS);
    }

    @Override
    public PullPolicy pullPolicy() {
        return POLICY;
    }

    /** TOP's clock, as the Date header of its answers shows it. */
    @Override
    public Instant platformTime() {
        return client.clock().instant();
    }

    @Override
    public PullPage pull(Instant from, Instant to, String page) {
        return puller.pull(from, to, page);
    }

    @Override
    public PlatformOrder fetch(String platformOrderId) {
        JsonNode trade = client.call(TaobaoConstants.TRADE_FULLINFO,
                Map.of("fields", TaobaoConstants.TRADE_FIELDS, "tid", platformOrderId)).path("trade");
        if (!trade.isObject()) {
            throw new ChannelException(Kind.PERMANENT, "TOP answered no trade for tid " + platformOrderId);
        }
        return TaobaoTrades.platformOrder(trade);
    }

    @Override
    public List<PushEvent> consumeMessages(int max) {
        return messages.consume(max);
    }

    @Override
    public void confirmMessages(List<String> messageIds) {
        messages.confirm(messageIds);
    }

    @Override
    public NormalizedOrder map(String shop, String payload) {
        return mapper.map(shop, payload);
    }

    @Override
    public RefundResult returnReceived(ReturnOutcome outcome) {
        return refunds.returnReceived(outcome);
    }

    @Override
    public ShipResult ship(Shipment shipment) {
        return writeBack.ship(shipment);
    }

    @Override
    public void updateStock(StockUpdate update) {
        writeBack.updateStock(update);
    }

    /** {@code taobao.logistics.companies.get}: ship code = platform code = the company's {@code code}. */
    @Override
    public List<LogisticsCompany> logisticsCompanies() {
        return carriers.companies();
    }

    /** {@code taobao.items.onsale.get} then {@code taobao.items.seller.list.get} for the page's SKUs. */
    @Override
    public ListingPage listings(String page) {
        return listings.page(page);
    }

    @Override
    public Receiver decrypt(DecryptRequest request) {
        return decryptor.decrypt(request);
    }

    @Override
    public String toString() {
        return "TaobaoConnector[" + settings + "]";
    }
}

package org.ordertower.channel.douyin.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.channel.ChannelConnector;
import org.ordertower.api.channel.DecryptRequest;
import org.ordertower.api.channel.ListingPage;
import org.ordertower.api.channel.LogisticsCompany;
import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.PullPage;
import org.ordertower.api.channel.PullPolicy;
import org.ordertower.api.channel.PushEvent;
import org.ordertower.api.channel.PushRequest;
import org.ordertower.api.channel.Receiver;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.channel.TokenStore;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.channel.douyin.internal.api.DouyinClient;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Douyin shop. Wiring only: the work is done by the client, the shop calls (orders, ship, stock, decrypt), the
 * catalog calls (logistics companies, listings), the mapper and the push verifier.
 */
@Component(configurationPid = "org.ordertower.channel.douyin", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = ChannelConnector.class)
@Designate(ocd = DouyinConfig.class, factory = true)
public final class DouyinConnector implements ChannelConnector {
    /** 30-minute windows, 1 minute of overlap, 3 minutes behind the clock, every minute, 90 days back. */
    static final PullPolicy POLICY = new PullPolicy(Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofMinutes(3),
            Duration.ofMinutes(1), Duration.ofDays(90));

    private final Logger logger = LoggerFactory.getLogger(DouyinConnector.class);
    private final DouyinSettings settings;
    private final DouyinShopCalls calls;
    private final org.ordertower.connector.kit.PlatformClock clock;
    private final DouyinCatalogCalls catalog;
    private final DouyinOrderMapper mapper = new DouyinOrderMapper();
    private final DouyinPushVerifier pushes;

    @Activate
    public DouyinConnector(DouyinConfig config, @Reference(cardinality = ReferenceCardinality.OPTIONAL) TokenStore tokens) {
        this(DouyinSettings.from(config, tokens));
        logger.info("douyin shop {} up (gateway {})", settings.shop(), settings.gatewayUrl());
    }

    /** For tests and embedding: settings built in code. */
    public DouyinConnector(DouyinSettings settings) {
        this.settings = settings.check();
        DouyinClient client = new DouyinClient(settings);
        this.clock = client.clock();
        this.calls = new DouyinShopCalls(client);
        this.catalog = new DouyinCatalogCalls(client, settings.shop(), settings.listingPageSize());
        this.pushes = new DouyinPushVerifier(settings.appKey(), settings.appSecret(), settings.pushMaxAge());
    }

    @Override
    public String channelId() {
        return DouyinConstants.CHANNEL;
    }

    @Override
    public String shop() {
        return settings.shop();
    }

    @Override
    public String displayName() {
        return "Douyin shop " + settings.shop();
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.PULL, Capability.WEBHOOK, Capability.SHIP, Capability.STOCK, Capability.DECRYPT,
                Capability.CARRIERS, Capability.LISTINGS);
    }

    @Override
    public PullPolicy pullPolicy() {
        return POLICY;
    }

    /** The open platform's clock, as the Date header of its answers shows it. */
    @Override
    public Instant platformTime() {
        return clock.instant();
    }

    @Override
    public PullPage pull(Instant from, Instant to, String page) {
        return calls.pull(from, to, page);
    }

    @Override
    public PlatformOrder fetch(String platformOrderId) {
        return calls.fetch(platformOrderId);
    }

    @Override
    public List<PushEvent> verifyPush(PushRequest request) {
        return pushes.verify(request);
    }

    @Override
    public NormalizedOrder map(String shop, String payload) {
        return mapper.map(shop, payload);
    }

    @Override
    public ShipResult ship(Shipment shipment) {
        return calls.ship(shipment);
    }

    @Override
    public void updateStock(StockUpdate update) {
        calls.updateStock(update);
    }

    @Override
    public Receiver decrypt(DecryptRequest request) {
        return calls.decrypt(request);
    }

    @Override
    public List<LogisticsCompany> logisticsCompanies() {
        return catalog.logisticsCompanies();
    }

    @Override
    public ListingPage listings(String page) {
        return catalog.listings(page);
    }

    @Override
    public String toString() {
        return "DouyinConnector[" + settings + "]";
    }
}

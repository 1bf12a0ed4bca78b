package org.ordertower.channel.jd.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.channel.ChannelConnector;
import org.ordertower.api.channel.ListingPage;
import org.ordertower.api.channel.LogisticsCompany;
import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.PullPage;
import org.ordertower.api.channel.PullPolicy;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.channel.TokenStore;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.channel.jd.internal.api.JdClient;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JD POP shop. Wiring only: pull and fetch in {@link JdPuller}, shipment and stock in {@link JdFulfilment},
 * logistics companies and listings in {@link JdCatalog}, mapping in {@link JdOrderMapper}, HTTP in {@link JdClient}.
 * JD pushes order and ware messages through JMQ, which only its message SDK consumes, so this connector pulls (no
 * WEBHOOK or MESSAGES capability, hence no listing-changed events either).
 */
@Component(configurationPid = JdConstants.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = ChannelConnector.class)
@Designate(ocd = JdConfig.class, factory = true)
public final class JdConnector implements ChannelConnector {
    /**
     * 30-minute windows (JD allows a month; short windows keep pages few and resumption cheap), 1-minute overlap,
     * 3 minutes behind the clock (orders land in the search index with a delay), every minute, and 90 days back: by
     * modified time JD shows only the last three months.
     */
    static final PullPolicy POLICY = new PullPolicy(Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofMinutes(3),
            Duration.ofMinutes(1), Duration.ofDays(90));

    private final Logger logger = LoggerFactory.getLogger(JdConnector.class);
    private final JdSettings settings;
    private final JdPuller puller;
    private final org.ordertower.connector.kit.PlatformClock clock;
    private final JdFulfilment fulfilment;
    private final JdCatalog catalog;
    private final JdOrderMapper mapper = new JdOrderMapper();

    @Activate
    public JdConnector(JdConfig config, @Reference(cardinality = ReferenceCardinality.OPTIONAL) TokenStore tokens) {
        this(JdSettings.from(config, tokens));
        logger.info("jd connector for shop {} up ({})", settings.shop(), settings.gatewayUrl());
    }

    /** For tests and embedding: settings built by hand. */
    public JdConnector(JdSettings settings) {
        this.settings = settings;
        JdClient client = new JdClient(settings);
        this.clock = client.clock();
        this.puller = new JdPuller(client, settings.pageSize());
        this.fulfilment = new JdFulfilment(client, puller);
        this.catalog = new JdCatalog(client, settings.pageSize());
    }

    @Override
    public String channelId() {
        return JdConstants.CHANNEL;
    }

    @Override
    public String shop() {
        return settings.shop();
    }

    @Override
    public String displayName() {
        return "JD " + settings.shop();
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.PULL, Capability.SHIP, Capability.STOCK, Capability.CARRIERS, Capability.LISTINGS);
    }

    @Override
    public PullPolicy pullPolicy() {
        return POLICY;
    }

    /** JOS's clock, as the Date header of its answers shows it. */
    @Override
    public Instant platformTime() {
        return clock.instant();
    }

    @Override
    public PullPage pull(Instant from, Instant to, String page) {
        return puller.pull(from, to, page);
    }

    @Override
    public PlatformOrder fetch(String platformOrderId) {
        return puller.fetch(platformOrderId);
    }

    @Override
    public NormalizedOrder map(String shop, String payload) {
        return mapper.map(shop, payload);
    }

    @Override
    public ShipResult ship(Shipment shipment) {
        return fulfilment.ship(shipment);
    }

    @Override
    public void updateStock(StockUpdate update) {
        fulfilment.updateStock(update);
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
        return "JdConnector[" + settings + "]";
    }
}

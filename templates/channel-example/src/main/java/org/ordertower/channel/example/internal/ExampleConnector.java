package org.ordertower.channel.example.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.channel.ChannelConnector;
import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.PullPage;
import org.ordertower.api.channel.PullPolicy;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.channel.TokenStore;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.channel.example.internal.api.ExampleClient;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Example Mall shop: one instance per factory configuration. Wiring only: pull and fetch in
 * {@link ExamplePuller}, shipment and stock in {@link ExampleFulfilment}, mapping in {@link ExampleOrderMapper}, HTTP
 * in {@link ExampleClient}. The platform has no push, no logistics company list and no listing call, so the
 * capabilities are PULL, SHIP and STOCK (carrier codes go to the ship call as OrderTower writes them).
 */
@Component(configurationPid = ExampleConstants.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = ChannelConnector.class)
@Designate(ocd = ExampleConfig.class, factory = true)
public final class ExampleConnector implements ChannelConnector {
    /**
     * 30-minute windows (the platform allows a day; short windows keep pages few), 1-minute overlap, 3 minutes behind
     * the clock, every minute, 90 days back (the platform keeps orders searchable that long).
     */
    static final PullPolicy POLICY = new PullPolicy(Duration.ofMinutes(30), Duration.ofMinutes(1),
            Duration.ofMinutes(3), Duration.ofMinutes(1), Duration.ofDays(90));

    private final Logger logger = LoggerFactory.getLogger(ExampleConnector.class);
    private final ExampleSettings settings;
    private final PullPolicy policy;
    private final ExamplePuller puller;
    private final ExampleFulfilment fulfilment;
    private final ExampleOrderMapper mapper = new ExampleOrderMapper();

    @Activate
    public ExampleConnector(ExampleConfig config,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL) TokenStore tokens) {
        this(ExampleSettings.from(config, tokens), lag(config.pullLagSeconds()));
        logger.info("example connector for shop {} up ({})", settings.shop(), settings.gatewayUrl());
    }

    /** For tests and embedding: settings built by hand, the platform's advised lag. */
    public ExampleConnector(ExampleSettings settings) {
        this(settings, POLICY.lag());
    }

    /** @param lag how far behind the platform's clock each pull window ends */
    public ExampleConnector(ExampleSettings settings, Duration lag) {
        this.policy = new PullPolicy(POLICY.maxWindow(), POLICY.overlap(), lag, POLICY.interval(), POLICY.maxLookBack());
        this.settings = settings;
        ExampleClient client = new ExampleClient(settings);
        this.puller = new ExamplePuller(client, settings.pageSize());
        this.fulfilment = new ExampleFulfilment(client);
    }

    @Override
    public String channelId() {
        return ExampleConstants.CHANNEL;
    }

    @Override
    public String shop() {
        return settings.shop();
    }

    @Override
    public String displayName() {
        return "Example Mall " + settings.shop();
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.PULL, Capability.SHIP, Capability.STOCK);
    }

    @Override
    public PullPolicy pullPolicy() {
        return policy;
    }

    private static Duration lag(int seconds) {
        if (seconds < 0 || seconds > 3600) {
            throw new IllegalArgumentException("pullLagSeconds must be 0..3600, was " + seconds);
        }
        return Duration.ofSeconds(seconds);
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
    public String toString() {
        return "ExampleConnector[" + settings + "]";
    }
}

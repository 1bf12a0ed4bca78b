package org.ordertower.channel.pdd.internal;

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
import org.ordertower.channel.pdd.internal.api.PddClient;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Pinduoduo shop. Wiring only: pull and fetch in {@link PddPuller}, ship and stock in {@link PddFulfilment},
 * mapping in {@link PddOrderMapper}, HTTP in {@link PddClient}. PDD's push is a WebSocket message service that
 * only its Java SDK speaks, so this connector pulls (no WEBHOOK/MESSAGES capability).
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
    private final PddOrderMapper mapper = new PddOrderMapper();

    @Activate
    public PddConnector(PddConfig config, @Reference(cardinality = ReferenceCardinality.OPTIONAL) TokenStore tokens) {
        this(PddSettings.from(config, tokens));
        logger.info("pdd connector for shop {} up ({})", settings.shop(), settings.gatewayUrl());
    }

    /** For tests and embedding: settings built by hand. */
    public PddConnector(PddSettings settings) {
        this.settings = settings;
        this.client = new PddClient(settings);
        this.puller = new PddPuller(client, settings.pageSize());
        this.fulfilment = new PddFulfilment(client);
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
        return Set.of(Capability.PULL, Capability.SHIP, Capability.STOCK);
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
        return "PddConnector[" + settings + "]";
    }
}

package org.ordertower.sim.kit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.SimulatorOptions;

/**
 * The lifecycle every marketplace simulator shares, around the protocol that is its own: an HTTP {@link SimServer}
 * on 127.0.0.1 and one shop's {@link SimOrderBook}, started together ({@link #begin}: serve, then generate orders at
 * the options' rate), the order rate, the counters (the server's, {@code orders}, and the platform's own through
 * {@link #addCounters}), the test hooks on the HTTP side, the shop's configuration for a connector, and closing (the
 * generator, what the platform adds in {@link #closePlatform}, then the server). A subclass routes its paths on
 * {@link #server()} and answers them in its platform's shapes. Thread-safe.
 */
public abstract class SimChannelSimulator implements RunningSimulator {
    private final String channelId;
    private final SimServer server;
    private final SimOrderBook book;

    /**
     * Binds {@code port} (0: any free port) on 127.0.0.1; {@link #begin} serves.
     *
     * @param channelId the connector's channel id
     * @param book the shop's orders
     * @throws IllegalStateException when the port cannot be bound
     */
    protected SimChannelSimulator(String channelId, int port, SimOrderBook book) {
        this.channelId = channelId;
        this.book = book;
        this.server = new SimServer(port);
    }

    /**
     * Serves and generates orders at the options' rate: the last step of a simulator's {@code start}. The setting
     * {@code anomalies} (a share, 0..0.5) labels that share of the orders with an anomaly; the control paths
     * ({@code /_sim/}, see {@link SimControl}) are served beside the platform's.
     */
    protected static <S extends SimChannelSimulator> S begin(S sim, SimulatorOptions options) {
        String share = options.settings().get("anomalies");
        if (share != null && !share.isBlank()) {
            try {
                sim.book().anomalies(Double.parseDouble(share.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("anomalies must be a share such as 0.05, was '" + share + "'");
            }
        }
        sim.server().route(SimControl.PREFIX, new SimControl(sim));
        sim.server().start();
        sim.rate(options.ordersPerMinute(), options.peak());
        return sim;
    }

    @Override
    public final String channelId() {
        return channelId;
    }

    @Override
    public final int port() {
        return server.port();
    }

    /** The shop's orders (tests seed them, ship and change them, read stock through it). */
    public final SimOrderBook book() {
        return book;
    }

    /** The HTTP side: the calls received, counters, faults. */
    public final SimServer server() {
        return server;
    }

    /** Takes the platform down or makes it flaky (see {@link SimFaults}). */
    public SimFaults faults() {
        return server.faults();
    }

    /** The calls served (the last {@link SimServer#KEPT_CALLS}), oldest first. */
    public List<SimRequest> calls() {
        return server.calls();
    }

    /** The server's counters, {@code orders} (the book's size) and the platform's own. */
    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>(server.counters());
        c.put("orders", (long) book.size());
        addCounters(c);
        return c;
    }

    /**
     * The buyer as the platform shows {@code buyerId} to an app (an open id, a hash under the app's key), which is what a
     * merchant's blacklist holds; null when the platform shows no buyer id at all (Pinduoduo). The buyer's own id by
     * default.
     */
    public String platformBuyerId(String buyerId) {
        return buyerId;
    }

    /**
     * The order's id as the platform shows it to an app, which is what the node keeps as the platform order id (Pinduoduo
     * prefixes the day: {@code 261207-...}). The book's id by default.
     */
    public String platformOrderId(SimOrder order) {
        return order.orderId;
    }

    /** Adds the platform's own counters (pending messages, ship calls...); none by default. */
    protected void addCounters(Map<String, Long> counters) {
    }

    @Override
    public final void rate(double ordersPerMinute, boolean peak) {
        book.generate(ordersPerMinute, peak);
    }

    /**
     * A shop's configuration under the channel connectors' keys: {@code shop} (the book's shop id), {@code appKey},
     * {@code appSecret}, {@code accessToken}, {@code refreshToken}, {@code gatewayUrl}, and the platform's own
     * ({@code more}). Holds secrets: never log it.
     */
    protected Map<String, String> shopConfiguration(String appKey, String appSecret, String accessToken,
            String refreshToken, Map<String, String> more) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("shop", book.shopId());
        c.put("appKey", appKey);
        c.put("appSecret", appSecret);
        c.put("accessToken", accessToken);
        c.put("refreshToken", refreshToken);
        c.put("gatewayUrl", gatewayUrl());
        c.putAll(more);
        return Collections.unmodifiableMap(c);
    }

    @Override
    public final void close() {
        book.close();
        closePlatform();
        server.close();
    }

    /** Stops what the platform adds (a pusher, a message service) after the generator, before the server. */
    protected void closePlatform() {
    }
}

package org.ordertower.api.sim;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A strict simulator of one marketplace, warehouse system or carrier service, registered as a service by its
 * simulator bundle ({@code simulators/sim-<platform>}), apart from the production connector. Tests, the demo, the
 * shell's {@code sim:*} commands and integrators start it; it speaks the platform's protocol and refuses what the
 * platform refuses.
 */
@ConsumerType
public interface Simulator {
    /** What it simulates. */
    enum Kind {
        /** A marketplace: its connector is a {@code ChannelConnector}, its configuration a shop. */
        CHANNEL,
        /** A warehouse system: its connector is a {@code WarehouseConnector}. */
        WMS,
        /** A carrier or tracking service: its connector is a {@code CarrierConnector}. */
        CARRIER
    }

    /** The channel or partner id of the connector that talks to it ({@code taobao}, {@code qimen}...). */
    String platformId();

    Kind kind();

    /** A human name for consoles. */
    default String displayName() {
        return platformId();
    }

    /**
     * Starts a simulator: an HTTP server speaking the platform's protocol, generating orders at
     * {@link SimulatorOptions#ordersPerMinute()} where the platform has orders.
     *
     * @throws IllegalStateException when the port cannot be bound
     * @throws IllegalArgumentException naming a setting it cannot use
     */
    RunningSimulator start(SimulatorOptions options);

    /**
     * The settings that make a simulator serve a demo node: its callbacks go to the node, its warehouse holds the
     * demo's goods, its carriers are those the node ships with. None by default.
     */
    default Map<String, String> demoSettings(DemoNode node) {
        return Map.of();
    }

    /**
     * The configuration of the demo node's connector (shop or account) that talks to {@code running}: its
     * {@link RunningSimulator#shopConfiguration()} by default, with what the demo node names differently (its
     * warehouse, an account name) set. Holds secrets: never log it.
     */
    default Map<String, String> demoConnectorConfiguration(RunningSimulator running, DemoNode node) {
        return running.shopConfiguration();
    }

    /**
     * Fulfilment settings ({@code org.ordertower.fulfilment}) that make the demo node use this simulator's service,
     * such as {@code waybill.service} for an e-waybill service. None by default.
     */
    default Map<String, String> demoFulfilmentSettings(DemoNode node) {
        return Map.of();
    }
}

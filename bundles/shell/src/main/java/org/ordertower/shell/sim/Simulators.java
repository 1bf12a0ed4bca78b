package org.ordertower.shell.sim;

import java.util.ArrayList;
import java.util.List;

import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.RunningSimulator;
import org.ordertower.api.channel.SimulatorOptions;
import org.ordertower.api.fulfilment.FulfilmentService;

/**
 * The simulators of this node, whoever runs them: a marketplace's through the channel runtime
 * ({@link ChannelService}), a warehouse system's or carrier's through fulfilment ({@link FulfilmentService}).
 * Either service may be absent.
 */
final class Simulators {
    enum Owner {
        CHANNEL, PARTNER
    }

    private final ChannelService channels;
    private final FulfilmentService fulfilment;

    Simulators(ChannelService channels, FulfilmentService fulfilment) {
        this.channels = channels;
        this.fulfilment = fulfilment;
    }

    /**
     * Who runs the simulator of {@code id}.
     *
     * @throws IllegalArgumentException for an id neither installs, naming the installed ones
     */
    static Owner owner(String id, List<String> channels, List<String> partners) {
        if (channels.contains(id)) {
            return Owner.CHANNEL;
        }
        if (partners.contains(id)) {
            return Owner.PARTNER;
        }
        throw new IllegalArgumentException("no platform or partner '" + id + "' is installed; channels: " + channels
                + ", warehouse systems and carriers: " + partners);
    }

    List<String> channelIds() {
        return channels == null ? List.of() : channels.platforms();
    }

    List<String> partnerIds() {
        return fulfilment == null ? List.of() : fulfilment.partners();
    }

    Owner owner(String id) {
        return owner(id, channelIds(), partnerIds());
    }

    RunningSimulator start(String id, SimulatorOptions options) {
        return owner(id) == Owner.CHANNEL ? channels.startSimulator(id, options) : fulfilment.startSimulator(id, options);
    }

    /** False when none ran. */
    boolean stop(String id) {
        return owner(id) == Owner.CHANNEL ? channels.stopSimulator(id) : fulfilment.stopSimulator(id);
    }

    /** The channels' simulators, then the partners'. */
    List<RunningSimulator> running() {
        List<RunningSimulator> all = new ArrayList<>();
        if (channels != null) {
            all.addAll(channels.simulators());
        }
        if (fulfilment != null) {
            all.addAll(fulfilment.simulators());
        }
        return all;
    }
}

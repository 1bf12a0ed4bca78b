package org.ordertower.shell.channel;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.channel.CarrierCode;
import org.ordertower.api.channel.ChannelService;

@Service
@Command(scope = "channel", name = "carriers", description = "OrderTower's carrier codes as each shop's platform names them "
        + "(matched on the platform's logistics company list, overridden in configuration, or missing)")
public class CarriersCommand implements Action {
    @Reference
    ChannelService channels;

    @Argument(index = 0, name = "channel", description = "Only this channel", required = false)
    String channel;

    @Option(name = "--refresh", description = "Read the platforms' logistics company lists again first")
    boolean refresh;

    @Option(name = "--missing", description = "Only the carriers without a translation")
    boolean missing;

    @Override
    public Object execute() {
        if (refresh) {
            System.out.println("Read the logistics company list of " + channels.refreshCarriers(channel) + " shop(s)");
        }
        List<CarrierCode> codes = channels.carrierCodes(channel).stream().filter(c -> !missing || !c.mapped()).toList();
        if (codes.isEmpty()) {
            System.out.println(missing ? "Every carrier has a translation." : "No shop is configured"
                    + (channel == null ? "" : " for channel " + channel) + ".");
            return null;
        }
        System.out.printf("%-8s %-20s %-7s %-14s %-10s %s%n", "channel", "shop", "carrier", "platform code", "source",
                "platform name");
        long unmapped = 0;
        for (CarrierCode c : codes) {
            unmapped += c.mapped() ? 0 : 1;
            System.out.printf("%-8s %-20s %-7s %-14s %-10s %s%n", c.channel(), c.shop(), c.carrier(),
                    c.mapped() ? c.shipCode() : "-", c.source(), c.platformName() == null ? "" : c.platformName());
        }
        if (unmapped > 0) {
            System.out.println(unmapped + " missing: write-backs with these carriers wait; name them in "
                    + "etc/org.ordertower.core.cfg, channel.carrier.overrides = <channel>:<CARRIER>=<platform code>");
        }
        return null;
    }
}

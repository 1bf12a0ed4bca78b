package org.ordertower.shell.channel;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.channel.ChannelListing;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.ListingReport;
import org.ordertower.api.channel.ShopStatus;

@Service
@Command(scope = "channel", name = "listings", description = "Each shop's listings (platform item and SKU ids, outer code) "
        + "and the master SKU each is matched to; unmatched ones with the reason")
public class ListingsCommand implements Action {
    @Reference
    ChannelService channels;

    @Argument(index = 0, name = "channel", description = "Only this channel", required = false)
    String channel;

    @Argument(index = 1, name = "shop", description = "Only this shop", required = false)
    String shop;

    @Option(name = "--unmatched", description = "Only the listings not matched to a master SKU")
    boolean unmatched;

    @Option(name = "--refresh", description = "Download the shops' listings again first")
    boolean refresh;

    @Override
    public Object execute() {
        if (refresh) {
            for (ShopStatus s : channels.shops()) {
                boolean wanted = (channel == null || s.channel().equals(channel)) && (shop == null || s.shop().equals(shop));
                if (wanted && s.capabilities().contains(org.ordertower.api.channel.ChannelConnector.Capability.LISTINGS)) {
                    ListingReport r = channels.refreshListings(s.channel(), s.shop());
                    System.out.printf("%s/%s: %d listings in %d pages, %d matched, %d unmatched, %d new, %d gone, %d mappings "
                            + "saved%n", r.channel(), r.shop(), r.listings(), r.pages(), r.matched(), r.unmatched(), r.added(),
                            r.removed(), r.mappingsSaved());
                }
            }
        }
        List<ChannelListing> list = channels.listings(channel, shop, unmatched);
        if (list.isEmpty()) {
            System.out.println(unmatched ? "Every listing is matched to a master SKU." : "No listings are kept yet.");
            return null;
        }
        System.out.printf("%-8s %-16s %-20s %-20s %-14s %-14s %6s  %s%n", "channel", "shop", "item", "sku", "outer code",
                "master SKU", "qty", "title / problem");
        for (ChannelListing l : list) {
            System.out.printf("%-8s %-16s %-20s %-20s %-14s %-14s %6s  %s%n", l.channel(), l.shop(), l.itemId(), l.skuId(),
                    l.outerCode() == null ? "-" : l.outerCode(), l.matched() ? l.masterSku() : "UNMATCHED",
                    l.quantity() == null ? "-" : l.quantity().toString(), l.matched() ? l.title() : l.problem());
        }
        long n = list.stream().filter(l -> !l.matched()).count();
        System.out.println(list.size() + " listings, " + n + " unmatched" + (n == 0 ? "" : ": create the master SKU of each "
                + "outer code, or correct the outer code on the platform; nothing is guessed"));
        return null;
    }
}

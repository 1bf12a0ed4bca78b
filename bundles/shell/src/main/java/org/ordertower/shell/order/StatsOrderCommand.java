package org.ordertower.shell.order;

import java.time.Duration;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.OrderService;
import org.ordertower.api.OrderStats;
import org.ordertower.api.OrderStatus;

@Service
@Command(scope = "order", name = "stats", description = "Per channel: orders per status, the share handled without a person, "
        + "the review share, and created-to-shipped p50/p99")
public class StatsOrderCommand implements Action {
    @Reference
    OrderService orders;

    @Override
    public Object execute() {
        OrderStats s = orders.stats();
        System.out.printf("%-8s %7s %9s %8s %8s %9s %9s  %s%n", "channel", "orders", "no person", "review", "shipped",
                "ship p50", "ship p99", "by status");
        for (OrderStats.ChannelStats c : s.channels()) {
            print(c);
        }
        print(s.total());
        System.out.println("(no person: share of orders never in review nor frozen; ship: from creation on the platform to "
                + "SHIPPED)");
        return null;
    }

    private static void print(OrderStats.ChannelStats c) {
        StringBuilder statuses = new StringBuilder();
        for (OrderStatus st : OrderStatus.values()) {
            Long n = c.byStatus().get(st);
            if (n != null) {
                statuses.append(statuses.length() == 0 ? "" : " ").append(st.name()).append('=').append(n);
            }
        }
        System.out.printf("%-8s %7d %8.1f%% %7.1f%% %8d %9s %9s  %s%n", c.channel(), c.orders(), 100 * c.withoutPerson(),
                100 * c.reviewShare(), c.shipped(), time(c.createdToShippedP50()), time(c.createdToShippedP99()), statuses);
    }

    private static String time(Duration d) {
        if (d == null) {
            return "-";
        }
        return d.toSeconds() < 120 ? String.format("%.1fs", d.toMillis() / 1000.0) : String.format("%.1fm", d.toSeconds() / 60.0);
    }
}

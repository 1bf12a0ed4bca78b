package org.ordertower.shell.review;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.rules.ReviewItem;
import org.ordertower.api.rules.ReviewQueue;

@Service
@Command(scope = "review", name = "list", description = "Lists the orders waiting for a person (IN_REVIEW, FROZEN), oldest first, with why")
public class ListReviewCommand implements Action {
    @Reference
    ReviewQueue queue;

    @Option(name = "--limit", description = "Most orders shown (1 to 1000)")
    int limit = 50;

    @Override
    public Object execute() {
        List<ReviewItem> items = queue.list(limit);
        for (ReviewItem i : items) {
            NormalizedOrder c = i.order().content();
            System.out.printf("%-8d %-9s %s/%s/%s  since %s%s%n         %s%n", i.order().id(), i.order().status(), c.channel(),
                    c.shop(), c.platformOrderId(), i.since(), i.claimedBy() == null ? "" : "  claimed by " + i.claimedBy(),
                    i.reason());
        }
        System.out.println(items.size() + " orders waiting");
        return null;
    }
}

package org.ordertower.shell.review;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.rules.ReviewItem;
import org.ordertower.api.rules.ReviewQueue;
import org.ordertower.shell.ShellUser;

@Service
@Command(scope = "review", name = "claim", description = "Takes an order in the review queue: only you can decide it until then")
public class ClaimReviewCommand implements Action {
    @Reference
    ReviewQueue queue;

    @Argument(index = 0, name = "id", description = "The order id", required = true)
    long id;

    @Override
    public Object execute() {
        ReviewItem i = queue.claim(id, ShellUser.actor());
        System.out.println("order " + id + " claimed by " + i.claimedBy() + "; it waits because: " + i.reason());
        return null;
    }
}

package org.ordertower.shell.review;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.Actor;
import org.ordertower.api.Order;
import org.ordertower.api.rules.ReviewQueue;

@Service
@Command(scope = "review", name = "approve", description = "Approves an order in review: it goes on to READY (and is reserved)")
public class ApproveReviewCommand extends DecisionCommand {
    @Override
    Order decide(ReviewQueue queue, long id, Actor who, String reason) {
        return queue.approve(id, who, reason);
    }
}

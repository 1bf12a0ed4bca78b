package org.ordertower.shell.review;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.Actor;
import org.ordertower.api.Order;
import org.ordertower.api.rules.ReviewQueue;

@Service
@Command(scope = "review", name = "reject", description = "Rejects an order in review or frozen: it is cancelled")
public class RejectReviewCommand extends DecisionCommand {
    @Override
    Order decide(ReviewQueue queue, long id, Actor who, String reason) {
        return queue.reject(id, who, reason);
    }
}

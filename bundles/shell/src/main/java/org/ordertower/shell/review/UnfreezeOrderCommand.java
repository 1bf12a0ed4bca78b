package org.ordertower.shell.review;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.Actor;
import org.ordertower.api.Order;
import org.ordertower.api.rules.ReviewQueue;
import org.ordertower.shell.ShellUser;

@Service
@Command(scope = "order", name = "unfreeze", description = "Releases a frozen order into the review queue (role supervisor only)")
public class UnfreezeOrderCommand extends DecisionCommand {
    static final String SUPERVISOR = "supervisor";

    @Override
    Order decide(ReviewQueue queue, long id, Actor who, String reason) {
        return queue.unfreeze(id, who, ShellUser.hasRole(SUPERVISOR), reason);
    }
}

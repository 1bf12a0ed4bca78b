package org.ordertower.shell.review;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.ordertower.api.Actor;
import org.ordertower.api.Order;
import org.ordertower.api.rules.ReviewQueue;
import org.ordertower.shell.ShellUser;

/** A review decision on one order, with its reason (recorded in the audit trail). */
abstract class DecisionCommand implements Action {
    @Reference
    ReviewQueue queue;

    @Argument(index = 0, name = "id", description = "The order id", required = true)
    long id;

    @Argument(index = 1, name = "reason", description = "Why (recorded in the audit trail)", required = true, multiValued = true)
    List<String> reason;

    abstract Order decide(ReviewQueue queue, long id, Actor who, String reason);

    @Override
    public Object execute() {
        Order o = decide(queue, id, ShellUser.actor(), String.join(" ", reason));
        System.out.println("order " + o.id() + " is now " + o.status());
        return null;
    }
}

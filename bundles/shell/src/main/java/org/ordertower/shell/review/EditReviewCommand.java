package org.ordertower.shell.review;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.Actor;
import org.ordertower.api.Address;
import org.ordertower.api.Order;
import org.ordertower.api.OrderNotFoundException;
import org.ordertower.api.OrderService;
import org.ordertower.api.rules.ReviewQueue;

@Service
@Command(scope = "review", name = "edit", description = "Corrects an order in review (a line's master SKU, the address), then approves it")
public class EditReviewCommand extends DecisionCommand {
    @Reference
    OrderService orders;

    @Option(name = "--sku", description = "A line's master SKU, as <line>=<SKU>; repeat for several lines", multiValued = true)
    List<String> skus;

    @Option(name = "--address", description = "The whole address as province/city/district/street/detail (country and "
            + "postcode are kept)")
    String address;

    @Override
    Order decide(ReviewQueue queue, long id, Actor who, String reason) {
        Map<String, String> lineSkus = new LinkedHashMap<>();
        if (skus != null) {
            for (String s : skus) {
                int eq = s.indexOf('=');
                if (eq <= 0 || eq == s.length() - 1) {
                    throw new IllegalArgumentException("--sku takes <line>=<SKU>, was '" + s + "'");
                }
                lineSkus.put(s.substring(0, eq).strip(), s.substring(eq + 1).strip());
            }
        }
        return queue.editAndApprove(id, who, reason, address == null ? null : parse(id), lineSkus);
    }

    private Address parse(long id) {
        String[] p = address.split("/", -1);
        if (p.length != 5) {
            throw new IllegalArgumentException("--address takes province/city/district/street/detail, was '" + address + "'");
        }
        Address old = orders.find(id).orElseThrow(() -> new OrderNotFoundException(id)).content().address();
        return new Address(old == null ? null : old.country(), p[0].strip(), p[1].strip(), p[2].strip(), p[3].strip(),
                p[4].strip(), old == null ? null : old.postcode());
    }
}

package org.ordertower.rules.fulfilmentbasic.internal;

import java.util.List;
import java.util.Map;

import org.ordertower.api.Address;
import org.ordertower.api.Tags;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.api.rules.ScreeningRule;

/**
 * The merchant's carrier for the delivery province (the one with the best rate or speed there): tag
 * {@code carrier:<code>} from {@code carriers}, province to carrier code. Provinces not listed are
 * left to the routing defaults.
 */
record RegionCarrierRule(Map<String, String> carriers) implements ScreeningRule {

    RegionCarrierRule {
        carriers = Map.copyOf(carriers);
    }

    @Override
    public String name() {
        return "region-carrier";
    }

    @Override
    public List<Finding> evaluate(ScreeningContext context) {
        Address address = context.order().content().address();
        if (address == null || address.province() == null) {
            return List.of();
        }
        String province = address.province().strip();
        String carrier = carriers.get(province);
        return carrier == null ? List.of()
                : List.of(Finding.tag(Tags.carrier(carrier), "province " + province + " ships with " + carrier));
    }
}

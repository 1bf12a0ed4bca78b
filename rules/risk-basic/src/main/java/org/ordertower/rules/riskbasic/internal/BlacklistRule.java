package org.ordertower.rules.riskbasic.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.ordertower.api.Address;
import org.ordertower.api.Buyer;
import org.ordertower.api.Masking;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.api.rules.ScreeningRule;

/**
 * A buyer the merchant refuses to ship to (fraud, chargebacks, resellers): platform buyer id or phone
 * on a list, or address detail containing a listed fragment. FREEZE, saying which list matched.
 * Phones compare without spaces and dashes and show masked; a listed address shows as its position
 * in the list, not its text.
 */
record BlacklistRule(Set<String> buyers, Set<String> phones, List<String> addresses) implements ScreeningRule {

    BlacklistRule {
        buyers = Set.copyOf(buyers);
        phones = phones.stream().map(BlacklistRule::phone).collect(Collectors.toUnmodifiableSet());
        addresses = List.copyOf(addresses);
    }

    @Override
    public String name() {
        return "blacklist";
    }

    @Override
    public List<Finding> evaluate(ScreeningContext context) {
        Buyer buyer = context.order().content().buyer();
        Address address = context.order().content().address();
        List<String> matches = new ArrayList<>();
        if (buyer != null && buyer.platformBuyerId() != null && buyers.contains(buyer.platformBuyerId().strip())) {
            matches.add("buyer " + buyer.platformBuyerId().strip() + " is in blacklist.buyers");
        }
        if (buyer != null && buyer.phone() != null && phones.contains(phone(buyer.phone()))) {
            matches.add("phone " + Masking.phone(phone(buyer.phone())) + " is in blacklist.phones");
        }
        if (address != null && address.detail() != null) {
            for (int i = 0; i < addresses.size(); i++) {
                if (address.detail().contains(addresses.get(i))) {
                    matches.add("address detail contains entry " + (i + 1) + " of blacklist.addresses");
                    break;
                }
            }
        }
        return matches.isEmpty() ? List.of() : List.of(Finding.freeze("blacklisted: " + String.join("; ", matches)));
    }

    private static String phone(String phone) {
        return phone.replaceAll("[\\s-]", "");
    }
}

package org.ordertower.rules.riskbasic.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ordertower.api.Address;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.Finding.Fix;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.api.rules.ScreeningRule;

/**
 * An address a carrier cannot deliver to: province, city, district or detail missing. When only the
 * district is missing and {@code defaultDistricts} names one for the province and city ({@code
 * 省/市}, for cities with a single district or where the merchant ships to one depot), the address is
 * completed (AUTO_FIX); otherwise a person completes it (REVIEW).
 */
record AddressRule(Map<String, String> defaultDistricts) implements ScreeningRule {
    private static final Address NONE = new Address(null, null, null, null, null, null, null);

    AddressRule {
        defaultDistricts = Map.copyOf(defaultDistricts);
    }

    @Override
    public String name() {
        return "address";
    }

    @Override
    public List<Finding> evaluate(ScreeningContext context) {
        Address given = context.order().content().address();
        Address a = given == null ? NONE : given;
        List<String> missing = new ArrayList<>();
        missing(missing, "province", a.province());
        missing(missing, "city", a.city());
        missing(missing, "district", a.district());
        missing(missing, "detail", a.detail());
        if (missing.isEmpty()) {
            return List.of();
        }
        if (missing.equals(List.of("district"))) {
            String region = a.province().strip() + "/" + a.city().strip();
            String district = defaultDistricts.get(region);
            if (district != null) {
                Address completed = new Address(a.country(), a.province(), a.city(), district, a.street(), a.detail(),
                        a.postcode());
                return List.of(new Finding(RiskLevel.AUTO_FIX,
                        "district missing, completed as " + district + " for " + region, new Fix(List.of(), completed)));
            }
        }
        return List.of(Finding.review("incomplete address: missing " + String.join(", ", missing)));
    }

    private static void missing(List<String> missing, String field, String value) {
        if (Orders.isBlank(value)) {
            missing.add(field);
        }
    }
}

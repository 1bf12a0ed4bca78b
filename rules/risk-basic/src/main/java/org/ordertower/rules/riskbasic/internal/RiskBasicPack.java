package org.ordertower.rules.riskbasic.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ordertower.api.rules.PackParameters;
import org.ordertower.api.rules.RulePack;
import org.ordertower.api.rules.ScreeningRule;
import org.osgi.service.component.annotations.Component;

/**
 * The rule pack {@code risk-basic}: the fraud and mistake checks most merchants want on every order
 * (duplicates, gifts, address clusters, low stock, price deviation, incomplete addresses, unpaid
 * orders, purchase limits, blacklists). Its parameters come from {@code
 * etc/org.ordertower.rules-risk-basic.cfg} through the rules engine; this component reads no
 * configuration of its own. Stateless and thread-safe.
 */
@Component(service = RulePack.class)
public final class RiskBasicPack implements RulePack {
    static final String NAME = "risk-basic";

    private static final Map<String, String> DEFAULTS = defaultsOf(
            "zone", "Asia/Shanghai",
            "duplicate.window.minutes", "5",
            "gift.min.amount", "0.00",
            "gift.ineligible.action", "review",
            "cluster.amount", "5000.00",
            "cluster.frequency", "3",
            "price.review.ratio", "0.85",
            "price.freeze.ratio", "0.50",
            "low.stock.units", "3",
            "address.default.district", "",
            "purchase.limit.default", "0",
            "purchase.limits", "",
            "blacklist.buyers", "",
            "blacklist.phones", "",
            "blacklist.addresses", "");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> defaults() {
        return DEFAULTS;
    }

    @Override
    public List<ScreeningRule> rules(Map<String, String> parameters) {
        PackParameters p = new PackParameters(NAME, DEFAULTS, parameters);
        ZoneId zone = p.zone("zone");
        int window = p.wholeNumber("duplicate.window.minutes", 1);
        BigDecimal giftMin = p.amount("gift.min.amount");
        GiftEligibilityRule.Action giftAction = GiftEligibilityRule.Action.of(p.choice("gift.ineligible.action", "review",
                "remove"));
        BigDecimal clusterAmount = p.amount("cluster.amount");
        int clusterFrequency = p.wholeNumber("cluster.frequency", 0);
        BigDecimal reviewRatio = p.ratio("price.review.ratio");
        BigDecimal freezeRatio = p.ratio("price.freeze.ratio");
        if (reviewRatio != null && freezeRatio != null && freezeRatio.compareTo(reviewRatio) > 0) {
            p.invalid("price.freeze.ratio", "at most price.review.ratio " + reviewRatio.toPlainString());
        }
        int lowStock = p.wholeNumber("low.stock.units", 0);
        Map<String, String> districts = p.pairs("address.default.district",
                "a list of 'province/city=district' separated by ';'", k -> k.matches("[^/]+/[^/]+"), PackParameters::parseText);
        int defaultLimit = p.wholeNumber("purchase.limit.default", 0);
        Map<String, Integer> limits = p.pairs("purchase.limits", "a list of 'SKU=units' separated by ';'",
                k -> !k.isEmpty(), v -> PackParameters.parseWholeNumber(v, 0));
        List<String> buyers = p.list("blacklist.buyers");
        List<String> phones = p.list("blacklist.phones");
        List<String> addresses = p.list("blacklist.addresses");
        p.check();
        return List.of(
                new DuplicateRule(Duration.ofMinutes(window)),
                new GiftEligibilityRule(giftMin, giftAction),
                new AddressClusterRule(zone, clusterAmount, clusterFrequency, reviewRatio),
                new LowStockRule(lowStock),
                new PriceDeviationRule(reviewRatio, freezeRatio),
                new AddressRule(districts),
                new UnpaidRule(),
                new PurchaseLimitRule(zone, defaultLimit, limits),
                new BlacklistRule(Set.copyOf(buyers), Set.copyOf(phones), addresses));
    }

    private static Map<String, String> defaultsOf(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}

package org.ordertower.rules.riskbasic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.rules.riskbasic.internal.Fixture.fact;
import static org.ordertower.rules.riskbasic.internal.Fixture.gift;
import static org.ordertower.rules.riskbasic.internal.Fixture.item;
import static org.ordertower.rules.riskbasic.internal.Fixture.line;
import static org.ordertower.rules.riskbasic.internal.Fixture.single;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ordertower.api.Address;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.OrderFact;
import org.ordertower.api.rules.ScreeningRule;

class RiskBasicPackTest {
    private final RiskBasicPack pack = new RiskBasicPack();
    private final Fixture f = new Fixture();

    @Test
    void defaultsBuildEveryRule() {
        assertEquals("risk-basic", pack.name());
        List<String> names = pack.rules(pack.defaults()).stream().map(ScreeningRule::name).toList();

        assertEquals(List.of("duplicate", "gift-eligibility", "address-cluster", "low-stock", "price-deviation", "address",
                "unpaid", "purchase-limit", "blacklist"), names);
        assertEquals(pack.rules(pack.defaults()), pack.rules(Map.of()));
    }

    @Test
    void theShippedConfigurationTemplateListsEveryParameterWithItsDefault() throws IOException {
        Map<String, String> template = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^# ([a-z][a-z.]*) =(.*)$")
                .matcher(Files.readString(Path.of("../../etc/org.ordertower.rules-risk-basic.cfg")));
        while (m.find()) {
            template.put(m.group(1), m.group(2).strip());
        }
        assertEquals(pack.defaults(), template);
    }

    @Test
    void everyBadParameterIsNamedInOneException() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("zone", "Mars/Olympus");
        bad.put("duplicate.window.minutes", "0");
        bad.put("gift.min.amount", "-0.01");
        bad.put("gift.ineligible.action", "delete");
        bad.put("cluster.amount", "5k");
        bad.put("cluster.frequency", "2.5");
        bad.put("price.review.ratio", "1.01");
        bad.put("price.freeze.ratio", "-0.5");
        bad.put("low.stock.units", "");
        bad.put("address.default.district", "江苏省=溧水区");
        bad.put("purchase.limit.default", "-1");
        bad.put("purchase.limits", "SKU-A:2");
        bad.put("cluster.ammount", "6000");

        String message = assertThrows(IllegalArgumentException.class, () -> pack.rules(bad)).getMessage();

        for (String expected : List.of("zone: 'Mars/Olympus' is not a time zone such as Asia/Shanghai",
                "duplicate.window.minutes: '0' is not a whole number of at least 1",
                "gift.min.amount: '-0.01' is not an amount of at least 0",
                "gift.ineligible.action: 'delete' is not one of review, remove",
                "cluster.amount: '5k' is not an amount of at least 0",
                "cluster.frequency: '2.5' is not a whole number of at least 0",
                "price.review.ratio: '1.01' is not a ratio from 0 to 1",
                "price.freeze.ratio: '-0.5' is not a ratio from 0 to 1",
                "low.stock.units: '' is not a whole number of at least 0",
                "address.default.district: '江苏省=溧水区' is not a list of 'province/city=district' separated by ';'",
                "purchase.limit.default: '-1' is not a whole number of at least 0",
                "purchase.limits: 'SKU-A:2' is not a list of 'SKU=units' separated by ';'",
                "cluster.ammount: '6000' is not a parameter of risk-basic")) {
            assertTrue(message.contains(expected), () -> "'" + expected + "' missing from: " + message);
        }
        assertEquals(13, message.split("; ").length, message);
    }

    @Test
    void freezeRatioAboveReviewRatioAndRepeatedOrMalformedEntriesAreRefused() {
        String message = assertThrows(IllegalArgumentException.class, () -> pack.rules(Map.of("price.freeze.ratio", "0.9",
                "purchase.limits", "SKU-A=1;SKU-A=2", "address.default.district", "江苏省/南京市=溧水区=x"))).getMessage();

        assertTrue(message.contains("price.freeze.ratio: '0.9' is not at most price.review.ratio 0.85"), message);
        assertTrue(message.contains("purchase.limits: 'SKU-A=1;SKU-A=2' is not"), message);
        assertTrue(message.contains("address.default.district: '江苏省/南京市=溧水区=x' is not"), message);
    }

    @Test
    void theGiftActionIsReadInAnyCaseAndRemoveTakesTheRefusedGiftOff() {
        f.refuse("2", "GIFT", "no gift rule allows SKU GIFT").lines.add(gift("2", "GIFT"));

        Finding removal = single(rule(pack.rules(Map.of("gift.ineligible.action", " Remove ")), "gift-eligibility")
                .evaluate(f));
        Finding review = single(rule(pack.rules(Map.of()), "gift-eligibility").evaluate(f));

        assertEquals(List.of("2"), removal.fix().removeLines());
        assertEquals(RiskLevel.AUTO_FIX, removal.level());
        assertEquals(RiskLevel.REVIEW, review.level(), "review is the default");
    }

    @Test
    void whitespaceEmptyEntriesAndConfigAdminKeysAreAccepted() {
        Map<String, String> parameters = Map.of("price.review.ratio", " 0.9 ", "purchase.limits", " SKU-A = 1 ; ;SKU-B=2;",
                "blacklist.buyers", " , buyer-1 ,", "service.pid", "org.ordertower.rules~risk-basic",
                "felix.fileinstall.filename", "file:/opt/karaf/etc/org.ordertower.rules-risk-basic.cfg");

        assertEquals(9, pack.rules(parameters).size());
    }

    /** One case per parameter: the rule it belongs to finds something else about the order once it changes. */
    static Stream<Arguments> everyParameter() {
        return Stream.of(
                change("zone", "UTC", "address-cluster", f -> f.toAddress.add(
                        new OrderFact(90, Instant.parse("2024-06-17T20:00:00Z"), new BigDecimal("5000.00"), List.of()))),
                change("duplicate.window.minutes", "10", "duplicate", f -> f.ofBuyer.add(fact(90, 8, "1.00", item("SKU-A", 1)))),
                change("gift.min.amount", "200", "gift-eligibility", f -> f.lines.add(gift("2", "GIFT"))),
                change("gift.ineligible.action", "remove", "gift-eligibility",
                        f -> f.refuse("2", "GIFT", "no gift rule allows SKU GIFT").lines.add(gift("2", "GIFT"))),
                change("cluster.amount", "50", "address-cluster", f -> { }),
                change("cluster.frequency", "0", "address-cluster", f -> {
                    f.lines(line("1", "SKU-A", 1, "80.00"));
                    f.paid = new BigDecimal("6000.00");
                }),
                change("price.review.ratio", "0.9", "price-deviation", f -> f.lines(line("1", "SKU-A", 1, "88.00"))),
                change("price.freeze.ratio", "0.8", "price-deviation", f -> f.lines(line("1", "SKU-A", 1, "70.00"))),
                change("low.stock.units", "10", "low-stock", f -> f.sellable.put("SKU-A", 5)),
                change("address.default.district", "江苏省/南京市=玄武区", "address",
                        f -> f.address = new Address("CN", "江苏省", "南京市", null, null, "中山路 18号", null)),
                change("purchase.limit.default", "1", "purchase-limit", f -> f.lines(line("1", "SKU-A", 2, "100.00"))),
                change("purchase.limits", "SKU-A=1", "purchase-limit", f -> f.lines(line("1", "SKU-A", 2, "100.00"))),
                change("blacklist.buyers", "buyer-1", "blacklist", f -> { }),
                change("blacklist.phones", "13812345678", "blacklist", f -> { }),
                change("blacklist.addresses", "3单元", "blacklist", f -> { }));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("everyParameter")
    void rulesFollowChangedParameters(String key, String value, String ruleName, Consumer<Fixture> setUp) {
        setUp.accept(f);

        List<Finding> byDefault = rule(pack.rules(Map.of()), ruleName).evaluate(f);
        List<Finding> changed = rule(pack.rules(Map.of(key, value)), ruleName).evaluate(f);

        assertNotEquals(byDefault, changed);
    }

    @Test
    void everyParameterHasACase() {
        assertEquals(pack.defaults().keySet(), everyParameter().map(a -> a.get()[0]).collect(Collectors.toSet()));
    }

    private static Arguments change(String key, String value, String rule, Consumer<Fixture> setUp) {
        return Arguments.of(key, value, rule, setUp);
    }

    private static ScreeningRule rule(List<ScreeningRule> rules, String name) {
        return rules.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}

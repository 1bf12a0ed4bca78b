package org.ordertower.rules.riskbasic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.rules.riskbasic.internal.Fixture.fact;
import static org.ordertower.rules.riskbasic.internal.Fixture.item;
import static org.ordertower.rules.riskbasic.internal.Fixture.line;
import static org.ordertower.rules.riskbasic.internal.Fixture.single;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.ordertower.api.Address;
import org.ordertower.api.RiskLevel;
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
                .matcher(Files.readString(Path.of("../../etc/org.ordertower.rules.risk-basic.cfg")));
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
        assertEquals(12, message.split("; ").length, message);
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
    void whitespaceEmptyEntriesAndConfigAdminKeysAreAccepted() {
        Map<String, String> parameters = Map.of("price.review.ratio", " 0.9 ", "purchase.limits", " SKU-A = 1 ; ;SKU-B=2;",
                "blacklist.buyers", " , buyer-1 ,", "service.pid", "org.ordertower.rules.risk-basic",
                "felix.fileinstall.filename", "file:/opt/karaf/etc/org.ordertower.rules.risk-basic.cfg");

        assertEquals(9, pack.rules(parameters).size());
    }

    @Test
    void rulesFollowChangedParameters() {
        f.lines(line("1", "SKU-A", 2, "88.00"));
        f.ofBuyer.add(fact(90, 8, "88.00", item("SKU-A", 1)));
        f.address = new Address("CN", "江苏省", "南京市", null, null, "中山路 18号", null);
        List<ScreeningRule> byDefault = pack.rules(Map.of());
        for (String name : List.of("duplicate", "price-deviation", "purchase-limit", "blacklist")) {
            assertTrue(rule(byDefault, name).evaluate(f).isEmpty(), name);
        }
        assertEquals(RiskLevel.REVIEW, single(rule(byDefault, "address").evaluate(f)).level());

        List<ScreeningRule> changed = pack.rules(Map.of("duplicate.window.minutes", "10", "price.review.ratio", "0.9",
                "purchase.limits", "SKU-A=2", "blacklist.addresses", "中山路", "address.default.district",
                "浙江省/杭州市=西湖区;江苏省/南京市=玄武区", "zone", "UTC"));

        assertEquals(List.of("merge-candidate:90"), single(rule(changed, "duplicate").evaluate(f)).fix().addTags());
        assertEquals("SKU-A unit price 88.00 < 90% of base price 100.00",
                single(rule(changed, "price-deviation").evaluate(f)).evidence());
        assertEquals(RiskLevel.REVIEW, single(rule(changed, "purchase-limit").evaluate(f)).level());
        assertEquals(RiskLevel.FREEZE, single(rule(changed, "blacklist").evaluate(f)).level());
        assertEquals("玄武区", single(rule(changed, "address").evaluate(f)).fix().address().district());
    }

    private static ScreeningRule rule(List<ScreeningRule> rules, String name) {
        return rules.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}

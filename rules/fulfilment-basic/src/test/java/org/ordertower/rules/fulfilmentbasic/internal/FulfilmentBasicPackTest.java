package org.ordertower.rules.fulfilmentbasic.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.rules.fulfilmentbasic.internal.Fixture.line;
import static org.ordertower.rules.fulfilmentbasic.internal.Fixture.single;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.ordertower.api.Address;
import org.ordertower.api.OrderLine;
import org.ordertower.api.rules.ScreeningRule;

class FulfilmentBasicPackTest {
    private final FulfilmentBasicPack pack = new FulfilmentBasicPack();
    private final Fixture f = new Fixture();

    @Test
    void defaultsBuildEveryRule() {
        assertEquals("fulfilment-basic", pack.name());
        List<ScreeningRule> rules = pack.rules(pack.defaults());

        assertEquals(List.of("priority", "region-carrier", "cold-chain", "separate-parcels"), rules.stream().map(ScreeningRule::name).toList());
        assertEquals(rules, pack.rules(Map.of()));
        f.address = new Address("CN", "上海市", "上海市", "浦东新区", null, "世纪大道 1号", null);
        assertEquals(List.of("carrier:SF"), single(rule(rules, "region-carrier").evaluate(f)).fix().addTags());
    }

    @Test
    void theShippedConfigurationTemplateListsEveryParameterWithItsDefault() throws IOException {
        Map<String, String> template = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^# ([a-z][a-z.]*) =(.*)$")
                .matcher(Files.readString(Path.of("../../etc/org.ordertower.rules-fulfilment-basic.cfg")));
        while (m.find()) {
            template.put(m.group(1), m.group(2).strip());
        }
        assertEquals(pack.defaults(), template);
    }

    @Test
    void everyBadParameterIsNamedInOneException() {
        String message = assertThrows(IllegalArgumentException.class, () -> pack.rules(Map.of("priority.tag.all", "yes",
                "region.carriers", "江苏省=SF;浙江省,江苏省=YTO", "priority.live.tag", "live"))).getMessage();

        assertEquals("priority.live.tag: 'live' is not a parameter of fulfilment-basic; "
                + "priority.tag.all: 'yes' is not true or false; "
                + "region.carriers: '江苏省=SF;浙江省,江苏省=YTO' is not a list of 'province,province=CARRIER' separated by ';', "
                + "each province once", message);
    }

    @Test
    void malformedCarrierListsAreRefused() {
        for (String bad : List.of("江苏省", "江苏省=", "=SF", "江苏省=S F", "江苏省=SF=ZTO", " , =SF")) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> pack.rules(Map.of("region.carriers", bad)), bad).getMessage();
            assertTrue(message.startsWith("region.carriers: '" + bad.strip() + "' is not"), message);
        }
    }

    @Test
    void rulesFollowChangedParameters() {
        f.tags.add("Douyin-Live");
        f.address = new Address("CN", "广东省", "深圳市", "南山区", null, "科技园 1号", null);
        List<ScreeningRule> byDefault = pack.rules(Map.of("service.pid", "org.ordertower.rules~fulfilment-basic"));
        assertTrue(rule(byDefault, "priority").evaluate(f).isEmpty());
        assertTrue(rule(byDefault, "region-carrier").evaluate(f).isEmpty());

        List<ScreeningRule> changed = pack.rules(Map.of("priority.live.tags", "douyin-live, ks-live",
                "priority.tag.all", "TRUE", "region.carriers", " 江苏省 , 浙江省 = SF ; 广东省=ZTO ;"));

        assertEquals(List.of("priority:1"), single(rule(changed, "priority").evaluate(f)).fix().addTags());
        assertEquals(List.of("carrier:ZTO"), single(rule(changed, "region-carrier").evaluate(f)).fix().addTags());
        f.tags.clear();
        assertEquals(List.of("priority:3"), single(rule(changed, "priority").evaluate(f)).fix().addTags());
    }

    @Test
    void oddDataDoesNotThrow() {
        List<ScreeningRule> rules = pack.rules(Map.of("priority.tag.all", "true"));
        BigDecimal huge = new BigDecimal("1e30");
        List<Consumer<Fixture>> oddities = List.of(
                odd -> odd.lines(),
                odd -> odd.address = null,
                odd -> odd.address = new Address(null, null, null, null, null, null, null),
                odd -> odd.tags.add(" "),
                odd -> odd.lines(new OrderLine(null, null, null, null, -1, null, null, true, null),
                        new OrderLine("1", "ch", "ICE", null, Integer.MAX_VALUE, huge, huge, false, "1"),
                        line("2", "ICE", "missing")));
        for (Consumer<Fixture> oddity : oddities) {
            Fixture odd = new Fixture();
            oddity.accept(odd);
            rules.forEach(r -> assertDoesNotThrow(() -> r.evaluate(odd), r.name()));
        }
    }

    private static ScreeningRule rule(List<ScreeningRule> rules, String name) {
        return rules.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}

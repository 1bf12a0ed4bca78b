package org.ordertower.rules.fulfilmentbasic.internal;

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
 * The rule pack {@code fulfilment-basic}: tags that steer picking and shipping (live-stream orders
 * first, then by promised ship time, the carrier for the region, cold-chain goods apart). Its parameters come from {@code
 * etc/org.ordertower.rules-fulfilment-basic.cfg} through the rules engine; this component reads no
 * configuration of its own. Stateless and thread-safe.
 */
@Component(service = RulePack.class)
public final class FulfilmentBasicPack implements RulePack {
    static final String NAME = "fulfilment-basic";

    private static final Map<String, String> DEFAULTS = defaultsOf(
            "priority.live.tags", "live,livestream",
            "priority.tag.all", "false",
            "priority.urgent.hours", "24",
            "region.carriers", "江苏省,浙江省,上海市=SF",
            "separate.phrases", "分开发,分开寄,单独发,单独寄,不要合并,ship separately,separate parcels");

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
        List<String> liveTags = p.list("priority.live.tags");
        boolean tagAll = p.flag("priority.tag.all");
        int urgentHours = p.wholeNumber("priority.urgent.hours", 0);
        Map<String, String> carriers = p.groups("region.carriers",
                "a list of 'province,province=CARRIER' separated by ';', each province once",
                code -> code.matches("[A-Za-z0-9_-]+"));
        List<String> separate = p.list("separate.phrases");
        p.check();
        return List.of(new PriorityRule(Set.copyOf(liveTags), tagAll, java.time.Duration.ofHours(urgentHours)), new RegionCarrierRule(carriers), new ColdChainRule(),
                new SeparateParcelsRule(separate));
    }

    private static Map<String, String> defaultsOf(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}

package org.ordertower.rules.internal.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.api.RulesEngine;
import org.jeasy.rules.core.BasicRule;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.ordertower.api.Order;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.inventory.GiftDecision;
import org.ordertower.api.inventory.MappedLines;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.RiskDecision;
import org.ordertower.api.rules.RiskDecision.RuleHit;
import org.ordertower.api.rules.RulePack;
import org.ordertower.api.rules.RulePackStatus;
import org.ordertower.api.rules.RuleReplay;
import org.ordertower.api.rules.RuleStatistics;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.api.rules.ScreeningRule;
import org.ordertower.api.rules.ScreeningService;
import org.ordertower.rules.internal.history.OrderHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the rules of every installed pack on easy-rules. Packs come and go at runtime; each pack's
 * rules are built from its parameters, and a refused parameter set leaves the last good rules in
 * place. Two engine-level parameters work for every pack: {@code shadow} (rules that only record
 * what they would have done) and {@code disabled} (rules that do not run), comma separated. A rule
 * that throws becomes a REVIEW hit {@code rule <pack>/<rule> failed: ...}; the other rules still
 * run. With no active rule the order is not fired at all (decision NONE). Thread-safe: screening
 * reads an immutable snapshot that changes swap.
 */
public final class RuleEngine implements ScreeningService {
    public static final String SHADOW = "shadow";
    public static final String DISABLED = "disabled";
    private static final String CONTEXT = "context";
    private static final String HITS = "hits";
    private final Logger logger = LoggerFactory.getLogger(RuleEngine.class);
    private final OrderHistory history;
    private final Clock clock;
    private final Function<String, Optional<Sku>> skus;
    private final Function<String, OptionalInt> sellable;
    private final RulesEngine easy = new DefaultRulesEngine();
    private final Map<String, PackState> packs = new TreeMap<>();
    private final Map<String, RuleStats> stats = new ConcurrentHashMap<>();
    private volatile Rules active = new Rules();

    /**
     * @param skus master SKUs by code (the caller caches)
     * @param sellable sellable units by SKU, empty without an inventory (the caller caches)
     */
    public RuleEngine(OrderHistory history, Clock clock, Function<String, Optional<Sku>> skus,
            Function<String, OptionalInt> sellable) {
        this.history = history;
        this.clock = clock;
        this.skus = skus;
        this.sellable = sellable;
    }

    private static final class PackState {
        final RulePack pack;
        Map<String, String> parameters = Map.of();
        List<ScreeningRule> rules = List.of();
        Set<String> shadow = Set.of();
        Set<String> disabled = Set.of();
        String lastError;

        PackState(RulePack pack) {
            this.pack = pack;
        }
    }

    /** A pack arrived: its rules run with its defaults until its configuration comes. */
    public synchronized void add(RulePack pack) {
        packs.put(pack.name(), new PackState(pack));
        String error = configure(pack.name(), Map.of());
        if (error == null) {
            logger.info("Rule pack {} installed: {}", pack.name(), packs.get(pack.name()).rules.stream()
                    .map(ScreeningRule::name).toList());
        }
    }

    public synchronized void remove(RulePack pack) {
        PackState s = packs.get(pack.name());
        if (s != null && s.pack == pack) {
            packs.remove(pack.name());
            rebuild();
            logger.info("Rule pack {} removed", pack.name());
        }
    }

    /** A pack's rules as some parameters make them, not yet applied. */
    private record Candidate(Map<String, String> parameters, List<ScreeningRule> rules, Set<String> shadow,
            Set<String> disabled) {
    }

    /**
     * New parameters for a pack (its {@code etc/} file), over its defaults.
     *
     * @return null when they were applied, else why they were refused (the pack keeps its last good rules)
     */
    public synchronized String configure(String packName, Map<String, String> raw) {
        PackState s = packs.get(packName);
        if (s == null) {
            return "no rule pack " + packName + " is installed";
        }
        try {
            Candidate c = build(s, raw);
            s.parameters = c.parameters();
            s.rules = c.rules();
            s.shadow = c.shadow();
            s.disabled = c.disabled();
            s.lastError = null;
            rebuild();
            return null;
        } catch (RuntimeException e) {
            s.lastError = e.getMessage();
            logger.error("Refused the parameters of rule pack {}: {}. It keeps its last good parameters", packName,
                    e.getMessage());
            return e.getMessage();
        }
    }

    /** Why these parameters would be refused, or null when the pack would take them; changes nothing. */
    public synchronized String check(String packName, Map<String, String> raw) {
        PackState s = packs.get(packName);
        if (s == null) {
            return "no rule pack " + packName + " is installed; installed: " + packs.keySet();
        }
        try {
            build(s, raw);
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** The pack's rules built from {@code raw} over its defaults; IllegalArgumentException naming what is wrong. */
    private static Candidate build(PackState s, Map<String, String> raw) {
        Map<String, String> params = new TreeMap<>(s.pack.defaults());
        Set<String> shadow = Set.of();
        Set<String> disabled = Set.of();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("service.") || k.startsWith("felix.") || k.startsWith("component.") || k.equals("pack")) {
                continue; // Config Admin's own keys, and the pack a configuration names
            }
            if (k.equals(SHADOW)) {
                shadow = names(e.getValue());
            } else if (k.equals(DISABLED)) {
                disabled = names(e.getValue());
            } else {
                params.put(k, e.getValue() == null ? "" : e.getValue().strip());
            }
        }
        List<ScreeningRule> rules = List.copyOf(s.pack.rules(Collections.unmodifiableMap(params)));
        Set<String> known = new HashSet<>();
        for (ScreeningRule r : rules) {
            if (!known.add(r.name())) {
                throw new IllegalArgumentException("the pack has two rules named " + r.name());
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String n : union(shadow, disabled)) {
            if (!known.contains(n)) {
                unknown.add(n);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("shadow/disabled name rules the pack does not have: " + unknown
                    + "; its rules are " + new java.util.TreeSet<>(known));
        }
        return new Candidate(Map.copyOf(params), rules, shadow, disabled);
    }

    @Override
    public synchronized Map<String, String> defaults(String packName) {
        PackState s = packs.get(packName);
        return s == null ? Map.of() : Map.copyOf(new TreeMap<>(s.pack.defaults()));
    }

    /**
     * Replays a pack with new parameters over stored orders against its parameters now: each order screened as of
     * when it came in ({@link Replay}), with every other pack as it runs; the statistics are not touched.
     */
    @Override
    public RuleReplay replay(String packName, Map<String, String> raw, List<Order> orders) {
        List<Replay.Pack> now = new ArrayList<>();
        List<Replay.Pack> then = new ArrayList<>();
        synchronized (this) {
            PackState target = packs.get(packName);
            if (target == null) {
                throw new IllegalArgumentException("no rule pack " + packName + " is installed; installed: "
                        + packs.keySet());
            }
            Candidate c = build(target, raw);
            for (PackState s : packs.values()) {
                Replay.Pack current = new Replay.Pack(s.pack.name(), s.rules, s.shadow, s.disabled);
                now.add(current);
                then.add(s == target ? new Replay.Pack(s.pack.name(), c.rules(), c.shadow(), c.disabled()) : current);
            }
        }
        return new Replay(history, skus, sellable).run(packName, now, then, orders);
    }

    private static Set<String> names(String csv) {
        Set<String> out = new LinkedHashSet<>();
        if (csv != null) {
            Arrays.stream(csv.split(",")).map(String::strip).filter(n -> !n.isEmpty()).forEach(out::add);
        }
        return Set.copyOf(out);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return u;
    }

    private void rebuild() {
        Rules rules = new Rules();
        for (PackState s : packs.values()) {
            for (ScreeningRule r : s.rules) {
                if (!s.disabled.contains(r.name())) {
                    String name = s.pack.name() + "/" + r.name();
                    rules.register(new Adapter(name, r, s.shadow.contains(r.name()),
                            stats.computeIfAbsent(name, n -> new RuleStats())));
                }
            }
        }
        active = rules;
    }

    @Override
    public RiskDecision screen(Order order) {
        return screen(order, List.of());
    }

    /**
     * Screens the order with the refused gifts in the context. With no active rule (no pack installed,
     * or every rule disabled) nothing is fired: the decision is NONE, and easy-rules does not warn about
     * an empty rule set once per order. The order is remembered either way.
     */
    @Override
    public RiskDecision screen(Order order, List<GiftDecision.Problem> refusedGifts) {
        Rules rules = active;
        List<RuleHit> hits = new ArrayList<>();
        if (!rules.isEmpty()) {
            Facts facts = new Facts();
            facts.put(CONTEXT, new ScreeningFacts(order, clock.instant(), history, skus, sellable,
                    refusedGifts == null ? List.of() : refusedGifts));
            facts.put(HITS, hits);
            easy.fire(rules, facts);
        }
        history.record(order, MappedLines.itemsOf(order.content().lines()));
        RiskLevel level = RiskLevel.NONE;
        for (RuleHit h : hits) {
            if (!h.shadow()) {
                level = level.max(h.finding().level());
            }
        }
        return new RiskDecision(level, hits);
    }

    @Override
    public synchronized List<RulePackStatus> packs() {
        List<RulePackStatus> out = new ArrayList<>();
        for (PackState s : packs.values()) {
            out.add(new RulePackStatus(s.pack.name(), s.parameters, s.rules.stream().map(ScreeningRule::name).toList(), s.shadow,
                    s.disabled, s.lastError));
        }
        return out;
    }

    @Override
    public synchronized List<RuleStatistics> statistics() {
        Map<String, Boolean> shadowByRule = new HashMap<>();
        for (PackState s : packs.values()) {
            for (ScreeningRule r : s.rules) {
                if (!s.disabled.contains(r.name())) {
                    shadowByRule.put(s.pack.name() + "/" + r.name(), s.shadow.contains(r.name()));
                }
            }
        }
        List<RuleStatistics> out = new ArrayList<>();
        new TreeMap<>(shadowByRule).forEach((rule, shadow) -> out.add(stats.get(rule).snapshot(rule, shadow)));
        return out;
    }

    /** One screening rule as an easy-rules rule: evaluate finds, execute records. */
    private final class Adapter extends BasicRule {
        private final ScreeningRule rule;
        private final boolean shadow;
        private final RuleStats counters;

        Adapter(String name, ScreeningRule rule, boolean shadow, RuleStats counters) {
            super(name, name, rule.priority());
            this.rule = rule;
            this.shadow = shadow;
            this.counters = counters;
        }

        @Override
        public boolean evaluate(Facts facts) {
            ScreeningContext context = facts.get(CONTEXT);
            List<Finding> found;
            long start = System.nanoTime();
            try {
                found = rule.evaluate(context);
            } catch (RuntimeException e) {
                counters.failures.increment();
                logger.warn("Rule {} failed on order {}: {}", name, context.order().id(), e.toString());
                found = List.of(Finding.review("rule " + name + " failed: " + e));
            } finally {
                counters.nanos.add(System.nanoTime() - start);
                counters.evaluations.increment();
            }
            if (found == null || found.isEmpty()) {
                return false;
            }
            facts.put(name, found);
            return true;
        }

        @Override
        public void execute(Facts facts) {
            List<Finding> found = facts.get(name);
            List<RuleHit> hits = facts.get(HITS);
            counters.hits.increment();
            for (Finding f : found) {
                hits.add(new RuleHit(name, f, shadow));
                (shadow ? counters.shadowHits : counters.actions).increment();
            }
        }
    }
}

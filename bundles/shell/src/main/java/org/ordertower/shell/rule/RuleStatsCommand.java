package org.ordertower.shell.rule;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.rules.RuleStatistics;
import org.ordertower.api.rules.ScreeningService;

@Service
@Command(scope = "rule", name = "stats", description = "Per rule on this node: evaluations, hits, actions, shadow hits, failures, mean time")
public class RuleStatsCommand implements Action {
    @Reference
    ScreeningService rules;

    @Override
    public Object execute() {
        System.out.printf("%-36s %-6s %11s %8s %8s %8s %8s %9s%n", "rule", "mode", "evaluations", "hits", "actions", "shadow",
                "failures", "mean µs");
        for (RuleStatistics s : rules.statistics()) {
            System.out.printf("%-36s %-6s %11d %8d %8d %8d %8d %9.1f%n", s.rule(), s.shadow() ? "shadow" : "on", s.evaluations(),
                    s.hits(), s.actions(), s.shadowHits(), s.failures(), s.meanMicros());
        }
        return null;
    }
}

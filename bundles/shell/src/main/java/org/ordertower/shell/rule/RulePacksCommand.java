package org.ordertower.shell.rule;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.ordertower.api.rules.RulePackStatus;
import org.ordertower.api.rules.ScreeningService;

@Service
@Command(scope = "rule", name = "packs", description = "The installed rule packs: rules, shadow and disabled ones, parameters, a refused parameter file")
public class RulePacksCommand implements Action {
    @Reference
    ScreeningService rules;

    @Override
    public Object execute() {
        for (RulePackStatus p : rules.packs()) {
            System.out.println(p.name() + ": " + p.rules());
            if (!p.shadow().isEmpty()) {
                System.out.println("  shadow:   " + p.shadow());
            }
            if (!p.disabled().isEmpty()) {
                System.out.println("  disabled: " + p.disabled());
            }
            System.out.println("  parameters: " + new java.util.TreeMap<>(p.parameters()));
            if (p.lastError() != null) {
                System.out.println("  REFUSED the last parameter file (the parameters above stay): " + p.lastError());
            }
        }
        return null;
    }
}

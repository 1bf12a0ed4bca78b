package org.ordertower.api.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An installed rule pack as the engine runs it.
 *
 * @param parameters the parameters its rules were built from (the last good ones)
 * @param rules its rules' names
 * @param shadow rules in shadow
 * @param disabled rules that do not run
 * @param lastError why its last parameter file was refused, or null
 */
public record RulePackStatus(String name, Map<String, String> parameters, List<String> rules, Set<String> shadow,
        Set<String> disabled, String lastError) {
}

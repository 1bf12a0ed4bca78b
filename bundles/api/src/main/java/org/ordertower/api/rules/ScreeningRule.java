package org.ordertower.api.rules;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One screening rule. Reads the order and what the context offers, changes nothing: the engine
 * records what it found and the core acts on it. A rule that throws is isolated: the order goes to
 * review with reason {@code rule <name> failed}, and the other rules still run.
 */
@ConsumerType
public interface ScreeningRule {
    /** Unique within its pack, for example {@code duplicate}: lower case letters, digits and dashes. */
    String name();

    /** Rules run in ascending priority, then by name. */
    default int priority() {
        return 100;
    }

    /** What the rule finds about the order; empty when it does not fire. */
    List<Finding> evaluate(ScreeningContext context);
}

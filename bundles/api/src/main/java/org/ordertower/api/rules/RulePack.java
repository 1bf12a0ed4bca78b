package org.ordertower.api.rules;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A hot-deployable set of screening rules: a bundle under {@code rules/} registers one as an OSGi
 * service, and the rules engine uses its rules while it is there. Its parameters come from Config
 * Admin, PID {@code org.ordertower.rules.<name>} (the file {@code etc/org.ordertower.rules.<name>.cfg}),
 * and change without a restart.
 */
@ConsumerType
public interface RulePack {
    /** The pack name, for example {@code risk-basic}: lower case letters, digits and dashes. */
    String name();

    /** Every parameter the pack reads, with its default as text. */
    Map<String, String> defaults();

    /**
     * Builds the pack's rules for these parameters: the defaults overlaid with the pack's
     * configuration. Pure; called again whenever the configuration changes.
     *
     * @throws IllegalArgumentException naming each bad parameter and its value; the engine then
     *     keeps the rules it built from the last good parameters
     */
    List<ScreeningRule> rules(Map<String, String> parameters);
}

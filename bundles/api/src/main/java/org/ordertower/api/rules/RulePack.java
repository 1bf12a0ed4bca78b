package org.ordertower.api.rules;

/** A hot-deployable set of screening rules. The rule contract is added with the rules engine. */
public interface RulePack {
    /** The pack name, for example {@code risk-basic}. */
    String name();
}

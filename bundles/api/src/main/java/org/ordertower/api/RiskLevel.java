package org.ordertower.api;

/** The outcome of screening. Ordered from least to most severe. */
public enum RiskLevel {
    /** Not screened yet, or nothing found. */
    NONE,
    /** Level 1: fixed automatically, the order goes on. */
    AUTO_FIX,
    /** Level 2: a person has to look at it in the review queue. */
    REVIEW,
    /** Level 3: frozen; only a supervisor releases it. */
    FREEZE;

    /** The more severe of two levels. */
    public RiskLevel max(RiskLevel other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}

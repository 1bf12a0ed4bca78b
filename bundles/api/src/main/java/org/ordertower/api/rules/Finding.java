package org.ordertower.api.rules;

import java.util.List;
import java.util.Objects;

import org.ordertower.api.Address;
import org.ordertower.api.RiskLevel;

/**
 * What a rule found about one order.
 *
 * @param level AUTO_FIX (the fix is applied and the order goes on), REVIEW (to the review queue) or
 *     FREEZE (only a supervisor releases it)
 * @param evidence one sentence with the facts and numbers, for example {@code 3 orders to the same
 *     address today, total 6,200.00 > 5,000.00}
 * @param fix what to change on the order; may come with any level (a tag on an order sent to review)
 */
public record Finding(RiskLevel level, String evidence, Fix fix) {

    public Finding {
        Objects.requireNonNull(level, "level");
        if (level == RiskLevel.NONE) {
            throw new IllegalArgumentException("a finding has a level: AUTO_FIX, REVIEW or FREEZE");
        }
        if (evidence == null || evidence.isBlank()) {
            throw new IllegalArgumentException("a finding says why: evidence is required");
        }
        fix = fix == null ? Fix.NONE : fix;
    }

    public static Finding review(String evidence) {
        return new Finding(RiskLevel.REVIEW, evidence, null);
    }

    public static Finding freeze(String evidence) {
        return new Finding(RiskLevel.FREEZE, evidence, null);
    }

    public static Finding tag(String tag, String evidence) {
        return new Finding(RiskLevel.AUTO_FIX, evidence, new Fix(List.of(tag), null));
    }

    /**
     * A change to the order.
     *
     * @param addTags tags to add
     * @param address the completed address to use instead of the order's, or null
     */
    public record Fix(List<String> addTags, Address address) {
        public static final Fix NONE = new Fix(List.of(), null);

        public Fix {
            addTags = addTags == null ? List.of() : List.copyOf(addTags);
        }

        public boolean isEmpty() {
            return addTags.isEmpty() && address == null;
        }
    }
}

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
     * Takes lines off the order (AUTO_FIX): an ineligible gift, say. The evidence names each line,
     * its SKU and why it goes; the core writes it to the audit trail with the lines it took off.
     *
     * @param lineNos the line numbers to take off (at least one)
     * @since 2.2
     */
    public static Finding removeLines(List<String> lineNos, String evidence) {
        if (lineNos == null || lineNos.isEmpty()) {
            throw new IllegalArgumentException("a removal names at least one line");
        }
        return new Finding(RiskLevel.AUTO_FIX, evidence, new Fix(List.of(), null, lineNos));
    }

    /**
     * A change to the order.
     *
     * @param addTags tags to add
     * @param address the completed address to use instead of the order's, or null
     * @param removeLines line numbers to take off the order (a kit line goes with its parts, a kit part
     *     never goes alone); the core takes them off only for an AUTO_FIX finding that acts (not in
     *     shadow), and never every line of an order (that order goes to review instead). Since 2.2
     */
    public record Fix(List<String> addTags, Address address, List<String> removeLines) {
        public static final Fix NONE = new Fix(List.of(), null, List.of());

        public Fix {
            addTags = addTags == null ? List.of() : List.copyOf(addTags);
            removeLines = removeLines == null ? List.of() : List.copyOf(removeLines);
            if (removeLines.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("a line to remove has a line number: " + removeLines);
            }
        }

        /** Tags and an address only, as before line removal came (2.1). */
        public Fix(List<String> addTags, Address address) {
            this(addTags, address, List.of());
        }

        /** True when the fix changes nothing: no tag, no address, no line to take off. */
        public boolean isEmpty() {
            return addTags.isEmpty() && address == null && removeLines.isEmpty();
        }
    }
}

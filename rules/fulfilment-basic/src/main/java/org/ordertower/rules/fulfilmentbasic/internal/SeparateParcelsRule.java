package org.ordertower.rules.fulfilmentbasic.internal;

import java.util.List;
import java.util.Locale;

import org.ordertower.api.Tags;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.api.rules.ScreeningRule;

/**
 * A buyer who asks for separate parcels (gifts for different people, an office that signs per order) gets them:
 * when the buyer's note holds one of {@code phrases} (compared without case), the order is tagged {@code no-merge}
 * and fulfilment never puts it in one box with the buyer's other orders.
 */
record SeparateParcelsRule(List<String> phrases) implements ScreeningRule {

    SeparateParcelsRule {
        phrases = phrases.stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty()).toList();
    }

    @Override
    public String name() {
        return "separate-parcels";
    }

    @Override
    public List<Finding> evaluate(ScreeningContext context) {
        String note = context.order().content().buyerNote();
        if (note == null || note.isBlank()) {
            return List.of();
        }
        String n = note.toLowerCase(Locale.ROOT);
        for (String p : phrases) {
            if (n.contains(p)) {
                return List.of(Finding.tag(Tags.NO_MERGE, "the buyer's note asks for separate parcels (\"" + p + "\")"));
            }
        }
        return List.of();
    }
}

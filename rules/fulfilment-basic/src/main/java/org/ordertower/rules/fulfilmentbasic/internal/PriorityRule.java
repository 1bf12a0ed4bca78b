package org.ordertower.rules.fulfilmentbasic.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.api.rules.ScreeningRule;

/**
 * Live-stream orders first: viewers expect their parcel within a day or two and complain in the next
 * stream. An order carrying one of {@code liveTags} (compared without case) is tagged {@code
 * priority:1}; any other order {@code priority:2} when {@code tagAll}, else nothing. A promised ship
 * time would rank orders better, but the order model does not carry one yet.
 */
record PriorityRule(Set<String> liveTags, boolean tagAll) implements ScreeningRule {

    PriorityRule {
        liveTags = liveTags.stream().map(PriorityRule::normal).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String name() {
        return "priority";
    }

    @Override
    public List<Finding> evaluate(ScreeningContext context) {
        Optional<String> live = context.order().content().tags().stream()
                .filter(t -> t != null && liveTags.contains(normal(t))).findFirst();
        if (live.isPresent()) {
            return List.of(Finding.tag("priority:1", "live-stream order (tag " + live.get().strip() + ")"));
        }
        return tagAll ? List.of(Finding.tag("priority:2", "not a live-stream order")) : List.of();
    }

    private static String normal(String tag) {
        return tag.strip().toLowerCase(Locale.ROOT);
    }
}

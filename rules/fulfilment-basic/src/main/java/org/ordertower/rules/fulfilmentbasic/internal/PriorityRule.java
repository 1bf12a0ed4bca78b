package org.ordertower.rules.fulfilmentbasic.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.ordertower.api.RiskLevel;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.Finding.Fix;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.api.rules.ScreeningRule;

/**
 * Live-stream orders first, then by the ship time the shop promised: viewers expect their parcel
 * within a day or two and complain in the next stream, and a late shipment costs the shop a
 * platform penalty. An order carrying one of {@code liveTags} (compared without case) is tagged
 * {@code priority:1}; an order whose promised ship time is within {@code urgent} (or past) is tagged
 * {@code priority:2}; any other order {@code priority:3} when {@code tagAll}, else nothing. Every order
 * with a promised ship time also gets {@code ship-by:<UTC minute>}, so that picking can sort by it.
 */
record PriorityRule(Set<String> liveTags, boolean tagAll, Duration urgent) implements ScreeningRule {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    PriorityRule {
        liveTags = liveTags.stream().map(PriorityRule::normal).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String name() {
        return "priority";
    }

    @Override
    public List<Finding> evaluate(ScreeningContext context) {
        Instant shipBy = context.order().content().facts().promisedShipBy();
        List<String> tags = new ArrayList<>();
        String evidence;
        Optional<String> live = context.order().content().tags().stream()
                .filter(t -> t != null && liveTags.contains(normal(t))).findFirst();
        Duration left = shipBy == null ? null : Duration.between(context.now(), shipBy);
        if (live.isPresent()) {
            tags.add("priority:1");
            evidence = "live-stream order (tag " + live.get().strip() + ")";
        } else if (left != null && left.compareTo(urgent) <= 0) {
            tags.add("priority:2");
            evidence = left.isNegative() ? "promised to ship by " + MINUTE.format(shipBy) + ", overdue by " + hours(left.negated())
                    : "promised to ship by " + MINUTE.format(shipBy) + ", in " + hours(left);
        } else if (tagAll) {
            tags.add("priority:3");
            evidence = shipBy == null ? "not a live-stream order, no promised ship time"
                    : "not a live-stream order, promised to ship by " + MINUTE.format(shipBy);
        } else {
            evidence = shipBy == null ? null : "promised to ship by " + MINUTE.format(shipBy);
        }
        if (shipBy != null) {
            tags.add("ship-by:" + MINUTE.format(shipBy));
        }
        return tags.isEmpty() ? List.of() : List.of(new Finding(RiskLevel.AUTO_FIX, evidence, new Fix(tags, null)));
    }

    private static String hours(Duration d) {
        long minutes = d.toMinutes();
        return minutes < 120 ? minutes + " min" : (minutes / 60) + " h";
    }

    private static String normal(String tag) {
        return tag.strip().toLowerCase(Locale.ROOT);
    }
}

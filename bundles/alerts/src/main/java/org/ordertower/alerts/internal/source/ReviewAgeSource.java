package org.ordertower.alerts.internal.source;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.ordertower.alerts.internal.alert.Alert;
import org.ordertower.alerts.internal.alert.AlertKind;
import org.ordertower.alerts.internal.alert.Links;
import org.ordertower.alerts.internal.alert.Texts;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.rules.ReviewItem;
import org.ordertower.api.rules.ReviewQueue;

/**
 * The review queue's oldest waiting order ({@link ReviewQueue#list}, oldest first) when it has waited longer than
 * {@code review.age.minutes}: key {@code review-age}. Names the order by its ids only, never its buyer or the reason
 * (which may quote buyer data).
 */
public final class ReviewAgeSource implements AlertSource {
    private final Supplier<Optional<ReviewQueue>> queue;
    private final Texts texts;
    private final Links links;
    private final Duration maxAge;

    public ReviewAgeSource(Supplier<Optional<ReviewQueue>> queue, Texts texts, Links links, Duration maxAge) {
        this.queue = queue;
        this.texts = texts;
        this.links = links;
        this.maxAge = maxAge;
    }

    @Override
    public String name() {
        return AlertKind.REVIEW_AGE.id();
    }

    @Override
    public List<Alert> look(Instant now) {
        Optional<ReviewQueue> q = queue.get();
        if (q.isEmpty()) {
            return List.of();
        }
        List<ReviewItem> oldest = q.get().list(1);
        if (oldest.isEmpty() || oldest.get(0).since() == null || oldest.get(0).since().isAfter(now.minus(maxAge))) {
            return List.of();
        }
        ReviewItem item = oldest.get(0);
        Duration age = Duration.between(item.since(), now);
        NormalizedOrder c = item.order().content();
        String order = c == null ? "-" : c.channel() + "/" + c.shop() + " " + c.platformOrderId();
        return List.of(new Alert(AlertKind.REVIEW_AGE.key(), AlertKind.REVIEW_AGE, AlertKind.REVIEW_AGE.severity(),
                texts.reviewAgeTitle(age), texts.reviewAge(item.order().id(), order, item.since(), age, maxAge),
                links.review(), now));
    }
}

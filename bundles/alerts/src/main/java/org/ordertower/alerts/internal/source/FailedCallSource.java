package org.ordertower.alerts.internal.source;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.ordertower.alerts.internal.alert.Alert;
import org.ordertower.alerts.internal.alert.AlertKind;
import org.ordertower.alerts.internal.alert.Links;
import org.ordertower.alerts.internal.alert.Texts;
import org.ordertower.api.fulfilment.FailedCall;
import org.ordertower.api.fulfilment.FulfilmentService;

/**
 * Calls to partners that failed for good ({@link FulfilmentService#failed}): one alert each, key
 * {@code failed-call:<id>}; and a partner that looks down: {@code partner.down.failures} or more failed calls of one
 * kind created within the last {@code partner.down.minutes}, key {@code partner-down:<kind>}.
 */
public final class FailedCallSource implements AlertSource {
    static final int LIMIT = 100;
    /** The most recent failures read for the partner-down check. */
    static final int RECENT_LIMIT = 500;
    private final Supplier<Optional<FulfilmentService>> fulfilment;
    private final Texts texts;
    private final Links links;
    private final int downFailures;
    private final Duration downWindow;

    public FailedCallSource(Supplier<Optional<FulfilmentService>> fulfilment, Texts texts, Links links, int downFailures,
            Duration downWindow) {
        this.fulfilment = fulfilment;
        this.texts = texts;
        this.links = links;
        this.downFailures = downFailures;
        this.downWindow = downWindow;
    }

    @Override
    public String name() {
        return AlertKind.FAILED_CALL.id();
    }

    @Override
    public List<Alert> look(Instant now) {
        Optional<FulfilmentService> f = fulfilment.get();
        if (f.isEmpty()) {
            return List.of();
        }
        List<FailedCall> calls = f.get().failed(LIMIT);
        List<Alert> out = new ArrayList<>();
        Map<String, List<FailedCall>> recentByKind = new LinkedHashMap<>();
        for (FailedCall c : calls) {
            out.add(new Alert(AlertKind.FAILED_CALL.key(c.id()), AlertKind.FAILED_CALL, AlertKind.FAILED_CALL.severity(),
                    texts.failedCallTitle(c.kind(), c.orderId()), texts.failedCall(c.kind(), c.orderId(), c.parcelCode(),
                            cut(c.what(), 200), c.attempts(), c.createdAt(), cut(c.lastError(), 300)),
                    links.order(c.orderId()), now));
        }
        // read apart from the oldest: a partner that fails now is seen however many old failures wait
        for (FailedCall c : f.get().failedSince(now.minus(downWindow), RECENT_LIMIT)) {
            recentByKind.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c);
        }
        recentByKind.forEach((kind, recent) -> {
            if (recent.size() >= downFailures) {
                FailedCall latest = recent.stream().max((a, b) -> a.createdAt().compareTo(b.createdAt())).orElseThrow();
                out.add(new Alert(AlertKind.PARTNER_DOWN.key(kind), AlertKind.PARTNER_DOWN, AlertKind.PARTNER_DOWN.severity(),
                        texts.partnerDownTitle(kind), texts.partnerDown(kind, recent.size(), downWindow, downFailures,
                                cut(latest.lastError(), 300)), links.overview(), now));
            }
        });
        return out;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "…";
    }
}

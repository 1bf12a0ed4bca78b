package org.ordertower.alerts.internal.source;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.ordertower.alerts.internal.alert.Alert;
import org.ordertower.alerts.internal.alert.AlertKind;
import org.ordertower.alerts.internal.alert.Links;
import org.ordertower.alerts.internal.alert.Texts;
import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.api.fulfilment.ParcelView;

/** Parcels the parcel watch flagged as not moving ({@link FulfilmentService#stuck}): key {@code stuck:<parcel code>}. */
public final class StuckParcelSource implements AlertSource {
    static final int LIMIT = 100;
    private final Supplier<Optional<FulfilmentService>> fulfilment;
    private final Texts texts;
    private final Links links;

    public StuckParcelSource(Supplier<Optional<FulfilmentService>> fulfilment, Texts texts, Links links) {
        this.fulfilment = fulfilment;
        this.texts = texts;
        this.links = links;
    }

    @Override
    public String name() {
        return AlertKind.STUCK.id();
    }

    @Override
    public List<Alert> look(Instant now) {
        return fulfilment.get().map(f -> f.stuck(LIMIT).stream().map(p -> alert(p, now)).toList()).orElse(List.of());
    }

    private Alert alert(ParcelView p, Instant now) {
        String state = p.lastState() == null ? null : p.lastState().name();
        Instant since = p.stuckSince() != null ? p.stuckSince() : p.lastEventAt();
        return new Alert(AlertKind.STUCK.key(p.code()), AlertKind.STUCK, AlertKind.STUCK.severity(),
                texts.stuckTitle(p.code()), texts.stuck(p.code(), p.orderId(), p.carrier(), p.trackingNo(), p.warehouse(),
                        since, state, p.lastEventAt()), links.order(p.orderId()), now);
    }
}

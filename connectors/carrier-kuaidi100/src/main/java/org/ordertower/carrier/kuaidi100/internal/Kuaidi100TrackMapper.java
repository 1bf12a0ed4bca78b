package org.ordertower.carrier.kuaidi100.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import org.ordertower.api.fulfilment.TrackingEvent;
import org.ordertower.api.fulfilment.TrackingState;
import org.ordertower.carrier.kuaidi100.internal.api.Kuaidi100Json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Kuaidi100 tracking result (the query answer, or a push's {@code lastResult}) to {@link TrackingEvent}s, oldest
 * first. Pure, no I/O. Fields: {@code nu} (required), {@code com} (required, translated to the standard code),
 * {@code state} (checked when present), {@code data[]} with {@code time}/{@code ftime}, {@code context}, and with
 * resultv2 {@code status} (state name) and {@code statusCode} (advanced state), {@code areaName} or
 * {@code location}. Deliberately ignored: {@code message}, {@code status} (通讯状态), {@code condition},
 * {@code ischeck} (the state says it), {@code routeInfo}, {@code areaCode}, {@code areaCenter},
 * {@code areaPinYin}, {@code isLoop}, {@code arrivalTime}, {@code totalTime}, {@code remainTime}.
 */
public final class Kuaidi100TrackMapper {

    /**
     * @param result the result object
     * @param path how the result is named in messages ({@code lastResult.} or empty)
     * @param newestFirst true when {@code data} is newest first (pushes always are: "全量, 倒序")
     */
    public List<TrackingEvent> events(JsonNode result, String path, boolean newestFirst) {
        String trackingNo = Kuaidi100Json.text(result, "nu", path);
        String com = Kuaidi100Json.text(result, "com", path);
        String carrier = Kuaidi100Companies.toStandard(com);
        String topState = Kuaidi100Json.optionalText(result, "state", path);
        if (topState != null && Kuaidi100States.byCode(topState) == null) {
            throw Kuaidi100Json.permanent("'" + path + "state' '" + topState + "' is not a Kuaidi100 state", null);
        }
        JsonNode data = result.get("data");
        if (data == null || data.isNull()) {
            throw Kuaidi100Json.permanent("'" + path + "data' is missing", null);
        }
        if (!data.isArray()) {
            throw Kuaidi100Json.permanent("'" + path + "data' is not an array", null);
        }
        List<TrackingEvent> events = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            String at = path + "data[" + i + "].";
            JsonNode entry = data.get(i);
            if (!entry.isObject()) {
                throw Kuaidi100Json.permanent("'" + path + "data[" + i + "]' is not an object", null);
            }
            boolean newest = newestFirst ? i == 0 : i == data.size() - 1;
            events.add(event(entry, at, carrier, trackingNo, newest ? topState : null));
        }
        if (newestFirst) {
            Collections.reverse(events);
        }
        // stable: entries of the same second keep Kuaidi100's order
        events.sort(Comparator.comparing(TrackingEvent::at));
        return events;
    }

    private TrackingEvent event(JsonNode entry, String path, String carrier, String trackingNo, String topState) {
        String context = Kuaidi100Json.text(entry, "context", path);
        String ftime = Kuaidi100Json.optionalText(entry, "ftime", path);
        String time = ftime != null && !ftime.isBlank() ? ftime : Kuaidi100Json.text(entry, "time", path);
        Instant at = Kuaidi100Json.time(time, path + (ftime != null && !ftime.isBlank() ? "ftime" : "time"));
        String code = Kuaidi100Json.optionalText(entry, "statusCode", path);
        String name = Kuaidi100Json.optionalText(entry, "status", path);
        TrackingState state;
        if (code != null && !code.isBlank()) {
            state = Kuaidi100States.byCode(code);
            if (state == null) {
                throw Kuaidi100Json.permanent("'" + path + "statusCode' '" + code + "' is not a Kuaidi100 state", null);
            }
        } else if (name != null && !name.isBlank()) {
            code = Kuaidi100States.codeOfName(name);
            if (code == null) {
                throw Kuaidi100Json.permanent("'" + path + "status' '" + name + "' is not a Kuaidi100 state name", null);
            }
            state = Kuaidi100States.byCode(code);
        } else if (topState != null) {
            // no per-entry state (subscribed without resultv2): the newest entry is in the result's state
            code = topState;
            state = Kuaidi100States.byCode(code);
        } else {
            // an older entry without a state of its own: it was somewhere in the carrier's network
            code = null;
            state = TrackingState.IN_TRANSIT;
        }
        String location = Kuaidi100Json.optionalText(entry, "areaName", path);
        if (location == null || location.isBlank()) {
            location = Kuaidi100Json.optionalText(entry, "location", path);
        }
        return new TrackingEvent(carrier, trackingNo, state, at, context,
                location == null || location.isBlank() ? null : location, code);
    }
}

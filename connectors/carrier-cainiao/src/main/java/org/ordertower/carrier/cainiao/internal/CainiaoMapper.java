package org.ordertower.carrier.cainiao.internal;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ordertower.api.Address;
import org.ordertower.api.fulfilment.Contact;
import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.PartnerException.Kind;
import org.ordertower.api.fulfilment.TrackingEvent;
import org.ordertower.api.fulfilment.TrackingState;
import org.ordertower.api.fulfilment.Waybill;
import org.ordertower.api.fulfilment.WaybillRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Pure: OrderTower's waybill requests into {@code param_waybill_cloud_print_apply_new_request}, and Cainiao's and
 * TOP's answers into waybills, balances and tracking events. A missing or malformed field in an answer is a
 * PERMANENT {@link PartnerException} naming it; nothing is half-parsed.
 */
public final class CainiaoMapper {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId GMT8 = ZoneId.of("GMT+8");
    /** Carriers start their trace texts with the city in 【】 ("【杭州市】快件已到达..."). */
    private static final Pattern PLACE = Pattern.compile("^\\s*【([^】]{1,30})】");
    /** package_info.id takes letters, digits and underscores only (cainiao.waybill.ii.get, 包裹id). */
    private static final Pattern NOT_PACKAGE_ID = Pattern.compile("[^A-Za-z0-9_]");

    /**
     * {@code taobao.logistics.trace.get}'s {@code action} (节点说明: 揽收、派送、签收...). The doc's example shows
     * {@code ARRIVE} only; the rest is the TMS node vocabulary of Taobao's logistics detail, an assumption the README
     * lists. An action outside this table is refused, not guessed.
     */
    static final Map<String, TrackingState> ACTIONS = Map.ofEntries(Map.entry("CREATE", TrackingState.CREATED),
            Map.entry("CONSIGN", TrackingState.CREATED), Map.entry("GOT", TrackingState.COLLECTED),
            Map.entry("ACCEPT", TrackingState.COLLECTED), Map.entry("ARRIVE", TrackingState.IN_TRANSIT),
            Map.entry("ARRIVAL", TrackingState.IN_TRANSIT), Map.entry("DEPARTURE", TrackingState.IN_TRANSIT),
            Map.entry("TRANSPORT", TrackingState.IN_TRANSIT), Map.entry("SENT_SCAN", TrackingState.OUT_FOR_DELIVERY),
            Map.entry("SIGNED", TrackingState.DELIVERED), Map.entry("STA_SIGN", TrackingState.DELIVERED),
            Map.entry("FAILED", TrackingState.EXCEPTION), Map.entry("REJECT", TrackingState.REFUSED),
            Map.entry("TMS_RETURN", TrackingState.RETURNING), Map.entry("RETURN_SIGNED", TrackingState.RETURNED));

    /**
     * The apply request for parcels of one carrier from one sender (the request's {@code cp_code} and
     * {@code sender} are shared by its trade_order_info_dtos).
     */
    public String applyRequest(List<WaybillRequest> parcels, String templateUrl, long userId) {
        WaybillRequest first = parcels.get(0);
        ObjectNode root = JSON.createObjectNode();
        root.put("cp_code", first.carrierCode());
        root.set("sender", contact(first.sender(), false));
        ArrayNode dtos = root.putArray("trade_order_info_dtos");
        for (WaybillRequest p : parcels) {
            if (!p.carrierCode().equals(first.carrierCode()) || !p.sender().equals(first.sender())) {
                throw new IllegalArgumentException("parcels of one apply share carrier and sender; " + p.parcelId() + " does not");
            }
            ObjectNode dto = dtos.addObject();
            dto.put("object_id", p.parcelId());
            String channel = CainiaoConstants.orderChannel(p.channel());
            ObjectNode order = dto.putObject("order_info");
            order.put("order_channels_type", channel);
            ArrayNode trades = order.putArray("trade_order_list");
            trades.add(p.platformOrderId() == null ? p.parcelId() : p.platformOrderId());
            ObjectNode pack = dto.putObject("package_info");
            pack.put("id", NOT_PACKAGE_ID.matcher(p.parcelId()).replaceAll("_"));
            ArrayNode items = pack.putArray("items");
            for (ParcelLine line : p.lines()) {
                items.addObject().put("name", line.name() == null || line.name().isBlank() ? line.sku() : line.name())
                        .put("count", line.quantity());
            }
            if (p.weightGrams() > 0) {
                pack.put("weight", p.weightGrams()); // grams, as the doc's package_info.weight
            }
            // the oaid stands for the plaintext receiver only on Taobao and Tmall orders
            boolean oaid = p.receiver().openAddressId() != null && ("TB".equals(channel) || "TM".equals(channel));
            dto.set("recipient", contact(p.receiver(), oaid));
            dto.put("template_url", templateUrl);
            dto.put("user_id", userId);
        }
        return root.toString();
    }

    private static ObjectNode contact(Contact c, boolean oaid) {
        ObjectNode n = JSON.createObjectNode();
        Address a = c.address();
        ObjectNode address = n.putObject("address");
        putIf(address, "province", a.province());
        putIf(address, "city", a.city());
        putIf(address, "district", a.district());
        putIf(address, "town", a.street());
        putIf(address, "detail", a.detail());
        putIf(n, "name", c.name());
        putIf(n, "mobile", c.phone());
        if (oaid) {
            n.put("oaid", c.openAddressId());
        }
        return n;
    }

    private static void putIf(ObjectNode n, String field, String value) {
        if (value != null && !value.isBlank()) {
            n.put(field, value);
        }
    }

    /**
     * The waybills of {@code cainiao_waybill_ii_get_response.modules.waybill_cloud_print_response}, one per parcel,
     * in the parcels' order.
     */
    public List<Waybill> waybills(JsonNode response, List<WaybillRequest> parcels) {
        JsonNode modules = list(response, "modules", "waybill_cloud_print_response");
        Map<String, Waybill> byObject = new HashMap<>();
        for (JsonNode m : modules) {
            String objectId = required(m, "object_id", "modules");
            String code = required(m, "waybill_code", "modules");
            JsonNode print = m.get("print_data");
            String printData = print == null || print.isNull() ? null : print.asText();
            byObject.put(objectId, new Waybill(objectId, "", code, printData));
        }
        List<Waybill> out = new ArrayList<>();
        for (WaybillRequest p : parcels) {
            Waybill w = byObject.get(p.parcelId());
            if (w == null) {
                throw new PartnerException(Kind.PERMANENT,
                        "cainiao.waybill.ii.get answered no modules entry (object_id) for parcel " + p.parcelId());
            }
            out.add(new Waybill(p.parcelId(), p.carrierCode(), w.waybillNo(), w.printData()));
        }
        return out;
    }

    /** {@code cainiao_waybill_ii_cancel_response.cancel_result}. */
    public boolean cancelled(JsonNode response) {
        JsonNode r = response.get("cancel_result");
        if (r == null || !r.isBoolean()) {
            throw new PartnerException(Kind.PERMANENT, "cainiao.waybill.ii.cancel answered without a boolean cancel_result");
        }
        return r.booleanValue();
    }

    /** The branches' balances of {@code cainiao_waybill_ii_search_response}. */
    public List<WaybillBalance> balances(JsonNode response) {
        List<WaybillBalance> out = new ArrayList<>();
        JsonNode cols = response.get("waybill_apply_subscription_cols");
        if (cols == null) {
            return out; // no subscription at all
        }
        for (JsonNode info : list(response, "waybill_apply_subscription_cols", "waybill_apply_subscription_info")) {
            String cp = required(info, "cp_code", "waybill_apply_subscription_info");
            if (info.get("branch_account_cols") == null) {
                continue;
            }
            for (JsonNode b : list(info, "branch_account_cols", "waybill_branch_account")) {
                out.add(new WaybillBalance(cp, text(b, "branch_code"), text(b, "branch_name"), number(b, "quantity"),
                        number(b, "allocated_quantity"), number(b, "cancel_quantity"), number(b, "print_quantity")));
            }
        }
        return out;
    }

    /**
     * The events of one waybill in {@code logistics_trace_get_response.result.transit_step_result}, oldest first:
     * the entry whose {@code out_sid} is the waybill (a trade may ship in several parcels).
     */
    public List<TrackingEvent> events(JsonNode response, String carrierCode, String waybillNo) {
        List<TrackingEvent> out = new ArrayList<>();
        if (response.get("result") == null) {
            return out;
        }
        for (JsonNode step : list(response, "result", "transit_step_result")) {
            if (!waybillNo.equals(required(step, "out_sid", "transit_step_result"))) {
                continue;
            }
            if (step.get("trace_list") == null) {
                return out; // issued, no trace yet
            }
            for (JsonNode t : list(step, "trace_list", "transit_step_info")) {
                String action = required(t, "action", "transit_step_info");
                TrackingState state = ACTIONS.get(action);
                if (state == null) {
                    throw new PartnerException(Kind.PERMANENT, "taobao.logistics.trace.get answered an unknown action '"
                            + action + "' for waybill " + waybillNo);
                }
                String when = required(t, "status_time", "transit_step_info");
                String desc = text(t, "status_desc");
                out.add(new TrackingEvent(carrierCode, waybillNo, state, instant(when), desc, place(desc), action));
            }
        }
        out.sort((a, b) -> a.at().compareTo(b.at()));
        return out;
    }

    private static java.time.Instant instant(String when) {
        try {
            return LocalDateTime.parse(when, TIME).atZone(GMT8).toInstant();
        } catch (DateTimeParseException e) {
            throw new PartnerException(Kind.PERMANENT, "taobao.logistics.trace.get answered a status_time that is not"
                    + " yyyy-MM-dd HH:mm:ss: '" + when + "'");
        }
    }

    private static String place(String desc) {
        Matcher m = desc == null ? null : PLACE.matcher(desc);
        return m != null && m.find() ? m.group(1) : null;
    }

    /**
     * TOP's JSON wraps a list in an object named after the element type ({@code "modules":{"waybill_cloud_print_response":[...]}});
     * an answer with the bare array is read too.
     */
    private static JsonNode list(JsonNode parent, String field, String element) {
        JsonNode wrapper = parent.get(field);
        if (wrapper == null || wrapper.isNull()) {
            throw new PartnerException(Kind.PERMANENT, "answer without " + field);
        }
        JsonNode array = wrapper.isArray() ? wrapper : wrapper.get(element);
        if (array == null || !array.isArray()) {
            throw new PartnerException(Kind.PERMANENT, "answer's " + field + " holds no " + element + " list");
        }
        return array;
    }

    private static String required(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            throw new PartnerException(Kind.PERMANENT, "answer's " + where + " entry has no " + field);
        }
        return v.asText();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static long number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.canConvertToLong() && !(v.isTextual() && v.asText().matches("-?\\d{1,18}"))) {
            throw new PartnerException(Kind.PERMANENT, "answer's waybill_branch_account has a " + field + " that is not a number");
        }
        return v.isTextual() ? Long.parseLong(v.asText()) : v.asLong();
    }
}

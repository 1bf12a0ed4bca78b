package org.ordertower.core.spi.http;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ordertower.api.Address;
import org.ordertower.api.AlertEvent;
import org.ordertower.api.Amounts;
import org.ordertower.api.AuditEntry;
import org.ordertower.api.Buyer;
import org.ordertower.api.ChannelFacts;
import org.ordertower.api.InvalidOrderException;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.OrderEvent;
import org.ordertower.api.OrderLine;
import org.ordertower.api.PaymentStatus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/**
 * The JSON shape of OrderTower's HTTP and event interfaces. Parsing is strict: unknown fields,
 * wrong types and missing required fields are each reported by their JSON path, all at once.
 * Thread-safe.
 */
public final class OrderJson {
    private static final Set<String> ORDER_FIELDS = Set.of("channel", "shop", "platformOrderId", "platformVersion",
            "platformStatus", "paymentStatus", "buyer", "address", "lines", "amounts", "createdAt", "paidAt",
            "platformChangedAt", "buyerNote", "sellerNote", "tags", "channelFacts");
    private static final Set<String> FACT_FIELDS = Set.of("state", "promisedShipBy", "deviceId", "buyerIp");
    private static final Set<String> BUYER_FIELDS = Set.of("name", "phone", "platformBuyerId");
    private static final Set<String> ADDRESS_FIELDS = Set.of("country", "province", "city", "district", "street",
            "detail", "postcode");
    private static final Set<String> LINE_FIELDS = Set.of("lineNo", "channelSku", "masterSku", "title", "quantity",
            "unitPrice", "paidAmount", "gift", "parentLineNo");
    private static final Set<String> AMOUNT_FIELDS = Set.of("currency", "goods", "discount", "shipping", "paid");

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // times as ISO-8601 text, as everywhere else in this interface (no jsr310 module needed)
            .registerModule(new SimpleModule("ordertower-time")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(LocalDate.class, ToStringSerializer.instance));

    public OrderJson() {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
                .maxNumberLength(40).maxStringLength(1 << 20).build());
    }

    /**
     * Parses an order document. Never returns a half-parsed order.
     *
     * @throws InvalidOrderException listing every problem, JSON syntax errors included
     */
    public NormalizedOrder parse(String body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidOrderException(List.of(malformed(e)));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidOrderException(List.of("the body must be one JSON object"));
        }
        Reader r = new Reader();
        r.unknown(root, "", ORDER_FIELDS);
        String channel = r.text(root, "channel");
        String shop = r.text(root, "shop");
        String platformOrderId = r.text(root, "platformOrderId");
        Long version = r.integer(root, "platformVersion");
        Instant changed = r.time(root, "platformChangedAt");
        PaymentStatus payment = r.enumValue(root, "paymentStatus", PaymentStatus.class);
        Buyer buyer = null;
        JsonNode b = r.object(root, "buyer");
        if (b != null) {
            r.unknown(b, "buyer.", BUYER_FIELDS);
            buyer = new Buyer(r.text(b, "name", "buyer."), r.text(b, "phone", "buyer."),
                    r.text(b, "platformBuyerId", "buyer."));
        }
        Address address = null;
        JsonNode a = r.object(root, "address");
        if (a != null) {
            r.unknown(a, "address.", ADDRESS_FIELDS);
            address = new Address(r.text(a, "country", "address."), r.text(a, "province", "address."),
                    r.text(a, "city", "address."), r.text(a, "district", "address."), r.text(a, "street", "address."),
                    r.text(a, "detail", "address."), r.text(a, "postcode", "address."));
        }
        List<OrderLine> lines = new ArrayList<>();
        JsonNode ls = root.get("lines");
        if (ls != null && !ls.isNull()) {
            if (!ls.isArray()) {
                r.problems.add("lines must be an array");
            } else {
                for (int i = 0; i < ls.size(); i++) {
                    JsonNode l = ls.get(i);
                    String at = "lines[" + i + "].";
                    if (!l.isObject()) {
                        r.problems.add("lines[" + i + "] must be an object");
                        continue;
                    }
                    r.unknown(l, at, LINE_FIELDS);
                    Long qty = r.integer(l, "quantity", at);
                    Boolean gift = r.bool(l, "gift", at);
                    lines.add(new OrderLine(r.text(l, "lineNo", at), r.text(l, "channelSku", at),
                            r.text(l, "masterSku", at), r.text(l, "title", at),
                            qty == null ? 0 : qty > Integer.MAX_VALUE ? Integer.MAX_VALUE : qty < Integer.MIN_VALUE ? Integer.MIN_VALUE : qty.intValue(),
                            r.decimal(l, "unitPrice", at), r.decimal(l, "paidAmount", at), gift != null && gift,
                            r.text(l, "parentLineNo", at)));
                }
            }
        }
        Amounts amounts = null;
        JsonNode m = r.object(root, "amounts");
        if (m != null) {
            r.unknown(m, "amounts.", AMOUNT_FIELDS);
            String currency = r.text(m, "currency", "amounts.");
            if (currency == null) {
                r.problems.add("amounts.currency is required");
            } else {
                amounts = new Amounts(currency, r.decimal(m, "goods", "amounts."), r.decimal(m, "discount", "amounts."),
                        r.decimal(m, "shipping", "amounts."), r.decimal(m, "paid", "amounts."));
            }
        }
        Instant created = r.time(root, "createdAt");
        Instant paid = r.time(root, "paidAt");
        List<String> tags = new ArrayList<>();
        JsonNode t = root.get("tags");
        if (t != null && !t.isNull()) {
            if (!t.isArray()) {
                r.problems.add("tags must be an array of strings");
            } else {
                for (JsonNode tag : t) {
                    if (!tag.isTextual() || tag.asText().contains(",")) {
                        r.problems.add("tags must be strings without commas");
                        break;
                    }
                    tags.add(tag.asText());
                }
            }
        }
        ChannelFacts facts = ChannelFacts.NONE;
        JsonNode f = r.object(root, "channelFacts");
        if (f != null) {
            r.unknown(f, "channelFacts.", FACT_FIELDS);
            facts = new ChannelFacts(r.enumValue(f, "state", ChannelFacts.ChannelState.class), r.time(f, "promisedShipBy"),
                    r.text(f, "deviceId", "channelFacts."), r.text(f, "buyerIp", "channelFacts."));
        }
        long platformVersion = 0;
        if (version != null) {
            platformVersion = version;
        } else if (changed != null) {
            platformVersion = changed.toEpochMilli();
        } else if (!r.problems.stream().anyMatch(p -> p.startsWith("platformVersion") || p.startsWith("platformChangedAt"))) {
            r.problems.add("platformVersion or platformChangedAt is required, to tell newer versions from older ones");
        }
        NormalizedOrder order = new NormalizedOrder(channel, shop, platformOrderId, platformVersion,
                r.text(root, "platformStatus"), payment, buyer, address, lines, amounts, created, paid, changed,
                r.text(root, "buyerNote"), r.text(root, "sellerNote"), tags, facts);
        if (!r.problems.isEmpty()) {
            throw new InvalidOrderException(r.problems);
        }
        List<String> problems = order.problems();
        if (!problems.isEmpty()) {
            throw new InvalidOrderException(problems);
        }
        return order;
    }

    /** Reads fields with type checks, collecting problems instead of failing on the first. */
    private static final class Reader {
        final List<String> problems = new ArrayList<>();

        void unknown(JsonNode node, String at, Set<String> known) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (!known.contains(f)) {
                    problems.add("unknown field '" + at + f + "'");
                }
            }
        }

        String text(JsonNode n, String f) {
            return text(n, f, "");
        }

        String text(JsonNode n, String f, String at) {
            JsonNode v = n.get(f);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isTextual()) {
                return v.asText();
            }
            if (v.isIntegralNumber()) {
                return v.asText();
            }
            problems.add(at + f + " must be a string, was " + kind(v));
            return null;
        }

        JsonNode object(JsonNode n, String f) {
            JsonNode v = n.get(f);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isObject()) {
                problems.add(f + " must be an object, was " + kind(v));
                return null;
            }
            return v;
        }

        Long integer(JsonNode n, String f) {
            return integer(n, f, "");
        }

        Long integer(JsonNode n, String f, String at) {
            JsonNode v = n.get(f);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                return v.asLong();
            }
            if (v.isTextual() && v.asText().matches("-?\\d{1,18}")) {
                return Long.parseLong(v.asText());
            }
            problems.add(at + f + " must be an integer, was " + kind(v));
            return null;
        }

        Boolean bool(JsonNode n, String f, String at) {
            JsonNode v = n.get(f);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isBoolean()) {
                return v.asBoolean();
            }
            problems.add(at + f + " must be true or false, was " + kind(v));
            return null;
        }

        BigDecimal decimal(JsonNode n, String f, String at) {
            JsonNode v = n.get(f);
            if (v == null || v.isNull()) {
                return null;
            }
            try {
                if (v.isNumber()) {
                    return v.decimalValue();
                }
                if (v.isTextual()) {
                    return new BigDecimal(v.asText().strip());
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(at + f + " must be a decimal number, was " + kind(v));
            return null;
        }

        Instant time(JsonNode n, String f) {
            JsonNode v = n.get(f);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isTextual()) {
                try {
                    return OffsetDateTime.parse(v.asText()).toInstant();
                } catch (DateTimeParseException e) {
                    // reported below
                }
            }
            problems.add(f + " must be an ISO-8601 date-time with offset (2026-11-11T00:00:00+08:00), was " + kind(v));
            return null;
        }

        <E extends Enum<E>> E enumValue(JsonNode n, String f, Class<E> type) {
            String s = text(n, f);
            if (s == null) {
                return null;
            }
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(s)) {
                    return e;
                }
            }
            problems.add(f + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + ", was '" + s + "'");
            return null;
        }

        private static String kind(JsonNode v) {
            String s = v.toString();
            return v.getNodeType().name().toLowerCase() + " " + (s.length() > 40 ? s.substring(0, 40) + "…" : s);
        }
    }

    public ObjectNode write(Order o) {
        NormalizedOrder c = o.content();
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", o.id());
        n.put("status", o.status().name());
        n.put("riskLevel", o.riskLevel().name());
        n.put("revision", o.revision());
        n.put("receivedAt", str(o.receivedAt()));
        n.put("updatedAt", str(o.updatedAt()));
        n.put("channel", c.channel());
        n.put("shop", c.shop());
        n.put("platformOrderId", c.platformOrderId());
        n.put("platformVersion", c.platformVersion());
        n.put("platformStatus", c.platformStatus());
        n.put("paymentStatus", c.paymentStatus().name());
        if (c.buyer() != null) {
            ObjectNode b = n.putObject("buyer");
            b.put("name", c.buyer().name());
            b.put("phone", c.buyer().phone());
            b.put("platformBuyerId", c.buyer().platformBuyerId());
        }
        if (c.address() != null) {
            Address a = c.address();
            ObjectNode an = n.putObject("address");
            an.put("country", a.country());
            an.put("province", a.province());
            an.put("city", a.city());
            an.put("district", a.district());
            an.put("street", a.street());
            an.put("detail", a.detail());
            an.put("postcode", a.postcode());
        }
        ArrayNode lines = n.putArray("lines");
        for (OrderLine l : c.lines()) {
            ObjectNode ln = lines.addObject();
            ln.put("lineNo", l.lineNo());
            ln.put("channelSku", l.channelSku());
            ln.put("masterSku", l.masterSku());
            ln.put("title", l.title());
            ln.put("quantity", l.quantity());
            ln.put("unitPrice", plain(l.unitPrice()));
            ln.put("paidAmount", plain(l.paidAmount()));
            ln.put("gift", l.gift());
            ln.put("parentLineNo", l.parentLineNo());
        }
        ObjectNode m = n.putObject("amounts");
        m.put("currency", c.amounts().currency());
        m.put("goods", plain(c.amounts().goods()));
        m.put("discount", plain(c.amounts().discount()));
        m.put("shipping", plain(c.amounts().shipping()));
        m.put("paid", plain(c.amounts().paid()));
        n.put("createdAt", str(c.createdAt()));
        n.put("paidAt", str(c.paidAt()));
        n.put("platformChangedAt", str(c.platformChangedAt()));
        n.put("buyerNote", c.buyerNote());
        n.put("sellerNote", c.sellerNote());
        ArrayNode tags = n.putArray("tags");
        c.tags().forEach(tags::add);
        ObjectNode f = n.putObject("channelFacts");
        f.put("state", c.facts().state().name());
        f.put("promisedShipBy", str(c.facts().promisedShipBy()));
        f.put("deviceId", c.facts().deviceId());
        f.put("buyerIp", c.facts().buyerIp());
        if (!c.facts().refunds().isEmpty()) { // written for reading only: the intake takes no refunds
            ArrayNode refunds = f.putArray("refunds");
            for (org.ordertower.api.Refund r : c.facts().refunds()) {
                ObjectNode x = refunds.addObject();
                x.put("refundId", r.refundId());
                r.lineNos().forEach(x.putArray("lineNos")::add);
                x.put("state", r.state().name());
                x.put("platformStatus", r.platformStatus());
            }
        }
        return n;
    }

    public ArrayNode write(List<AuditEntry> timeline) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        for (AuditEntry e : timeline) {
            ObjectNode n = arr.addObject();
            n.put("at", str(e.at()));
            n.put("actor", e.actor().toString());
            n.put("action", e.action());
            n.put("field", e.field());
            n.put("from", e.oldValue());
            n.put("to", e.newValue());
            n.put("reason", e.reason());
        }
        return arr;
    }

    public String event(OrderEvent e) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("eventId", e.eventId());
        n.put("schema", ORDER_EVENT_SCHEMA);
        n.put("type", e.type().name());
        n.put("orderId", e.orderId());
        n.put("channel", e.channel());
        n.put("shop", e.shop());
        n.put("platformOrderId", e.platformOrderId());
        n.put("status", e.status().name());
        n.put("previousStatus", e.previousStatus() == null ? null : e.previousStatus().name());
        n.put("revision", e.revision());
        n.put("at", str(e.at()));
        return n.toString();
    }

    public String alert(AlertEvent e) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("eventId", e.eventId());
        n.put("schema", ALERT_SCHEMA);
        n.put("type", AlertEvent.TYPE);
        n.put("kind", e.kind());
        n.put("orderId", e.orderId());
        n.put("channel", e.channel());
        n.put("shop", e.shop());
        n.put("platformOrderId", e.platformOrderId());
        n.put("subject", e.subject());
        n.put("message", e.message());
        n.put("at", str(e.at()));
        return n.toString();
    }

    /** The schemas of the events ({@code schemas/} of the distribution, docs/events.md), by name and major version. */
    public static final String ORDER_EVENT_SCHEMA = "order-event/1";
    public static final String ALERT_SCHEMA = "alert/1";
    public static final String REVIEW_DECISION_SCHEMA = "review-decision/1";

    /**
     * A person's decision on an order that waited for one (review or frozen), as the review decisions topic carries it.
     *
     * @param decision APPROVED (on its way), REJECTED (cancelled) or UNFROZEN (a frozen order back in review)
     */
    public String reviewDecision(String eventId, String decision, Order o, OrderStatus from, String by, String reason,
            java.time.Instant at) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("eventId", eventId);
        n.put("schema", REVIEW_DECISION_SCHEMA);
        n.put("type", "REVIEW_DECISION");
        n.put("decision", decision);
        n.put("orderId", o.id());
        n.put("channel", o.content().channel());
        n.put("shop", o.content().shop());
        n.put("platformOrderId", o.content().platformOrderId());
        n.put("from", from.name());
        n.put("to", o.status().name());
        n.put("by", by);
        n.put("reason", reason);
        n.put("revision", o.revision());
        n.put("at", str(at));
        return n.toString();
    }

    public String toJson(Object node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * A value of the API (a record, a list of them, ...) as a JSON tree: record components by name,
     * instants and dates as ISO-8601 strings. Only for types without buyer data.
     */
    public JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }

    /**
     * Parses a body that must be one JSON object.
     *
     * @throws IllegalArgumentException saying where the JSON is malformed, or that it is not an object
     */
    public ObjectNode readObject(String body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(malformed(e));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body must be one JSON object");
        }
        return (ObjectNode) root;
    }

    private static String malformed(JsonProcessingException e) {
        return "malformed JSON: " + e.getOriginalMessage()
                + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    }

    public Map<String, Object> readMap(String json) throws JsonProcessingException {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = mapper.readValue(json, Map.class);
        return m;
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }

    private static String plain(BigDecimal v) {
        return v == null ? null : v.toPlainString();
    }
}

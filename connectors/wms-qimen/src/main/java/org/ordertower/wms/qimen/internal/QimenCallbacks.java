package org.ordertower.wms.qimen.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ordertower.api.channel.PushRequest;
import org.ordertower.api.fulfilment.CallbackReply;
import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.PartnerException.Kind;
import org.ordertower.api.fulfilment.ReceivedLine;
import org.ordertower.api.fulfilment.ShippedPackage;
import org.ordertower.api.fulfilment.WmsEvent;
import org.ordertower.connector.kit.Digests;
import org.ordertower.connector.kit.Xml;
import org.ordertower.wms.qimen.internal.api.QimenSigner;
import org.w3c.dom.Element;

/**
 * Checks and parses what the WMS sends to the ERP's endpoint through the router: the same system parameters and
 * signature as a call (奇门签名), with this account's secret and customerId, within {@link
 * QimenConstants#TIMESTAMP_WINDOW}; then the XML body of one of the four reports, named with or without the
 * {@value QimenConstants#PREFIX} prefix ({@link QimenConstants#callbackName}). Nothing is half-parsed: any missing or
 * malformed field refuses the whole callback, naming the field. Thread-safe, no I/O.
 */
final class QimenCallbacks {
    private final QimenSettings settings;

    QimenCallbacks(QimenSettings settings) {
        this.settings = settings;
    }

    List<WmsEvent> verify(PushRequest request) {
        Map<String, String> q = request.query();
        String method = q.get(QimenConstants.P_METHOD);
        String sign = q.get(QimenConstants.P_SIGN);
        if (sign == null || sign.isBlank()) {
            throw new PartnerException(Kind.AUTH, "qimen callback without sign", QimenConstants.CODE_SIGN, null, null);
        }
        String signMethod;
        try {
            signMethod = QimenSigner.method(q.get(QimenConstants.P_SIGN_METHOD));
        } catch (IllegalArgumentException e) {
            throw new PartnerException(Kind.AUTH, "qimen callback: " + e.getMessage(), QimenConstants.CODE_SIGN, null, e);
        }
        String expected = QimenSigner.sign(settings.appSecret(), signMethod, q, request.body());
        if (!Digests.sameSignature(expected, sign)) {
            throw new PartnerException(Kind.AUTH, "qimen callback " + method + ": the signature does not verify with this"
                    + " account's secret", QimenConstants.CODE_SIGN, null, null);
        }
        String customerId = q.get(QimenConstants.P_CUSTOMER_ID);
        if (!settings.customerId().equals(customerId)) {
            throw new PartnerException(Kind.AUTH, "qimen callback " + method + " is for customerId '" + customerId
                    + "', this account is " + settings.customerId(), QimenConstants.CODE_CUSTOMER, null, null);
        }
        checkTimestamp(method, q.get(QimenConstants.P_TIMESTAMP));
        if (method == null || method.isBlank()) {
            throw permanent("qimen callback without method");
        }
        Element root;
        try {
            root = Xml.parse(request.body());
        } catch (Xml.XmlException e) {
            throw new PartnerException(Kind.PERMANENT, "qimen " + method + ": the body is refused: " + e.getMessage(),
                    "invalid-body", null, e);
        }
        if (!"request".equals(root.getTagName())) {
            throw permanent("qimen " + method + ": the body's root is <" + root.getTagName() + ">, not <request>");
        }
        // bare (deliveryorder.confirm) or full (taobao.qimen.deliveryorder.confirm): the same report, the same id
        String api = QimenConstants.callbackName(method);
        String eventId = "qimen-" + Digests.sha256Hex(api + "\n" + request.body()).substring(0, 40);
        Parse p = new Parse(method, eventId, request.receivedAt());
        return switch (api) {
            case QimenConstants.DELIVERY_CONFIRM -> List.of(p.delivery(root));
            case QimenConstants.RETURN_CONFIRM -> List.of(p.received(root, "returnOrder", "returnOrderCode",
                    WmsEvent.Kind.RETURN_RECEIVED));
            case QimenConstants.ENTRY_CONFIRM -> List.of(p.received(root, "entryOrder", "entryOrderCode",
                    WmsEvent.Kind.ENTRY_RECEIVED));
            case QimenConstants.PROCESS_REPORT -> List.of(p.process(root));
            default -> throw permanent("qimen callback method " + method + " is not one this connector takes ("
                    + QimenConstants.DELIVERY_CONFIRM + ", " + QimenConstants.RETURN_CONFIRM + ", "
                    + QimenConstants.ENTRY_CONFIRM + ", " + QimenConstants.PROCESS_REPORT + ", with or without the "
                    + QimenConstants.PREFIX + " prefix)");
        };
    }

    private void checkTimestamp(String method, String timestamp) {
        if (timestamp == null) {
            throw new PartnerException(Kind.AUTH, "qimen callback " + method + " without timestamp",
                    QimenConstants.CODE_TIMESTAMP, null, null);
        }
        Instant at;
        try {
            at = LocalDateTime.parse(timestamp, QimenConstants.TIME).atZone(QimenConstants.CHINA).toInstant();
        } catch (DateTimeException e) {
            throw new PartnerException(Kind.AUTH, "qimen callback " + method + ": timestamp is not yyyy-MM-dd HH:mm:ss",
                    QimenConstants.CODE_TIMESTAMP, null, e);
        }
        Duration skew = Duration.between(at, settings.clock().instant()).abs();
        if (skew.compareTo(QimenConstants.TIMESTAMP_WINDOW) > 0) {
            throw new PartnerException(Kind.AUTH, "qimen callback " + method + ": timestamp " + timestamp + " is "
                    + skew.toMinutes() + " minutes from this host's clock (at most "
                    + QimenConstants.TIMESTAMP_WINDOW.toMinutes() + ")", QimenConstants.CODE_TIMESTAMP, null, null);
        }
    }

    /** The answer the WMS expects: HTTP 200 and {@code <response><flag/><code/><message/></response>}. */
    static CallbackReply reply(boolean accepted, String message) {
        String body = new Xml.Writer().open("response").leaf("flag", accepted ? "success" : "failure")
                .leaf("code", accepted ? "0" : "callback-refused").leaf("message", message == null ? "" : message)
                .close("response").toString();
        return new CallbackReply(200, "text/xml;charset=utf-8", body);
    }

    private static PartnerException permanent(String message) {
        return new PartnerException(Kind.PERMANENT, message);
    }

    /** One callback's parse. */
    private final class Parse {
        private final String method;
        private final String eventId;
        private final Instant receivedAt;

        Parse(String method, String eventId, Instant receivedAt) {
            this.method = method;
            this.eventId = eventId;
            this.receivedAt = receivedAt;
        }

        /** deliveryorder.confirm: status DELIVERED, or PARTDELIVERED / confirmType 1 when more follows. */
        WmsEvent delivery(Element root) {
            Element order = required(root, "deliveryOrder");
            String code = required(order, "deliveryOrder", "deliveryOrderCode");
            String warehouse = warehouse(order, "deliveryOrder");
            String status = required(order, "deliveryOrder", "status");
            String confirmType = Xml.text(order, "confirmType");
            if (confirmType != null && !confirmType.equals("0") && !confirmType.equals("1")) {
                throw permanent("qimen " + method + ": deliveryOrder.confirmType must be 0 or 1, was '" + confirmType + "'");
            }
            WmsEvent.Kind kind;
            if (QimenConstants.PARTDELIVERED.equals(status) || "1".equals(confirmType)) {
                kind = WmsEvent.Kind.PARTIALLY_SHIPPED;
            } else if (QimenConstants.DELIVERED.equals(status)) {
                kind = WmsEvent.Kind.SHIPPED;
            } else {
                throw permanent("qimen " + method + ": deliveryOrder.status '" + status + "' is not DELIVERED or "
                        + "PARTDELIVERED");
            }
            List<Element> packages = list(root, "packages", "package", code);
            List<ShippedPackage> shipped = new ArrayList<>();
            for (int i = 0; i < packages.size(); i++) {
                Element p = packages.get(i);
                String where = "packages.package[" + i + "]";
                String carrier = required(p, where, "logisticsCode");
                String tracking = required(p, where, "expressCode");
                List<ParcelLine> lines = new ArrayList<>();
                List<Element> items = Xml.children(Xml.child(p, "items"), "item");
                for (int j = 0; j < items.size(); j++) {
                    Element item = items.get(j);
                    String itemWhere = where + ".items.item[" + j + "]";
                    String sku = required(item, itemWhere, "itemCode");
                    lines.add(new ParcelLine(String.valueOf(j + 1), sku, null, positive(item, itemWhere, "quantity")));
                }
                shipped.add(new ShippedPackage(carrier, tracking, grams(p, where), lines));
            }
            return new WmsEvent(eventId, kind, code, warehouse, at(order, "orderConfirmTime", "operateTime"), shipped,
                    List.of(), status, Xml.text(order, "remark"));
        }

        /** returnorder.confirm / entryorder.confirm: the lines actually received, CC/JS/XS as damaged. */
        WmsEvent received(Element root, String header, String codeField, WmsEvent.Kind kind) {
            Element order = required(root, header);
            String code = required(order, header, codeField);
            String warehouse = warehouse(order, header);
            List<Element> lines = list(root, "orderLines", "orderLine", code);
            List<ReceivedLine> received = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                Element l = lines.get(i);
                String where = "orderLines.orderLine[" + i + "]";
                String sku = required(l, where, "itemCode");
                int qty = count(l, where, "actualQty");
                String type = Xml.text(l, "inventoryType");
                type = type == null ? QimenConstants.ZP : type;
                if (!QimenConstants.INVENTORY_TYPES.contains(type)) {
                    throw permanent("qimen " + method + ": " + where + ".inventoryType '" + type + "' is not one of "
                            + QimenConstants.INVENTORY_TYPES);
                }
                if (qty > 0) {
                    received.add(new ReceivedLine(sku, qty, QimenConstants.DAMAGED_TYPES.contains(type)));
                }
            }
            String status = Xml.text(order, "status");
            return new WmsEvent(eventId, kind, code, warehouse, at(order, "orderConfirmTime", "operateTime"), List.of(),
                    received, status == null ? "CONFIRMED" : status, Xml.text(order, "remark"));
        }

        /** orderprocess.report: PROGRESS, or EXCEPTION for processStatus EXCEPTION. */
        WmsEvent process(Element root) {
            Element order = required(root, "order");
            String code = required(order, "order", "orderCode");
            String warehouse = warehouse(order, "order");
            Element process = required(root, "process");
            String status = required(process, "process", "processStatus");
            if (!QimenConstants.PROCESS_STATUSES.contains(status)) {
                throw permanent("qimen " + method + ": process.processStatus '" + status + "' is not a status of the "
                        + "standard");
            }
            String info = Xml.text(process, "operateInfo");
            WmsEvent.Kind kind = QimenConstants.EXCEPTION.equals(status) ? WmsEvent.Kind.EXCEPTION : WmsEvent.Kind.PROGRESS;
            return new WmsEvent(eventId, kind, code, warehouse, at(process, "operateTime", "operateTime"), List.of(),
                    List.of(), status, info != null ? info : Xml.text(process, "remark"));
        }

        /** A list's entries; at least one is required. */
        private List<Element> list(Element root, String outer, String inner, String code) {
            List<Element> entries = Xml.children(Xml.child(root, outer), inner);
            if (entries.isEmpty()) {
                throw permanent("qimen " + method + " for " + code + ": " + outer + "." + inner + " is required");
            }
            return entries;
        }

        private String warehouse(Element parent, String where) {
            String code = required(parent, where, "warehouseCode");
            String warehouse = settings.warehouseOf(code);
            if (warehouse == null) {
                throw permanent("qimen " + method + ": " + where + ".warehouseCode " + code + " is not a warehouse of "
                        + "this account (" + settings.warehouseCodes().values() + ")");
            }
            return warehouse;
        }

        private Element required(Element parent, String name) {
            Element e = Xml.child(parent, name);
            if (e == null) {
                throw permanent("qimen " + method + ": " + name + " is required");
            }
            return e;
        }

        private String required(Element parent, String where, String field) {
            String v = Xml.text(parent, field);
            if (v == null) {
                throw permanent("qimen " + method + ": " + where + "." + field + " is required");
            }
            return v;
        }

        private int count(Element parent, String where, String field) {
            String v = required(parent, where, field);
            try {
                int n = Integer.parseInt(v);
                if (n < 0) {
                    throw permanent("qimen " + method + ": " + where + "." + field + " is negative");
                }
                return n;
            } catch (NumberFormatException e) {
                throw permanent("qimen " + method + ": " + where + "." + field + " is not an integer");
            }
        }

        private int positive(Element parent, String where, String field) {
            int n = count(parent, where, field);
            if (n < 1) {
                throw permanent("qimen " + method + ": " + where + "." + field + " must be at least 1");
            }
            return n;
        }

        /** weight is kilograms (包裹重量(单位：千克)), optional. */
        private int grams(Element p, String where) {
            String v = Xml.text(p, "weight");
            if (v == null) {
                return 0;
            }
            try {
                double kg = Double.parseDouble(v);
                if (!(kg >= 0) || kg > 100_000) {
                    throw permanent("qimen " + method + ": " + where + ".weight is out of range");
                }
                return (int) Math.round(kg * 1000);
            } catch (NumberFormatException e) {
                throw permanent("qimen " + method + ": " + where + ".weight is not a number");
            }
        }

        /** The report's time (GMT+8), else when it arrived. */
        private Instant at(Element parent, String field, String fallback) {
            String v = Xml.text(parent, field);
            String name = field;
            if (v == null) {
                v = Xml.text(parent, fallback);
                name = fallback;
            }
            if (v == null) {
                return receivedAt;
            }
            try {
                return LocalDateTime.parse(v, QimenConstants.TIME).atZone(QimenConstants.CHINA).toInstant();
            } catch (DateTimeException e) {
                throw permanent("qimen " + method + ": " + name + " is not yyyy-MM-dd HH:mm:ss");
            }
        }
    }
}

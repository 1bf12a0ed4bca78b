package org.ordertower.wms.qimen.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.ordertower.api.fulfilment.CancelResult;
import org.ordertower.api.fulfilment.DeliveryAck;
import org.ordertower.api.fulfilment.DeliveryOrder;
import org.ordertower.api.fulfilment.EntryOrder;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.PartnerException.Kind;
import org.ordertower.api.fulfilment.ReturnOrder;
import org.ordertower.api.fulfilment.WmsStock;
import org.ordertower.connector.kit.Xml;
import org.ordertower.wms.qimen.internal.api.QimenClient;
import org.ordertower.wms.qimen.internal.api.QimenClient.Answer;
import org.ordertower.wms.qimen.internal.api.QimenClient.QimenFailure;
import org.w3c.dom.Element;

/** The ERP-to-WMS calls: build the body, call, read the answer. */
final class QimenFulfilment {
    private final QimenSettings settings;
    private final QimenClient client;
    private final QimenRequests requests;

    QimenFulfilment(QimenSettings settings, QimenClient client) {
        this.settings = settings;
        this.client = client;
        this.requests = new QimenRequests(settings.ownerCode());
    }

    DeliveryAck createDelivery(DeliveryOrder o) {
        String body = requests.delivery(o, code(o.warehouse()), settings.clock().instant());
        return ack(QimenConstants.DELIVERY_CREATE, o.code(), body, "deliveryOrderId");
    }

    DeliveryAck createReturn(ReturnOrder r) {
        return ack(QimenConstants.RETURN_CREATE, r.code(), requests.returnOrder(r, code(r.warehouse())), "returnOrderId");
    }

    DeliveryAck createEntry(EntryOrder e) {
        String body = requests.entry(e, code(e.warehouse()), settings.clock().instant());
        return ack(QimenConstants.ENTRY_CREATE, e.code(), body, "entryOrderId");
    }

    /**
     * A create answers the WMS's id; a repeat of a code the WMS has answers the existing order, flagged with
     * {@link QimenConstants#CODE_ORDER_EXISTS} whether the WMS calls it a success or a failure.
     */
    private DeliveryAck ack(String method, String code, String body, String idField) {
        Answer answer;
        try {
            answer = client.call(method, body);
        } catch (QimenFailure f) {
            String existing = Xml.text(f.response(), idField);
            if (QimenConstants.CODE_ORDER_EXISTS.equals(f.partnerCode()) && existing != null) {
                return new DeliveryAck(code, existing, true);
            }
            throw f;
        }
        String id = Xml.text(answer.response(), idField);
        if (id == null) {
            throw new PartnerException(Kind.PERMANENT, "qimen " + method + " answered success without " + idField + " for "
                    + code, answer.code(), null, null);
        }
        return new DeliveryAck(code, id, QimenConstants.CODE_ORDER_EXISTS.equals(answer.code()));
    }

    CancelResult cancel(String code, String warehouse) {
        try {
            client.call(QimenConstants.ORDER_CANCEL, requests.cancel(code, code(warehouse)));
            return CancelResult.CANCELLED;
        } catch (QimenFailure f) {
            if (QimenConstants.CODE_NOT_FOUND.equals(f.partnerCode())) {
                return CancelResult.NOT_FOUND;
            }
            if (QimenConstants.CODE_ALREADY_SHIPPED.equals(f.partnerCode())) {
                return CancelResult.ALREADY_SHIPPED;
            }
            throw f;
        }
    }

    /**
     * Named SKUs through inventory.query in groups of {@link QimenConstants#CRITERIA_PER_CALL} (SKUs the WMS does not
     * answer have nothing: zeros); all SKUs through stock.query, page after page until totalCount rows came.
     */
    List<WmsStock> stock(String warehouse, List<String> skus) {
        String code = code(warehouse);
        Map<String, int[]> counts = new LinkedHashMap<>();
        if (skus.isEmpty()) {
            int page = 1;
            int seen = 0;
            while (true) {
                Answer a = client.call(QimenConstants.STOCK_QUERY, requests.stockPage(code, page, settings.pageSize()));
                List<Element> items = Xml.children(Xml.child(a.response(), "items"), "item");
                add(counts, items, code, QimenConstants.STOCK_QUERY);
                seen += items.size();
                long total = total(a.response());
                if (items.isEmpty() || seen >= total) {
                    break;
                }
                page++;
            }
        } else {
            List<String> unique = new ArrayList<>(new LinkedHashSet<>(skus));
            unique.forEach(s -> counts.put(s, new int[3]));
            for (int i = 0; i < unique.size(); i += QimenConstants.CRITERIA_PER_CALL) {
                List<String> group = unique.subList(i, Math.min(unique.size(), i + QimenConstants.CRITERIA_PER_CALL));
                Answer a = client.call(QimenConstants.INVENTORY_QUERY, requests.inventory(code, group));
                add(counts, Xml.children(Xml.child(a.response(), "items"), "item"), code, QimenConstants.INVENTORY_QUERY);
            }
        }
        List<WmsStock> out = new ArrayList<>();
        counts.forEach((sku, c) -> out.add(new WmsStock(warehouse, sku, c[0], c[1], c[2])));
        return out;
    }

    /**
     * Sums rows: ZP quantity (未冻结) plus lockQuantity (冻结) is good (on hand), its lockQuantity is locked; CC, JS
     * and XS rows are defective; ZT (in transit) is not in the warehouse and is left out. Rows of another
     * warehouse are skipped.
     */
    private static void add(Map<String, int[]> counts, List<Element> items, String code, String method) {
        for (Element item : items) {
            String itemCode = Xml.text(item, "itemCode");
            if (itemCode == null) {
                throw permanent(method + " answered an item without itemCode");
            }
            String wh = Xml.text(item, "warehouseCode");
            if (wh != null && !wh.equals(code)) {
                continue;
            }
            String type = Xml.text(item, "inventoryType");
            type = type == null ? QimenConstants.ZP : type;
            if (!QimenConstants.INVENTORY_TYPES.contains(type)) {
                throw permanent(method + " answered unknown inventoryType '" + type + "' for " + itemCode);
            }
            int quantity = count(item, "quantity", itemCode, method);
            int locked = count(item, "lockQuantity", itemCode, method);
            int[] c = counts.computeIfAbsent(itemCode, k -> new int[3]);
            if (QimenConstants.ZP.equals(type)) {
                c[0] += quantity + locked;
                c[2] += locked;
            } else if (QimenConstants.DAMAGED_TYPES.contains(type)) {
                c[1] += quantity + locked;
            }
        }
    }

    private static int count(Element item, String field, String itemCode, String method) {
        String v = Xml.text(item, field);
        if (v == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw permanent(method + " answered a negative " + field + " for " + itemCode);
            }
            return n;
        } catch (NumberFormatException e) {
            throw permanent(method + " answered a non-integer " + field + " for " + itemCode);
        }
    }

    private static long total(Element response) {
        String v = Xml.text(response, "totalCount");
        // the API page names it totalCount; the 库存查询 sample answer (articleId=117881) shows totalLines
        v = v == null ? Xml.text(response, "totalLines") : v;
        if (v == null) {
            throw permanent(QimenConstants.STOCK_QUERY + " answered no totalCount");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw permanent(QimenConstants.STOCK_QUERY + " answered a non-integer totalCount");
        }
    }

    /** The WMS code of a warehouse this account runs. */
    String code(String warehouse) {
        String code = settings.codeOf(warehouse);
        if (code == null) {
            throw new PartnerException(Kind.PERMANENT, "warehouse " + warehouse + " is not run by qimen account "
                    + settings.customerId() + " (warehouses: " + settings.warehouses() + ")");
        }
        return code;
    }

    private static PartnerException permanent(String message) {
        return new PartnerException(Kind.PERMANENT, "qimen " + message);
    }
}

package org.ordertower.wms.qimen.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ordertower.api.Address;
import org.ordertower.api.fulfilment.Contact;
import org.ordertower.api.fulfilment.DeliveryOrder;
import org.ordertower.api.fulfilment.EntryOrder;
import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.ReturnOrder;
import org.ordertower.connector.kit.Xml;

/**
 * The request bodies, from OrderTower's records to the standard's XML (field names and codes from the API pages
 * named in the README). Pure: no I/O; the caller passes the WMS warehouseCode and the time.
 */
final class QimenRequests {
    /** Marketplace to the standard's 订单来源平台编码; anything else is OTHER. */
    private static final Map<String, String> PLATFORMS = Map.of("taobao", "TB", "tmall", "TM", "jd", "JD", "douyin", "DY",
            "pdd", "PDD", "kuaishou", "KS");

    private final String ownerCode;

    QimenRequests(String ownerCode) {
        this.ownerCode = ownerCode;
    }

    static String platformCode(String channel) {
        return channel == null ? "OTHER" : PLATFORMS.getOrDefault(channel.toLowerCase(Locale.ROOT), "OTHER");
    }

    /** taobao.qimen.deliveryorder.create (发货单创建, apiId=26002). */
    String delivery(DeliveryOrder o, String warehouseCode, Instant now) {
        Xml.Writer w = new Xml.Writer().open("request").open("deliveryOrder");
        w.leaf("deliveryOrderCode", o.code()).leaf("orderType", QimenConstants.JYCK).leaf("warehouseCode", warehouseCode)
                .leaf("sourcePlatformCode", platformCode(o.channel())).leaf("createTime", time(now))
                .leaf("placeOrderTime", time(o.placedAt() == null ? now : o.placedAt())).leaf("payTime", time(o.paidAt()))
                .leaf("operateTime", time(now)).leaf("shopNick", o.shop() == null ? o.channel() : o.shop())
                .leaf("logisticsCode", o.carrierCode()).leaf("expressCode", blankToNull(o.waybillNo()));
        contact(w, "senderInfo", o.sender());
        contact(w, "receiverInfo", o.receiver());
        w.leaf("buyerMessage", blankToNull(o.buyerNote())).close("deliveryOrder");
        lines(w, o.lines(), o.platformOrderId());
        return w.close("request").toString();
    }

    /** taobao.qimen.order.cancel (单据取消): the delivery order by our code. */
    String cancel(String code, String warehouseCode) {
        return new Xml.Writer().open("request").leaf("warehouseCode", warehouseCode).leaf("ownerCode", ownerCode)
                .leaf("orderCode", code).leaf("orderType", QimenConstants.JYCK).close("request").toString();
    }

    /** taobao.qimen.returnorder.create (退货入库单创建), type THRK. */
    String returnOrder(ReturnOrder r, String warehouseCode) {
        Xml.Writer w = new Xml.Writer().open("request").open("returnOrder");
        w.leaf("returnOrderCode", r.code()).leaf("warehouseCode", warehouseCode).leaf("orderType", QimenConstants.THRK)
                .leaf("sourcePlatformCode", platformCode(r.channel())).leaf("preDeliveryOrderCode", r.deliveryCode())
                // the standard's code for a carrier not known yet is OTHER (物流公司编码 ... OTHER=其他)
                .leaf("logisticsCode", r.carrierCode() == null ? "OTHER" : r.carrierCode())
                .leaf("expressCode", blankToNull(r.trackingNo())).leaf("returnReason", blankToNull(r.reason()));
        contact(w, "senderInfo", r.sender());
        w.close("returnOrder");
        lines(w, r.lines(), r.platformOrderId());
        return w.close("request").toString();
    }

    /** taobao.qimen.entryorder.create (入库单创建): CGRK, DBRK or QTRK. */
    String entry(EntryOrder e, String warehouseCode, Instant now) {
        Xml.Writer w = new Xml.Writer().open("request").open("entryOrder");
        w.leaf("entryOrderCode", e.code()).leaf("ownerCode", ownerCode).leaf("warehouseCode", warehouseCode)
                .leaf("orderCreateTime", time(now)).leaf("orderType", entryType(e.type()))
                .leaf("expectStartTime", e.expected() == null ? null : e.expected() + " 00:00:00");
        if (e.type() == EntryOrder.Type.TRANSFER) {
            w.leaf("sourceWarehouseCode", e.supplier());
        } else {
            w.leaf("supplierCode", e.supplier());
        }
        w.leaf("operateTime", time(now)).leaf("totalOrderLines", e.lines().size()).close("entryOrder");
        lines(w, e.lines(), null);
        return w.close("request").toString();
    }

    static String entryType(EntryOrder.Type type) {
        return switch (type) {
            case PURCHASE -> QimenConstants.CGRK;
            case TRANSFER -> QimenConstants.DBRK;
            case OTHER -> QimenConstants.QTRK;
        };
    }

    /** taobao.qimen.inventory.query: one criteria per SKU (itemCode is required in each), every inventory type. */
    String inventory(String warehouseCode, List<String> skus) {
        Xml.Writer w = new Xml.Writer().open("request").open("criteriaList");
        for (String sku : skus) {
            w.open("criteria").leaf("warehouseCode", warehouseCode).leaf("ownerCode", ownerCode).leaf("itemCode", sku)
                    .close("criteria");
        }
        return w.close("criteriaList").close("request").toString();
    }

    /** taobao.qimen.stock.query: one page of a warehouse's stock. */
    String stockPage(String warehouseCode, int page, int pageSize) {
        return new Xml.Writer().open("request").leaf("warehouseCode", warehouseCode).leaf("ownerCode", ownerCode)
                .leaf("page", page).leaf("pageSize", pageSize).close("request").toString();
    }

    private void lines(Xml.Writer w, List<ParcelLine> lines, String sourceOrderCode) {
        w.open("orderLines");
        for (ParcelLine l : lines) {
            w.open("orderLine").leaf("orderLineNo", l.lineNo()).leaf("sourceOrderCode", blankToNull(sourceOrderCode))
                    .leaf("ownerCode", ownerCode).leaf("itemCode", l.sku()).leaf("itemName", blankToNull(l.name()))
                    .leaf("planQty", l.quantity()).leaf("inventoryType", QimenConstants.ZP).close("orderLine");
        }
        w.close("orderLines");
    }

    /**
     * senderInfo / receiverInfo {name, mobile, province, city, area, town, detailAddress}: passed as the order
     * stores them (masked or encrypted values stay so). Nothing is written for a null contact.
     */
    private static void contact(Xml.Writer w, String element, Contact c) {
        if (c == null) {
            return;
        }
        Address a = c.address();
        String detail = blankToNull(a.detail()) == null ? blankToNull(a.street()) : a.detail();
        w.open(element).leaf("name", blankToNull(c.name())).leaf("mobile", blankToNull(c.phone()))
                .leaf("province", blankToNull(a.province())).leaf("city", blankToNull(a.city()))
                .leaf("area", blankToNull(a.district())).leaf("town", blankToNull(a.street()))
                .leaf("detailAddress", detail).leaf("zipCode", blankToNull(a.postcode())).close(element);
    }

    static String time(Instant t) {
        return t == null ? null : QimenConstants.TIME.format(t);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

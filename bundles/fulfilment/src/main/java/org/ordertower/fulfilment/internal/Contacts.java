package org.ordertower.fulfilment.internal;

import java.sql.SQLException;
import java.util.List;

import org.ordertower.api.Address;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.Tags;
import org.ordertower.api.fulfilment.Contact;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.Warehouse;
import org.ordertower.fulfilment.internal.ParcelStore.Parcel;
import org.ordertower.jdbc.Tx;

/**
 * The sender and the receiver that waybills and delivery orders carry, and the digest of the receiver a box went out
 * for, by which a changed address is noticed.
 */
final class Contacts {
    private final FulfilmentContext ctx;

    Contacts(FulfilmentContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The merchant at a warehouse: the configured sender name and phone, the warehouse's region.
     *
     * @throws StoreUnavailableException while the inventory service is away (the node stopping, the inventory bundle
     *     being updated): the call waits for it, instead of going out with no sender address and being refused for good
     * @throws IllegalArgumentException naming a warehouse the inventory does not know
     */
    Contact sender(String warehouseId) {
        InventoryService inv = ctx.inventory.get();
        if (inv == null) {
            throw new StoreUnavailableException("the inventory is not available: the sender's address (warehouse "
                    + warehouseId + ") cannot be read now", null);
        }
        Warehouse w = inv.warehouses().stream().filter(x -> x.id().equals(warehouseId)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("the inventory knows no warehouse '" + warehouseId
                        + "' to send from"));
        String region = w.region() == null ? "" : w.region();
        String[] r = region.split("/", 3);
        Address a = new Address("CN", r.length > 0 ? r[0] : "", r.length > 1 ? r[1] : "", r.length > 2 ? r[2] : null,
                null, w.name(), null);
        return new Contact(ctx.options.senderName(), ctx.options.senderPhone(), a, null);
    }

    static Contact receiver(NormalizedOrder c) {
        Address a = c.address() == null ? new Address(null, null, null, null, null, null, null) : c.address();
        return new Contact(c.buyer() == null ? null : c.buyer().name(), c.buyer() == null ? null : c.buyer().phone(), a,
                openAddressId(c));
    }

    /**
     * The platform's open address id of an order whose receiver it keeps encrypted (Taobao's OAID, kept by the
     * channel as the tag {@link Tags#oaid}), so the e-waybill service prints the real
     * receiver from it; null when the order has none.
     */
    static String openAddressId(NormalizedOrder c) {
        return Tags.oaidOf(c.tags(), c.platformOrderId());
    }

    /** A digest of the receiver a waybill and a delivery order carry (name, phone, address, open address id). */
    static String addressDigest(NormalizedOrder c) {
        Contact r = receiver(c);
        Address a = r.address();
        String text = String.join("\u0001", String.valueOf(r.name()), String.valueOf(r.phone()),
                String.valueOf(a.country()), String.valueOf(a.province()), String.valueOf(a.city()),
                String.valueOf(a.district()), String.valueOf(a.street()), String.valueOf(a.detail()),
                String.valueOf(a.postcode()), String.valueOf(r.openAddressId()));
        return Digests.sha256Hex(text);
    }

    /** Notes, on each parcel of a box, the receiver its order had when the box went out. */
    void noteAddresses(Tx tx, List<Parcel> box) throws SQLException {
        for (Parcel g : box) {
            Order og = ctx.orders.load(tx, g.orderId(), false).orElse(null);
            if (og != null) {
                ctx.parcels.setAddressDigest(tx, g.id(), addressDigest(og.content()), og.revision());
            }
        }
    }
}

package org.ordertower.fulfilment.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.fulfilment.internal.ParcelStore.Parcel;
import org.ordertower.jdbc.Tx;

/** Boxes: a lead parcel and the parcels of other orders that joined it, sent, shipped and returned as one. */
final class Boxes {
    private Boxes() {
    }

    /** A parcel and the parcels that joined its box, lead first (a parcel of its own: just itself). */
    static List<Parcel> box(ParcelStore parcels, Tx tx, Parcel lead) throws SQLException {
        List<Parcel> all = new ArrayList<>();
        all.add(lead);
        all.addAll(parcels.members(tx, lead.id()));
        return all;
    }

    /** A parcel and every parcel that shared its box and left with it (returns come back as one box). */
    static List<Parcel> shipped(ParcelStore parcels, Tx tx, Parcel lead) throws SQLException {
        List<Parcel> all = new ArrayList<>();
        all.add(lead);
        for (Parcel x : parcels.members(tx, lead.id())) {
            if (x.shippedAt() != null) {
                all.add(x);
            }
        }
        return all;
    }

    /** The lines of a box, numbered through. */
    static List<ParcelLine> lines(List<Parcel> box) {
        List<ParcelLine> out = new ArrayList<>();
        for (Parcel p : box) {
            for (ParcelLine l : p.lines()) {
                out.add(box.size() == 1 ? l : new ParcelLine(Integer.toString(out.size() + 1), l.sku(), l.name(), l.quantity()));
            }
        }
        return out;
    }
}

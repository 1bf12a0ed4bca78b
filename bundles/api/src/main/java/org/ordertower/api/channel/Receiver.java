package org.ordertower.api.channel;

import java.util.ArrayList;
import java.util.List;

import org.ordertower.api.Address;
import org.ordertower.api.Masking;

/**
 * A receiver in clear, from the platform's decrypt call, for printing one label. It is handed to the caller only:
 * never stored, never logged ({@link #toString()} masks it). Immutable.
 *
 * @param name the receiver's name, may be null when the order has none
 * @param phone the receiver's phone (a platform's virtual number where it gives one), may be null
 * @param address the full delivery address, may be null when the order has none
 */
public record Receiver(String name, String phone, Address address) {

    /** The parts this receiver holds, of {@code name}, {@code phone} and {@code address}: what an audit row names. */
    public List<String> fields() {
        List<String> out = new ArrayList<>(3);
        if (name != null) {
            out.add("name");
        }
        if (phone != null) {
            out.add("phone");
        }
        if (address != null) {
            out.add("address");
        }
        return out;
    }

    /** This receiver masked, for display to people who need not see it. */
    public Receiver masked() {
        return new Receiver(Masking.name(name), Masking.phone(phone), address == null ? null : address.masked());
    }

    /** Masked, so that logging a receiver by mistake leaks nothing. */
    @Override
    public String toString() {
        Receiver m = masked();
        return "Receiver[name=" + m.name + ", phone=" + m.phone + ", address="
                + (m.address == null ? null : m.address.oneLine()) + "]";
    }
}

package org.ordertower.api.fulfilment;

import java.util.Objects;

import org.ordertower.api.Address;

/**
 * A sender or receiver on a delivery order or waybill. The receiver is passed as the order stores it: where the
 * marketplace sends the buyer's data encrypted or masked, it stays so, and {@code openAddressId} carries the
 * marketplace's handle to it, which e-waybill services of that marketplace accept in place of the plaintext.
 *
 * @param name the person's name, may be masked
 * @param phone a phone (or the platform's virtual number), may be masked
 * @param address the address; never null
 * @param openAddressId the marketplace's open address id (OAID and the like), or null
 */
public record Contact(String name, String phone, Address address, String openAddressId) {
    public Contact {
        Objects.requireNonNull(address, "address");
    }

    /** Phone with all but the last four digits hidden, for logs and error messages. */
    public String maskedPhone() {
        if (phone == null || phone.length() < 4) {
            return phone == null ? null : "****";
        }
        return "*".repeat(phone.length() - 4) + phone.substring(phone.length() - 4);
    }

    @Override
    public String toString() {
        return "Contact[name=" + (name == null ? null : name.isEmpty() ? "" : name.charAt(0) + "**") + ", phone="
                + maskedPhone() + ", address=" + address.province() + "/" + address.city() + "/…]";
    }
}

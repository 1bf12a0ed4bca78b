package org.ordertower.api;

/**
 * The buyer as the platform gives it. Fields may be plaintext, masked or ciphertext, exactly as the
 * platform sent them; any may be null. Immutable.
 *
 * @param name buyer or receiver name
 * @param phone receiver phone
 * @param platformBuyerId the platform's buyer id (open id, nick, user id)
 */
public record Buyer(String name, String phone, String platformBuyerId) {
    /** This buyer with name and phone masked for display; the platform buyer id is kept. */
    public Buyer masked() {
        return new Buyer(Masking.name(name), Masking.phone(phone), platformBuyerId);
    }
}

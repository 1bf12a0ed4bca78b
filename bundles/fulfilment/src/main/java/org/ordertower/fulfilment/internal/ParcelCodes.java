package org.ordertower.fulfilment.internal;

/**
 * The codes partners know our parcels by, and what each says: {@code P<order>-<n>} is an order's n-th parcel (the
 * delivery order of its box), {@code T<order>-<n>-<k>} a transfer that parcel waits for, {@code R<order>-<n>} the
 * return order that brings it back. Warehouse systems report events under these codes.
 */
final class ParcelCodes {
    private static final String PARCEL = "P";
    private static final String TRANSFER = "T";
    private static final String RETURN = "R";

    private ParcelCodes() {
    }

    /** The code of an order's {@code n}-th parcel (counted from 1, cancelled ones too). */
    static String parcel(long orderId, int n) {
        return PARCEL + orderId + "-" + n;
    }

    /** The code of the {@code k}-th transfer (from 1) a parcel waits for. */
    static String transfer(String parcelCode, int k) {
        return TRANSFER + parcelCode.substring(PARCEL.length()) + "-" + k;
    }

    /** The code of the return order that brings a parcel back. */
    static String returnOf(String parcelCode) {
        return RETURN + parcelCode.substring(PARCEL.length());
    }

    /** Whether a code a warehouse reports may be a transfer's. */
    static boolean isTransfer(String code) {
        return code.startsWith(TRANSFER);
    }

    /** The parcel a code a warehouse reports is about: the parcel a return order brings back, else the code itself. */
    static String parcelOf(String code) {
        return code.startsWith(RETURN) ? PARCEL + code.substring(RETURN.length()) : code;
    }
}

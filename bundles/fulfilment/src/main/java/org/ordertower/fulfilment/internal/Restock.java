package org.ordertower.fulfilment.internal;

/**
 * A RESTOCK task's payload: units a return centre received, to book back into stock (or quarantine when damaged),
 * under the return's reference. Written and read only through this record:
 * {@code warehouse sku quantity damaged reference}.
 */
record Restock(String warehouse, String sku, int quantity, boolean damaged, String reference) {

    String encode() {
        return warehouse + " " + sku + " " + quantity + " " + damaged + " " + reference;
    }

    static Restock decode(String payload) {
        String[] f = payload.split(" ");
        if (f.length != 5) {
            throw new IllegalArgumentException("malformed restock payload '" + payload + "'");
        }
        return new Restock(f[0], f[1], Integer.parseInt(f[2]), Boolean.parseBoolean(f[3]), f[4]);
    }
}

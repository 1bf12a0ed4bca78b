package org.ordertower.inventory.internal.push;

/** One listing on a platform: where a quantity is pushed. */
record Listing(String channel, String shop, String channelSku) {
}

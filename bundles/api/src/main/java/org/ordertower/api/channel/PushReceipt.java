package org.ordertower.api.channel;

/**
 * What a push brought.
 *
 * @param shop the shop whose secret verified it
 * @param events events stored
 * @param duplicates events dropped because their message id was stored before
 */
public record PushReceipt(String shop, int events, int duplicates) {
}

package org.ordertower.fulfilment.internal;

/**
 * RESTOCK: units a return centre reported received are booked back into stock (or quarantine). Payload: the
 * {@link Restock} text; the key names the warehouse's event, so a repeated report books nothing twice.
 */
record RestockTask(String eventId, Restock goods) implements TaskPayload {
    private static final String PREFIX = "restock:";

    @Override
    public TaskKind kind() {
        return TaskKind.RESTOCK;
    }

    @Override
    public String key() {
        return PREFIX + eventId + ":" + goods.sku() + ":" + goods.damaged();
    }

    @Override
    public String encode() {
        return goods.encode();
    }

    static RestockTask decode(String key, String payload) {
        Restock goods = Restock.decode(payload);
        return new RestockTask(TaskPayload.keyPart(key, PREFIX, ":" + goods.sku() + ":" + goods.damaged()), goods);
    }
}

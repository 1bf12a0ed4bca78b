-- V15, for the peak.
-- When the platform says a pushed event's change happened. The inbox takes the orders of many events that
-- happened close together from one narrow pull of the platform (a page of 100) instead of one fetch per order.
ALTER TABLE channel_event ADD COLUMN occurred_at TIMESTAMP WITH TIME ZONE;

-- The refunds that take goods back, found by their state: fulfilment looks for them often, and driving that from
-- every order that ever shipped grew with the history.
CREATE INDEX order_refund_state_idx ON order_refund (state, order_id);

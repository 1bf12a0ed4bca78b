-- V15, for the peak.
-- When the platform says a pushed event's change happened. The inbox takes the orders of many events that
-- happened close together from one narrow pull of the platform (a page of 100) instead of one fetch per order.
ALTER TABLE channel_event ADD COLUMN occurred_at TIMESTAMP WITH TIME ZONE;

-- The refunds that take goods back, found by their state: fulfilment looks for them often, and driving that from
-- every order that ever shipped grew with the history.
CREATE INDEX order_refund_state_idx ON order_refund (state, order_id);

-- The orders on hold for one reason (unpaid, short of stock): the pipeline looks for those whose reason went away on
-- every pass, and a peak holds thousands of presale and unpaid orders.
CREATE INDEX orders_hold_idx ON orders (status, hold_reason, payment_status, id);

-- A page token may name the orders of the window's last second already read (Douyin's does): at a peak that is more
-- than 1,024 characters, and a pull whose cursor cannot be saved never gets past the window.
ALTER TABLE channel_cursor ALTER COLUMN page SET DATA TYPE ${text};

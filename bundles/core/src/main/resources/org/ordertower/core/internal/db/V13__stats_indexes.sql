-- The dashboards' reads at scale (100,000 orders and more): the status moves by kind and time, covering the order
-- (orders that needed a person, orders shipped and when), the orders per channel and status, and the orders by
-- arrival (the order flow).
CREATE INDEX audit_status_moves_idx ON audit (field, new_value, at, order_id);
CREATE INDEX orders_channel_status_idx ON orders (channel, status);
CREATE INDEX orders_received_idx ON orders (received_at);

-- V1: what screening remembers of each order, for rules that look at a buyer's, a phone's or an
-- address's recent orders. Keys are hashes (no buyer data in clear); every look-up is by index.
CREATE TABLE screen_fact (
  order_id    BIGINT PRIMARY KEY,
  placed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  buyer_key   VARCHAR(64),
  address_key VARCHAR(64),
  phone_key   VARCHAR(64),
  paid        NUMERIC(19,4) NOT NULL,
  items       VARCHAR(4000) NOT NULL
);
CREATE INDEX screen_fact_buyer_idx ON screen_fact (buyer_key, placed_at);
CREATE INDEX screen_fact_address_idx ON screen_fact (address_key, placed_at);
CREATE INDEX screen_fact_phone_idx ON screen_fact (phone_key, placed_at);
CREATE INDEX screen_fact_placed_idx ON screen_fact (placed_at);

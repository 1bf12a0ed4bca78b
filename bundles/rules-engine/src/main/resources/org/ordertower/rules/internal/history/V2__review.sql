-- V2: who works on which order in the review queue. A row exists while an order is claimed.
CREATE TABLE review_claim (
  order_id   BIGINT PRIMARY KEY,
  claimed_by VARCHAR(128) NOT NULL,
  claimed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

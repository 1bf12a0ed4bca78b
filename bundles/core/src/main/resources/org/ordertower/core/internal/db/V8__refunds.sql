-- V8: the refunds and after-sales a platform reports on an order (api ChannelFacts.refunds), rewritten with
-- every platform version of the order. line_nos: the platform lines it covers, comma-separated, NULL for the
-- whole order. state: REQUESTED, AWAITING_RETURN, GOODS_RETURNED, REFUSED, REFUNDED or CLOSED.
CREATE TABLE order_refund (
  order_id        BIGINT NOT NULL,
  seq             INTEGER NOT NULL,
  refund_id       VARCHAR(64) NOT NULL,
  line_nos        VARCHAR(2000),
  state           VARCHAR(16) NOT NULL,
  platform_status VARCHAR(64),
  PRIMARY KEY (order_id, seq)
);
CREATE INDEX order_refund_id_idx ON order_refund (refund_id);

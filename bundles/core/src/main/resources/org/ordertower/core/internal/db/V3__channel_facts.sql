-- V3: what a channel reports beyond the order's content (api ChannelFacts).
-- channel_state: OPEN, CANCELLED, SHIPPED or COMPLETED on the platform; NULL on rows older than V3 (read as OPEN).
ALTER TABLE orders ADD COLUMN channel_state VARCHAR(16);
ALTER TABLE orders ADD COLUMN promised_ship_by TIMESTAMP WITH TIME ZONE;
ALTER TABLE orders ADD COLUMN device_id VARCHAR(128);
ALTER TABLE orders ADD COLUMN buyer_ip VARCHAR(64);

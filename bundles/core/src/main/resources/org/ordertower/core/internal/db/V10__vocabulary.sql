-- V10: platform vocabularies kept by the channel runtime: each shop's logistics company list and listings.

-- The platform's logistics companies as read through a shop's connector.
CREATE TABLE channel_carrier (
  channel    VARCHAR(64) NOT NULL,
  shop       VARCHAR(64) NOT NULL,
  ship_code  VARCHAR(64) NOT NULL,
  code       VARCHAR(64),
  name       VARCHAR(128) NOT NULL,
  fetched_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (channel, shop, ship_code)
);

-- A shop's listings (the platform's item and SKU ids with the merchant's outer code), matched to master SKUs.
CREATE TABLE channel_listing (
  channel    VARCHAR(64) NOT NULL,
  shop       VARCHAR(64) NOT NULL,
  sku_id     VARCHAR(64) NOT NULL,
  item_id    VARCHAR(64) NOT NULL,
  outer_code VARCHAR(128),
  title      VARCHAR(512) NOT NULL,
  quantity   INTEGER,
  master_sku VARCHAR(64),
  problem    VARCHAR(256),
  seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (channel, shop, sku_id)
);
CREATE INDEX channel_listing_outer ON channel_listing (channel, shop, outer_code);

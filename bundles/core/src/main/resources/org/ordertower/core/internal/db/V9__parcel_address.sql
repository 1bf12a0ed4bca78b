-- V9: the receiver a parcel's waybill and delivery order were made for (a digest of name, phone and address) and
-- the order revision it was last compared at, so that an address the buyer changes afterwards is noticed (by
-- revision, not by time, so that nodes' clocks do not matter) and the parcel made again for the new one.
ALTER TABLE parcel ADD COLUMN address_digest VARCHAR(64);
ALTER TABLE parcel ADD COLUMN address_rev INTEGER;

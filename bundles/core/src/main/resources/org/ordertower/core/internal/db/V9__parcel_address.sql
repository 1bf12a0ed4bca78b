-- V9: the receiver a parcel's waybill and delivery order were made for (a digest of name, phone and address), so
-- that an address the buyer changes afterwards is noticed and the parcel made again for the new one.
ALTER TABLE parcel ADD COLUMN address_digest VARCHAR(64);

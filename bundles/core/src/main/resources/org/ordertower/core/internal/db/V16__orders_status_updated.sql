-- V16, for the peak.
-- The orders that moved recently, by state: fulfilment looks every second for orders cancelled (or sent back) while a
-- parcel of theirs has not left; reading every cancelled order of the history for it grew with the history.
CREATE INDEX orders_status_updated_idx ON orders (status, updated_at);

-- V5: SHA-256 of everything the platform sent with the stored version. Platforms whose clocks count
-- whole seconds give two changes within one second the same version: the same version with another
-- digest is then an update, not a repeat. NULL on older rows (a repeat, as before).
ALTER TABLE orders ADD COLUMN content_digest VARCHAR(64);

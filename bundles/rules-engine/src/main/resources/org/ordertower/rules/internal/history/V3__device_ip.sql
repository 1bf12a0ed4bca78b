-- V3: device fingerprint and buyer IP keys (hashes, like the others), where the platform gives them.
ALTER TABLE screen_fact ADD COLUMN device_key VARCHAR(64);
ALTER TABLE screen_fact ADD COLUMN ip_key VARCHAR(64);
CREATE INDEX screen_fact_device_idx ON screen_fact (device_key, placed_at);
CREATE INDEX screen_fact_ip_idx ON screen_fact (ip_key, placed_at);

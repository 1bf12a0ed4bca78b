-- Who a durable task calls: partner:<wms or carrier service>, channel:<marketplace>, stock, or NULL when it
-- was not known when the task was written. Each value is one Camel route (one lane) that an admin can
-- suspend on its own: partner-qimen-calls, channel-pdd-calls, fulfilment-stock-calls,
-- fulfilment-unassigned-calls (the NULL ones, such as the tasks written before this column).
ALTER TABLE fulfil_task ADD COLUMN partner VARCHAR(80);
CREATE INDEX fulfil_task_partner_idx ON fulfil_task (state, partner, next_at);

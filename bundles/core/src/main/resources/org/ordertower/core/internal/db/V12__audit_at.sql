-- The audit trail by time: the dashboards' order flow reads the status moves of a window (OrderService.flow).
CREATE INDEX audit_at_idx ON audit (at);

-- V2: the daily reports sent. One row per day, inserted by the node that claims the day's send (the primary key lets
-- one node in a cluster win), updated with what each sink answered.
CREATE TABLE alert_report (
  report_day DATE PRIMARY KEY,
  node_id    VARCHAR(128) NOT NULL,
  claimed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  outcome    VARCHAR(2000)
);

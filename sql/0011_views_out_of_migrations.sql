-- Migrations hold tables, indexes and data moves; every view lives in sql/views/, one file each, and a run re-creates
-- the ones whose text differs from the store's (Store/DerivedSchema). The views the migrations before made are
-- dropped here, so that no view's definition depends on which migration came last.
DROP VIEW IF EXISTS failure_reasons_by_day;
DROP VIEW IF EXISTS daily_failure_rates;
DROP VIEW IF EXISTS weekly_failure_rates;
DROP VIEW IF EXISTS monthly_failure_rates;
DROP VIEW IF EXISTS failure_rates_by_period;
DROP VIEW IF EXISTS bulk_job_periods;
DROP VIEW IF EXISTS bulk_job_quality_issues;
DROP VIEW IF EXISTS job_state_quality_issues;
DROP VIEW IF EXISTS job_states_reported;
DROP VIEW IF EXISTS job_states_counted;

-- The periods a report groups a job by (UTC day, Monday of the ISO week, month of created_at) are data: the program
-- computes them once when it writes a job or a state (Model/JobPeriods), so reports and views only filter and group,
-- and no query depends on an engine's date functions. NULL when created_at is.
ALTER TABLE bulk_jobs ADD COLUMN created_day TEXT;
ALTER TABLE bulk_jobs ADD COLUMN created_week TEXT;
ALTER TABLE bulk_jobs ADD COLUMN created_month TEXT;
ALTER TABLE bulk_job_snapshots ADD COLUMN created_day TEXT;
ALTER TABLE bulk_job_snapshots ADD COLUMN created_week TEXT;
ALTER TABLE bulk_job_snapshots ADD COLUMN created_month TEXT;

-- The rows stored before the columns existed, by the rule the views applied to them until now. The Monday of the ISO
-- week: six days back, then forward to the next Monday (the same day if it is one).
UPDATE bulk_jobs
SET created_day   = date(created_at),
    created_week  = date(created_at, '-6 days', 'weekday 1'),
    created_month = strftime('%Y-%m', created_at)
WHERE created_at IS NOT NULL;

UPDATE bulk_job_snapshots
SET created_day   = date(created_at),
    created_week  = date(created_at, '-6 days', 'weekday 1'),
    created_month = strftime('%Y-%m', created_at)
WHERE created_at IS NOT NULL;

-- Reports select the current jobs of a window of days.
CREATE INDEX ix_bulk_jobs_created_day ON bulk_jobs (created_day);

-- The trend's groups as the chart draws them (TrendChart.Lines): a group drawn as a line of its own keeps its object
-- and job type; every other group has both NULL and is merged into one line.
CREATE TEMP TABLE IF NOT EXISTS chart_groups (
    period         TEXT    NOT NULL,
    object_type    TEXT,
    job_type       TEXT,
    rows_succeeded INTEGER NOT NULL,
    rows_failed    INTEGER NOT NULL
);

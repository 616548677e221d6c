-- The groups the trend chart draws as lines of their own (TrendChart.Lines); every other group is merged into one.
CREATE TEMP TABLE IF NOT EXISTS chart_lines (
    object_type TEXT NOT NULL,
    job_type    TEXT NOT NULL,
    PRIMARY KEY (object_type, job_type)
);

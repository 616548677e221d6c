-- The ids this run's listing showed, kept on disk beside the connection rather than in memory.
CREATE TEMP TABLE IF NOT EXISTS listed_ids (id TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID;

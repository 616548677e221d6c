-- The ids this run's listing showed, kept on disk beside the connection rather than in memory.
-- No rollback journal for the temp database: it dies with the connection, and a journal created and deleted for
-- every list page made remembering the ids 4 times the CPU of loading the page's stored states (issue 11).
PRAGMA temp.journal_mode = OFF;
CREATE TEMP TABLE IF NOT EXISTS listed_ids (id TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID;

-- Created by the migrator itself (inside the first migration's transaction), not by a migration,
-- because it must exist before the first migration can be recorded.
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at TEXT    NOT NULL,
    sha256     TEXT    NOT NULL
) STRICT;

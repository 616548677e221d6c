INSERT INTO schema_migrations (version, name, applied_at, sha256)
VALUES (@Version, @Name, @AppliedAt, @Sha256);

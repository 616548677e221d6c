SELECT version AS Version, name AS Name, sha256 AS Sha256
FROM schema_migrations
ORDER BY version;

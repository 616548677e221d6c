-- Every view of the store with its definition, for the SQL a report manifest hashes.
SELECT name AS Name, sql AS Sql FROM sqlite_master WHERE type = 'view';

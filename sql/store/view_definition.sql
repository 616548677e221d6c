-- The definition SQLite keeps of a view: the statement that created it as written, without the final semicolon.
SELECT sql FROM sqlite_master WHERE type = 'view' AND name = @Name;

-- The definition SQLite keeps of a view: its CREATE VIEW statement as written, without the final semicolon.
SELECT sql FROM sqlite_master WHERE type = 'view' AND name = @Name;

-- No rollback journal for the temp database: it dies with the connection, and a journal created and deleted for every
-- list page cost more CPU than loading the page's stored states.
PRAGMA temp.journal_mode = OFF;

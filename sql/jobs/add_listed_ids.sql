INSERT OR IGNORE INTO temp.listed_ids (id) SELECT value FROM json_each(@Ids);

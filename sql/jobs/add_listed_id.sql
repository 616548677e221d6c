-- A page's ids, one by one through a prepared statement; an id listed twice is remembered once.
INSERT INTO listed_ids (id) VALUES (@Id) ON CONFLICT (id) DO NOTHING;

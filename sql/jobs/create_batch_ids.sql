-- The ids of one list page or one batch, whose stored states load_states.sql reads by primary key.
CREATE TEMP TABLE IF NOT EXISTS batch_ids (id TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID;

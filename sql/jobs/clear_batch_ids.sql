DELETE FROM batch_ids;

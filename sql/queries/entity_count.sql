-- How many Zuora entities the store holds jobs of: above 1, every CSV report gains an entityId column, first.
SELECT COUNT(DISTINCT entity_id) FROM bulk_jobs;

-- The latest runs, newest first, of any outcome or of @Outcome.
-- @include runs/record.sql
WHERE @Outcome IS NULL OR outcome = @Outcome
ORDER BY started_at DESC, id DESC
LIMIT @Limit;

-- One run by id.
-- @include runs/record.sql
WHERE id = @Id;

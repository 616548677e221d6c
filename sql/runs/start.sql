INSERT INTO etl_runs (id, started_at, track_id, process_id, host_name, window_from, window_to)
VALUES (@Id, @StartedAt, @TrackId, @ProcessId, @HostName, @WindowFrom, @WindowTo);

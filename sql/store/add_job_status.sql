INSERT INTO job_statuses (status, is_final, is_failed) VALUES (@Status, @IsFinal, @IsFailed);

INSERT INTO chart_lines (object_type, job_type) VALUES (@ObjectType, @JobType);

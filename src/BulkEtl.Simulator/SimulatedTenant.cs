namespace BulkEtl.Simulator;

/// <summary>
/// The tenant's jobs, by id and in list order (<see cref="JobKey"/>), kept in step under one lock: a list page is a
/// range read after its cursor and a summary a lookup, both in time independent of the tenant's size.
/// </summary>
internal sealed class SimulatedTenant
{
    private readonly Lock _gate = new();

    // Ids are kept exactly as given: Zuora types them as strings, and nothing says they compare case-blind.
    private readonly Dictionary<string, SimulatedJob> _byId = new(StringComparer.Ordinal);
    private readonly SortedSet<JobKey> _ordered = [];

    public SimulatedTenant(IEnumerable<SimulatedJob> jobs)
    {
        foreach (var job in jobs)
        {
            Upsert(job);
        }
    }

    /// <summary>Every job, in list order: a snapshot, O(N).</summary>
    public IReadOnlyList<SimulatedJob> Ordered()
    {
        lock (_gate)
        {
            return _ordered.Select(key => _byId[key.Id]).ToList();
        }
    }

    public void Upsert(SimulatedJob job)
    {
        lock (_gate)
        {
            if (_byId.TryGetValue(job.Id, out var old))
            {
                _ordered.Remove(JobKey.Of(old));
            }

            _byId[job.Id] = job;
            _ordered.Add(JobKey.Of(job));
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            if (!_byId.Remove(id, out var old))
            {
                return false;
            }

            _ordered.Remove(JobKey.Of(old));
            return true;
        }
    }

    public bool TryGet(string id, out SimulatedJob job)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(id, out job!);
        }
    }

    /// <summary>The first job in list order whose id is not <paramref name="id"/>, if any.</summary>
    public SimulatedJob? FirstOtherThan(string id)
    {
        lock (_gate)
        {
            foreach (var key in _ordered)
            {
                if (!string.Equals(key.Id, id, StringComparison.Ordinal))
                {
                    return _byId[key.Id];
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Up to <paramref name="count"/> jobs strictly after <paramref name="after"/> in list order that pass
    /// <paramref name="filter"/>: O(log N + the jobs looked at).
    /// </summary>
    public List<SimulatedJob> After(JobKey after, int count, Func<SimulatedJob, bool>? filter)
    {
        var page = new List<SimulatedJob>(Math.Min(count, 1024));
        lock (_gate)
        {
            if (_ordered.Count == 0 || count <= 0)
            {
                return page;
            }

            foreach (var key in _ordered.GetViewBetween(after, JobKey.Last))
            {
                if (key.Equals(after))
                {
                    continue;
                }

                var job = _byId[key.Id];
                if (filter is null || filter(job))
                {
                    page.Add(job);
                    if (page.Count == count)
                    {
                        break;
                    }
                }
            }
        }

        return page;
    }
}

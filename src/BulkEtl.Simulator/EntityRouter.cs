namespace BulkEtl.Simulator;

/// <summary>
/// A multi-entity tenant: one generated tenant per entity id of <see cref="SimulatorOptions.EntityIds"/>, chosen by the
/// request's <c>Zuora-Entity-Ids</c> header. With more than one entity a data call must name one: without the header,
/// or naming an entity the tenant does not have, it answers 400 (never more lenient than Zuora, whose token may cover
/// several entities and then cannot tell which one a call means). A single-entity simulator (no entity ids) ignores the
/// header.
/// </summary>
internal sealed class EntityRouter
{
    private const string Header = "Zuora-Entity-Ids";
    private readonly Dictionary<string, Entity> _entities = new(StringComparer.OrdinalIgnoreCase);

    public EntityRouter(SimulatorOptions options, DateTimeOffset now)
    {
        var ids = options.EntityIds.Count > 0 ? options.EntityIds : [""];
        Entity? first = null;
        for (var index = 0; index < ids.Count; index++)
        {
            // The first entity is the single-entity tenant exactly; each further one draws from its own seed.
            var seed = options.Seed + index * 7919;
            var generated = options.SteadyGroups > 0
                ? SteadyTenantGenerator.Generate(options.Jobs, options.SteadyGroups, seed, options.Days, now)
                : TenantGenerator.Generate(options.Jobs, seed, options.Days, now, options.NonUuidIdShare);
            var tenant = new SimulatedTenant(AnomalyPlanter.Plant(generated, options.Anomalies, now));
            var entity = new Entity(tenant, new ListEndpoint(options, tenant), new SummaryEndpoint(tenant));
            _entities.Add(ids[index], entity);
            first ??= entity;
        }

        Default = first!;

        IsMultiEntity = options.EntityIds.Count > 0;
    }

    public Entity Default { get; }

    public bool IsMultiEntity { get; }

    /// <summary>The entity a request is for, or null when it names none (multi-entity) or one the tenant does not have.</summary>
    public Entity? Resolve(HttpRequest request)
    {
        if (!IsMultiEntity)
        {
            return Default;
        }

        return RequestHeaders.Get(request, Header) is { Length: > 0 } id ? _entities.GetValueOrDefault(id.Trim()) : null;
    }

    /// <summary>Every entity's tenant, the default first.</summary>
    public IReadOnlyList<SimulatedTenant> Tenants => [.. _entities.Values.Select(entity => entity.Tenant)];

    /// <summary>Gives each entity its /downloads endpoint over the shared file origin.</summary>
    public void AttachDownloads(FileOrigin files, TimeProvider timeProvider)
    {
        foreach (var entity in _entities.Values)
        {
            entity.Downloads = new DownloadsEndpoint(entity.Tenant, files, timeProvider);
        }
    }

    /// <summary>A job of any entity (job ids are unique across entities).</summary>
    public bool TryGetJob(string jobId, out SimulatedJob job)
    {
        foreach (var entity in _entities.Values)
        {
            if (entity.Tenant.TryGet(jobId, out var found))
            {
                job = found;
                return true;
            }
        }

        job = null!;
        return false;
    }

    public SimulatedTenant Tenant(string entityId) =>
        _entities.TryGetValue(entityId, out var entity) ? entity.Tenant : throw new ArgumentException($"no entity {entityId}", nameof(entityId));

    internal sealed record Entity(SimulatedTenant Tenant, ListEndpoint List, SummaryEndpoint Summary)
    {
        /// <summary>Set once the file origin is up (<see cref="AttachDownloads"/>).</summary>
        public DownloadsEndpoint? Downloads { get; set; }
    }
}

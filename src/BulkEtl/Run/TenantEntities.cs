using BulkEtl.Extract;
using BulkEtl.Store;

namespace BulkEtl.Run;

/// <summary>
/// The entities a night extracts, in order, each with its own extractor (its client sends that entity's
/// Zuora-Entity-Ids header and holds that entity's token). One entry, possibly without an entity id, on a
/// single-entity tenant.
/// </summary>
internal sealed class TenantEntities(IReadOnlyList<EntityExtraction> entities)
{
    public IReadOnlyList<EntityExtraction> Entities { get; } = entities.Count > 0
        ? entities
        : throw new ArgumentException("a night extracts at least one entity", nameof(entities));

    /// <summary>More than one entity: each one's jobs are kept apart when deciding what to ask for.</summary>
    public bool IsMultiEntity => Entities.Count > 1;

    /// <summary>
    /// The stored jobs that belong to <paramref name="entity"/>'s extraction: on a single-entity tenant every job,
    /// whatever entity it was stored under (null); on a multi-entity one only that entity's.
    /// </summary>
    public EntityFilter? FilterOf(EntityExtraction entity) => IsMultiEntity ? new EntityFilter(entity.EntityId) : null;
}

/// <summary>
/// One entity of a night: its id (null without an entity header), the extractor that lists and fetches it, and the
/// client, transport and token source under it.
/// </summary>
internal sealed record EntityExtraction(string? EntityId, JobExtractor Extractor, ZuoraClient Client, ZuoraTransport Transport, IAccessTokenSource Tokens);

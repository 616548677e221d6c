namespace BulkEtl.Store;

/// <summary>One Zuora entity of a multi-entity night: its jobs only (null: the jobs stored without an entity).</summary>
internal sealed record EntityFilter(string? EntityId);

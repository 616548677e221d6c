namespace BulkEtl.Simulator;

/// <summary>One request as the simulator saw it. The Authorization header and the client secret are never recorded.</summary>
public sealed record RecordedRequest(
    DateTimeOffset ReceivedAt,
    string Method,
    string Path,
    string? Query,
    int StatusCode,
    string? TrackId,
    string? EntityIds,
    string? OrgIds,
    bool GzipAccepted,
    string? JobId);

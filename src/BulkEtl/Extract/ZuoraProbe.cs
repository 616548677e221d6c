namespace BulkEtl.Extract;

/// <summary>What one list call showed: the page, whether it came gzipped, and the track id Zuora echoed.</summary>
internal sealed record ZuoraProbe(ListPage FirstPage, bool WasGzipped, string? EchoedTrackId);

namespace BulkEtl.Simulator;

/// <summary>One request the file origin received, with every header it carried, so tests can prove none was Zuora's.</summary>
public sealed record FileRequest(DateTimeOffset ReceivedAt, string Method, string Path, IReadOnlyDictionary<string, string> Headers, int StatusCode);

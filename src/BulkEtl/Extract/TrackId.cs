namespace BulkEtl.Extract;

/// <summary>Zuora-Track-Id rules: at most 64 US-ASCII characters, none of <c>: ; " '</c>.</summary>
internal static class TrackId
{
    public const int MaxLength = 64;

    public static string ForRun(Guid runId) => $"bulk-etl-{runId:N}";

    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= MaxLength
        && value.All(c => c is >= ' ' and <= '~' and not (':' or ';' or '"' or '\''));
}

namespace BulkEtl.Extract;

/// <summary>
/// What a Zuora job id may be. The reference types it as a string of up to 64 characters (its examples are UUIDs), so
/// any id of 1 to 64 URL-safe characters is accepted and kept exactly as Zuora gave it; nothing else reaches a URL.
/// </summary>
internal static class JobId
{
    public const int MaxLength = 64;

    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= MaxLength
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

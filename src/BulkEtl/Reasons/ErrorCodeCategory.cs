namespace BulkEtl.Reasons;

/// <summary>
/// The category of a Data Loader error code: its last two digits (Zuora's documented table). The one place the table is
/// written; the store keeps the name, so SQL needs no copy of it.
/// </summary>
internal static class ErrorCodeCategory
{
    /// <summary>The category of a code whose last two digits are not in Zuora's table.</summary>
    public const string Unknown = "unknown";

    private static readonly Dictionary<int, string> Categories = new()
    {
        [10] = "permission",
        [11] = "authentication",
        [20] = "invalid value",
        [21] = "unknown field",
        [22] = "missing field",
        [23] = "missing parameter",
        [30] = "business rule",
        [40] = "not found",
        [45] = "unsupported",
        [50] = "lock contention",
        [60] = "internal",
        [61] = "temporary",
        [70] = "request limit",
        [90] = "malformed",
        [99] = "integration",
    };

    /// <summary>The category of an 8-digit code; "" when there is no code.</summary>
    public static string Of(string? code) =>
        code is not { Length: 8 } || !code.All(char.IsAsciiDigit) ? ""
        : Categories.TryGetValue((code[6] - '0') * 10 + (code[7] - '0'), out var name) ? name
        : Unknown;
}

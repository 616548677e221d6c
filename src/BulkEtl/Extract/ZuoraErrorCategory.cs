namespace BulkEtl.Extract;

/// <summary>The last two digits of an 8-digit Zuora error code: the category BulkEtl acts on.</summary>
internal static class ZuoraErrorCategory
{
    /// <summary>The resource does not exist; on the list's first page, an empty tenant.</summary>
    public const int NotFound = 40;
}

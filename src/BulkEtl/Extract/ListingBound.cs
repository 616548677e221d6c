namespace BulkEtl.Extract;

/// <summary>
/// How many list pages a night reads at most, so a list that hands out a fresh cursor on every page cannot page forever.
/// Zuora's tenants grow, but not fourfold in a day: four times the pages of the store's last complete listing, and at
/// least a hundred pages more, leaves that room; a setting replaces the rule.
/// </summary>
internal static class ListingBound
{
    /// <summary>The bound when the store has no complete listing yet: two million jobs at 50 a page.</summary>
    public const int FirstListingPages = 40_000;

    private const int Growth = 4;
    private const int MinimumHeadroomPages = 100;

    /// <param name="setting">Zuora:MaxListPages; 0 for the rule above.</param>
    public static int MaxPages(int setting, long? lastCompleteListing, int pageSize)
    {
        if (setting > 0)
        {
            return setting;
        }

        if (lastCompleteListing is not { } listed || listed <= 0)
        {
            return FirstListingPages;
        }

        var pages = (listed + pageSize - 1) / pageSize;
        return (int)Math.Min(int.MaxValue, Math.Max(pages * Growth, pages + MinimumHeadroomPages));
    }

    /// <summary>Where the bound came from, for the message of a listing it stopped.</summary>
    public static string Describe(int setting, long? lastCompleteListing) =>
        setting > 0 ? "the bound set by Zuora:MaxListPages / --max-list-pages"
        : lastCompleteListing is > 0 ? $"four times the pages of the last complete listing, {lastCompleteListing:N0} jobs; raise it with Zuora:MaxListPages / --max-list-pages"
        : "the bound for a store with no complete listing yet; raise it with Zuora:MaxListPages / --max-list-pages";
}

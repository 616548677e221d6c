using BulkEtl.Store;

namespace BulkEtl.Run;

/// <summary>What a night tells whoever watches it, after each list page and each committed batch.</summary>
/// <param name="Counts">The night's counts so far.</param>
/// <param name="ExpectedListed">
/// Jobs the store's last complete listing showed: what this night's listing will most likely reach. Null when no
/// night has listed the tenant whole yet, or when only explicit job ids are asked (nothing is listed).
/// </param>
internal sealed record RunProgress(RunCounts Counts, long? ExpectedListed);

using System.Globalization;
using BulkEtl.Model;
using BulkEtl.Store;

namespace BulkEtl.Report;

/// <summary>
/// Which jobs a report counts: those created on the UTC days <see cref="From"/>..<see cref="To"/>, as the store knows
/// them now or as it knew them at <see cref="AsOf"/>, optionally only those in a final status.
/// </summary>
/// <param name="EntityId">Only this Zuora entity's jobs (a multi-entity store); null for every job.</param>
internal sealed record ReportScope(DateOnly From, DateOnly To, DateTimeOffset? AsOf = null, bool SettledOnly = false, string? EntityId = null)
{
    public string FromText => From.ToString(TextFormats.Day, CultureInfo.InvariantCulture);

    public string ToText => To.ToString(TextFormats.Day, CultureInfo.InvariantCulture);

    /// <summary>The report's SQL: the shared job selection followed by <paramref name="query"/>'s own SELECT.</summary>
    public static string Sql(string query) => SqlScripts.Get("queries/report_jobs.sql") + "\n" + SqlScripts.Get(query);

    /// <summary>The parameters of <c>queries/report_jobs.sql</c>; <paramref name="includeUndated"/> adds the jobs with no
    /// createdAt, which the data-quality list shows.</summary>
    public object Parameters(bool includeUndated = false)
    {
        Validate();
        return new
        {
            FromInclusive = StartOfUtcDay(From),
            ToExclusive = StartOfUtcDay(To.AddDays(1)),
            AsOf = AsOf is { } asOf ? StoreTime.ToText(asOf) : null,
            SettledOnly = SettledOnly ? 1 : 0,
            IncludeUndated = includeUndated ? 1 : 0,
            EntityId,
        };
    }

    /// <exception cref="ArgumentException">The window starts after it ends.</exception>
    public ReportScope Validate() => From <= To
        ? this
        : throw new ArgumentException($"the report period starts ({FromText}) after it ends ({ToText})", nameof(From));

    /// <summary>Midnight UTC in the store's text form, so it compares with created_at as text.</summary>
    private static string StartOfUtcDay(DateOnly date) =>
        StoreTime.ToText(new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
}

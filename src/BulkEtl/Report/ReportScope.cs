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

    /// <summary>The parameters of <c>queries/counted_states.sql</c>.</summary>
    public object Parameters()
    {
        Validate();
        return new
        {
            From = FromText,
            To = ToText,
            AsOf = AsOf is { } asOf ? StoreTime.ToText(asOf) : null,
            SettledOnly = SettledOnly ? 1 : 0,
            EntityId,
        };
    }

    /// <exception cref="ArgumentException">The window starts after it ends.</exception>
    public ReportScope Validate() => From <= To
        ? this
        : throw new ArgumentException($"the report period starts ({FromText}) after it ends ({ToText})", nameof(From));
}

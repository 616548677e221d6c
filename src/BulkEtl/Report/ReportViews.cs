using BulkEtl.Store;

namespace BulkEtl.Report;

/// <summary>The view files under the counted states every report reads (<c>queries/counted_states.sql</c>).</summary>
internal static class ReportViews
{
    public static IReadOnlyList<string> States { get; } =
        [DerivedSchema.ViewFile("job_states_reported"), DerivedSchema.ViewFile("job_states_counted")];
}

using BulkEtl.Model;

namespace BulkEtl.Extract;

/// <summary>The answer for one job id: its summary, or that Zuora no longer knows it (deleted).</summary>
internal sealed record SummaryFetch(string JobId, JobSummary? Summary);

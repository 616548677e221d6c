namespace BulkEtl.Simulator;

/// <summary>A list that never ends, in the ways a broken or hostile server can make one.</summary>
public enum EndlessListing
{
    None,

    /// <summary>Past the end, the last page again and again, each time with a fresh cursor.</summary>
    RepeatedPage,

    /// <summary>Past the end, pages of one made-up job each (never seen before, unknown by id), each with a fresh cursor.</summary>
    FreshJobs,

    /// <summary>The last page hands out the cursor the first page gave: the list loops.</summary>
    CursorCycle,
}

namespace BulkEtl.Tests.TestSupport;

/// <summary>The system clock moved to another instant: timers and delays stay real, so retries still run.</summary>
internal sealed class ShiftedTimeProvider(DateTimeOffset startAt) : TimeProvider
{
    private readonly TimeSpan _offset = startAt - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
}

namespace BulkEtl.Reasons;

/// <summary>An error-rows file that is neither CSV with an error column nor JSON lines: that job's reasons wait for the next night.</summary>
internal sealed class FailureFileUnreadableException(string message) : FailureFileException(message);

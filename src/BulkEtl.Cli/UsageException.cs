namespace BulkEtl.Cli;

/// <summary>A configuration mistake the operator must fix; its message is printed as is and the exit code is 2.</summary>
public sealed class UsageException(string message) : Exception(message);

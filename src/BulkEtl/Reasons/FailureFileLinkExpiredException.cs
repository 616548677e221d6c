namespace BulkEtl.Reasons;

/// <summary>The file host answered 403: the pre-signed link has expired, and the job's downloads are worth asking again.</summary>
internal sealed class FailureFileLinkExpiredException(string message) : FailureFileException(message);

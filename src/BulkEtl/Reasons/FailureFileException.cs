namespace BulkEtl.Reasons;

/// <summary>
/// A job's file could not be read: that job's reasons are not stored this night and are tried again the next. The
/// message names the job and the host, never the link (it is signed) nor any row.
/// </summary>
internal class FailureFileException(string message) : Exception(message);

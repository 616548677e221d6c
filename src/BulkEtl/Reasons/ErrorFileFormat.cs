namespace BulkEtl.Reasons;

/// <summary>How an error-rows file is written: by its job's fileType, or, when the summary gave none, by its first byte.</summary>
internal enum ErrorFileFormat
{
    Csv,
    JsonLines,
}

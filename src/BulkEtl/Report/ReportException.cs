namespace BulkEtl.Report;

/// <summary>A report could not be written (e.g. its folder cannot be created or written); one-line message.</summary>
internal sealed class ReportException : Exception
{
    public ReportException()
    {
    }

    public ReportException(string message)
        : base(message)
    {
    }

    public ReportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

using BulkEtl.Run;
using BulkEtl.Store;

namespace BulkEtl.Cli.Commands;

/// <summary>
/// One status line redrawn in place on a person's terminal. Never used when stderr is a file or a pipe, so cron
/// mails and log shippers see only whole log lines.
/// </summary>
internal sealed class TerminalProgress(TextWriter error) : IProgress<RunCounts>, IDisposable
{
    private bool _drawn;

    public void Report(RunCounts value)
    {
        error.Write($"\rlisted {value.Listed}, fetched {value.Fetched} (new {value.New}, changed {value.Changed}), failed {value.Failed}, {value.Requests} requests   ");
        error.Flush();
        _drawn = true;
    }

    public void Dispose()
    {
        if (_drawn)
        {
            error.WriteLine();
        }
    }
}

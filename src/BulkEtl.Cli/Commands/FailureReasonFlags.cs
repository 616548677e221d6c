using System.CommandLine;
using BulkEtl.Reasons;

namespace BulkEtl.Cli.Commands;

/// <summary><c>run</c>'s flags for the failure reasons: off, and the size cap of one error-rows file.</summary>
internal sealed class FailureReasonFlags
{
    private readonly Option<bool> _off = new("--no-failure-reasons")
    {
        Description = "Do not download the error-rows files of failed jobs to store why their rows failed",
    };

    private readonly Option<long> _maxFileBytes = new("--max-failure-file-bytes")
    {
        Description = $"Largest decoded error-rows file read, in bytes; a larger one fails that job's reasons only (default {FailureFileOptions.DefaultMaxFileBytes})",
        DefaultValueFactory = _ => FailureFileOptions.DefaultMaxFileBytes,
    };

    public static FailureReasonFlags AddTo(Command command)
    {
        var flags = new FailureReasonFlags();
        command.Options.Add(flags._off);
        command.Options.Add(flags._maxFileBytes);
        return flags;
    }

    /// <returns>The options, or null when the collection is off.</returns>
    public FailureFileOptions? Read(ParseResult parse)
    {
        if (parse.GetValue(_off))
        {
            return null;
        }

        var maxFileBytes = parse.GetValue(_maxFileBytes);
        return maxFileBytes is < 1024 or > 64L * 1024 * 1024 * 1024
            ? throw new UsageException("--max-failure-file-bytes must be between 1024 and 68719476736")
            : new FailureFileOptions { MaxFileBytes = maxFileBytes };
    }
}

namespace BulkEtl.Cli;

/// <summary>The exit codes schedulers act on. A public contract: never renumber.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Anything else went wrong: Zuora unreachable or failing, a list page that kept failing, a store error.</summary>
    public const int Failure = 1;

    /// <summary>Bad flags, bad dates, bad ids, wrong credentials: a person must fix the configuration.</summary>
    public const int Usage = 2;

    /// <summary>The run finished, but some jobs could not be fetched; they are named on stderr and in the run ledger.</summary>
    public const int Partial = 3;

    /// <summary>Another run holds this database; nothing was done.</summary>
    public const int Locked = 4;

    /// <summary>Stopped by Ctrl+C (SIGINT); the shell's convention, 128 + the signal number.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM (systemd stop, kill); the run is recorded as failed ("cancelled"), committed data kept.</summary>
    public const int Terminated = 143;
}

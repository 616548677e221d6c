namespace BulkEtl.Extract;

/// <summary>Gives the bearer token for the next call.</summary>
public interface IAccessTokenSource
{
    /// <summary>Whether a refused token can be replaced by a new one (OAuth) or not (a fixed token).</summary>
    bool CanRenew { get; }

    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>Forget <paramref name="rejectedToken"/> so the next call fetches a new one.</summary>
    void Invalidate(string rejectedToken);
}

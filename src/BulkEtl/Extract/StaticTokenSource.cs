namespace BulkEtl.Extract;

/// <summary>A token given by the operator (--token): used as is, never renewed.</summary>
public sealed class StaticTokenSource(string token) : IAccessTokenSource
{
    public bool CanRenew => false;

    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);

    public void Invalidate(string rejectedToken)
    {
    }
}

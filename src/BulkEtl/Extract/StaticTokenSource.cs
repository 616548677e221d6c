namespace BulkEtl.Extract;

/// <summary>A token given by the operator (--token): used as is, never renewed.</summary>
internal sealed class StaticTokenSource(string token) : IAccessTokenSource
{
    private readonly AccessToken _token = new(token, null);

    public bool CanRenew => false;

    public ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_token);

    public void Invalidate(AccessToken rejected)
    {
    }
}

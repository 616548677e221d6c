namespace BulkEtl.Extract;

/// <summary>Gives the bearer token for the next call.</summary>
internal interface IAccessTokenSource
{
    /// <summary>Whether a refused token can be replaced by a new one (OAuth) or not (a fixed token).</summary>
    bool CanRenew { get; }

    /// <summary>Called inside the call's concurrency slot, right before the request is sent.</summary>
    ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>Forget <paramref name="rejected"/> so the next call fetches a new one.</summary>
    void Invalidate(AccessToken rejected);
}

/// <summary>A bearer token and, when Zuora said, the moment it stops being valid.</summary>
internal sealed record AccessToken(string Value, DateTimeOffset? ExpiresAt)
{
    /// <summary>Whether the token was still within its stated lifetime at <paramref name="instant"/>.</summary>
    public bool WasValidAt(DateTimeOffset instant) => ExpiresAt is null || instant < ExpiresAt;

    /// <summary>A record prints every property by default; the token must never reach a log or an error.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Value = ***, ExpiresAt = {ExpiresAt}");
        return true;
    }
}

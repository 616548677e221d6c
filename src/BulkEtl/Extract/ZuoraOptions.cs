namespace BulkEtl.Extract;

/// <summary>Where and how to reach one Zuora tenant. Secrets stay in memory only.</summary>
internal sealed record ZuoraOptions
{
    public required Uri BaseUrl { get; init; }

    /// <summary>A bearer token used as is (no renewal possible).</summary>
    public string? Token { get; init; }

    /// <summary>OAuth client credentials; the token is fetched and renewed by BulkEtl.</summary>
    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }

    /// <summary>
    /// Sent as Zuora-Entity-Ids on multi-entity tenants: the entity of one client's calls. Settings never set it; it is
    /// set from <see cref="EntityIds"/> where a client is built (BulkEtlServices).
    /// </summary>
    public string? EntityId { get; init; }

    /// <summary>
    /// Every entity a night extracts, one after another, each with its own Zuora-Entity-Ids header and token; empty or
    /// one for a single-entity night (a check's calls go under the first).
    /// </summary>
    public IReadOnlyList<string> EntityIds { get; init; } = [];

    /// <summary>Sent comma-separated as Zuora-Org-Ids on multi-org tenants.</summary>
    public IReadOnlyList<string> OrgIds { get; init; } = [];

    /// <summary>One Zuora-Track-Id per run, so Zuora support can find every call of a night.</summary>
    public required string TrackId { get; init; }

    /// <summary>
    /// Page size asked of the list endpoint. Zuora's pagination guide answers 400 above 50 on its paginated operations;
    /// a 400 that names the limit makes the client ask for less.
    /// </summary>
    public int PageSize { get; init; } = MaxPageSize;

    public const int MaxPageSize = 50;

    /// <summary>
    /// The most list pages one listing reads; 0 lets <see cref="ListingBound"/> derive it from the store's last complete
    /// listing. A list that goes on past it fails the listing.
    /// </summary>
    public int MaxListPages { get; init; }

    /// <summary>
    /// Upper bound of parallel fetches by id. Zuora allows 40 concurrent requests per tenant by default
    /// (shared with every other integration of the tenant), so a nightly batch takes a quarter of that.
    /// </summary>
    public int MaxConcurrency { get; init; } = DefaultMaxConcurrency;

    public const int DefaultMaxConcurrency = 10;

    public ZuoraResilienceOptions Resilience { get; init; } = new();

    /// <summary>A record prints every property by default; the credentials must never reach a log or an error.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"BaseUrl = {BaseUrl}, Token = {(Token is null ? "none" : "***")}, ClientId = {ClientId ?? "none"}, ");
        builder.Append($"ClientSecret = {(ClientSecret is null ? "none" : "***")}, EntityId = {EntityId}, EntityIds = [{string.Join(", ", EntityIds)}], TrackId = {TrackId}, ");
        builder.Append($"PageSize = {PageSize}, MaxListPages = {MaxListPages}, MaxConcurrency = {MaxConcurrency}, Resilience = {Resilience}");
        return true;
    }
}

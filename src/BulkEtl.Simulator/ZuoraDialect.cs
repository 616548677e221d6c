namespace BulkEtl.Simulator;

/// <summary>
/// How the simulated tenant speaks where Zuora's public reference is silent: the list cursor's name, the empty tenant's
/// 404 body and the shape of error bodies. Each choice is one Zuora is known or documented elsewhere to make, or one a
/// client must survive, so a test can run a night against every guess BulkEtl makes.
/// </summary>
public sealed record ZuoraDialect
{
    /// <summary>Our notes' name for the list cursor.</summary>
    public const string NextPageCursor = "nextPageCursor";

    /// <summary>The name Zuora's pagination guide gives for its paginated v1 operations.</summary>
    public const string NextPage = "next_page";

    /// <summary>
    /// The member a list page's cursor is written under: <see cref="NextPageCursor"/>, <see cref="NextPage"/>, any other
    /// name (one a client does not know), or null for none at all (every listing ends after its first page).
    /// </summary>
    public string? CursorField { get; init; } = NextPageCursor;

    public EmptyListAnswer EmptyList { get; init; } = EmptyListAnswer.Envelope;

    public ErrorShape Errors { get; init; } = ErrorShape.V1Envelope;
}

/// <summary>The body of the 404 an empty list answers with.</summary>
public enum EmptyListAnswer
{
    /// <summary>Zuora's error envelope (in the dialect's <see cref="ErrorShape"/>) with a code of category 40, not found.</summary>
    Envelope,

    /// <summary>The v1 envelope with the message "No job summaries found" and no code.</summary>
    EnvelopeWithoutCode,

    /// <summary>A gateway's body, not Zuora's: <c>{"message":"no Route matched with those values"}</c>.</summary>
    Gateway,
}

/// <summary>The error shapes Zuora is known to send.</summary>
public enum ErrorShape
{
    /// <summary><c>{"success":false,"processId":..,"reasons":[{"code":..,"message":..}]}</c>, the documented v1 envelope.</summary>
    V1Envelope,

    /// <summary><c>{"code":..,"message":..}</c>, seen on concurrency 429s (code REQUEST_EXCEEDED_LIMIT there).</summary>
    CodeAndMessage,

    /// <summary><c>{"error":{"code":..,"message":..}}</c>.</summary>
    NestedError,
}

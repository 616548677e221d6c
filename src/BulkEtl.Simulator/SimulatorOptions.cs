namespace BulkEtl.Simulator;

/// <summary>The simulated tenant and its behaviour. Same options (and <see cref="Now"/>) give the same tenant.</summary>
public sealed record SimulatorOptions
{
    public int Jobs { get; init; } = 200;

    public int Seed { get; init; } = 42;

    /// <summary>Jobs are spread over the <see cref="Days"/> UTC days ending at <see cref="Now"/>.</summary>
    public int Days { get; init; } = 30;

    /// <summary>The end of the generated window; <see cref="TimeProvider"/>'s clock when not set. Tests pin it.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>The clock of token expiry, Retry-After dates and received-at stamps; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Share (0..1) of generated jobs whose id is not a UUID: Zuora types the id as a string of up to 64 characters.
    /// Drawn from its own generator, so a share of 0 leaves the tenant exactly as before.
    /// </summary>
    public double NonUuidIdShare { get; init; }

    /// <summary>
    /// When above 0, a steady tenant of this many groups (<see cref="SteadyTenantGenerator"/>) instead of the varied
    /// one: every group loads every day at its own rate, the background anomaly detection is judged against.
    /// </summary>
    public int SteadyGroups { get; init; }

    /// <summary>Failure rates forced on a group for a day (<see cref="AnomalyPlanter"/>), so tests know the truth.</summary>
    public IReadOnlyList<PlantedAnomaly> Anomalies { get; init; } = [];

    /// <summary>Loopback port; 0 lets the OS choose.</summary>
    public int Port { get; init; }

    public string ClientId { get; init; } = "sim-client";

    public string ClientSecret { get; init; } = "sim-secret";

    /// <summary>Bearer tokens accepted forever, as a token pasted by an operator would be.</summary>
    public IReadOnlyList<string> StaticTokens { get; init; } = ["sim-static-token"];

    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromSeconds(3599);

    public int DefaultPageSize { get; init; } = 50;

    /// <summary>
    /// A limit below 1 or above this answers 400, as Zuora's pagination guide says its paginated operations do; the
    /// simulator is never more lenient than Zuora's documentation.
    /// </summary>
    public int MaxPageSize { get; init; } = 50;

    public FaultOptions Faults { get; init; } = new();

    /// <summary>The file origin behind /downloads: link lifetime and file faults.</summary>
    public FileOriginOptions Files { get; init; } = new();

    /// <summary>
    /// A multi-entity tenant: one generated tenant per entity id (the first with <see cref="Seed"/>, so it is the
    /// single-entity tenant), chosen by the Zuora-Entity-Ids header. Empty: one entity, the header ignored.
    /// </summary>
    public IReadOnlyList<string> EntityIds { get; init; } = [];
}

using System.CommandLine;
using BulkEtl.Simulator;

namespace BulkEtl.Cli.Commands;

/// <summary><c>bulk-etl simulate</c>: the Zuora simulator on its own, with fault injection, until Ctrl+C.</summary>
internal static class SimulateCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var port = new Option<int>("--port") { Description = "Loopback port (0 = any free port)", DefaultValueFactory = _ => 0 };
        var jobs = new Option<int>("--jobs") { Description = "Jobs in the tenant", DefaultValueFactory = _ => 200 };
        var seed = new Option<int>("--seed") { Description = "Seed of the tenant and of the faults", DefaultValueFactory = _ => 42 };
        var days = new Option<int>("--days") { Description = "Days the jobs are spread over, up to now", DefaultValueFactory = _ => 30 };
        var errorRate = new Option<double>("--error-rate") { Description = "Share of calls answering 500 or 503 (0..1)" };
        var errorBurst = new Option<int>("--error-burst") { Description = "The first N calls answer 503" };
        var rateLimitRate = new Option<double>("--rate-limit-rate") { Description = "Share of calls answering 429 with Retry-After (0..1)" };
        var retryAfter = new Option<int>("--retry-after") { Description = "Seconds sent in Retry-After", DefaultValueFactory = _ => 1 };
        var concurrencyLimit = new Option<int?>("--concurrency-limit") { Description = "Calls in flight above this answer 429" };
        var latency = new Option<int>("--latency-ms") { Description = "Milliseconds added to every call" };
        var hangRate = new Option<double>("--hang-rate") { Description = "Share of calls that hang (0..1)" };
        var hangSeconds = new Option<int>("--hang-seconds") { Description = "How long a hung call hangs", DefaultValueFactory = _ => 30 };
        var truncateRate = new Option<double>("--truncate-rate") { Description = "Share of bodies cut off mid-way (0..1)" };
        var malformedRate = new Option<double>("--malformed-rate") { Description = "Share of bodies that are not JSON (0..1)" };
        var notFound = new Option<string[]>("--not-found-id") { Description = "Job id answering 404; repeat for several" };
        var tokenLifetime = new Option<int>("--token-lifetime") { Description = "Seconds an OAuth token lives", DefaultValueFactory = _ => 3599 };
        var notFoundEverywhere = new Option<bool>("--not-found-everywhere")
        {
            Description = "Every path, the token's included, answers a gateway's 404 (as a wrong base URL or region would)",
        };
        var listNotFoundAtPage = new Option<int?>("--list-not-found-at-page")
        {
            Description = "The N-th list page answers a gateway's 404, not Zuora's \"No job summaries found\"",
        };
        var quotaExhaustedAfter = new Option<int?>("--quota-exhausted-after")
        {
            Description = "After N data calls every call answers 429 with ratelimit-remaining: 0 (the tenant's quota is spent)",
        };
        var quotaResetSeconds = new Option<int>("--quota-reset-seconds")
        {
            Description = "Seconds sent in ratelimit-reset and Retry-After once the quota is spent", DefaultValueFactory = _ => 3600,
        };
        var nonUuidIdShare = new Option<double>("--non-uuid-id-share")
        {
            Description = "Share of jobs whose id is not a UUID (0..1); Zuora types ids as strings of up to 64 characters",
        };
        var tokenRedirectTo = new Option<string?>("--token-redirect-to")
        {
            Description = "POST /oauth/token answers 307 to this absolute URL (a client must not follow it)",
        };
        var hostileErrorReasons = new Option<bool>("--hostile-error-reasons")
        {
            Description = "Error messages are ~100 KB with control characters, ANSI escapes, CR/LF and a fake Authorization header",
        };
        var anomalies = SimulatedAnomalies.Option();
        var steadyGroups = SimulatedAnomalies.SteadyGroupsOption();
        var cursorField = new Option<string>("--cursor-field")
        {
            Description = "The list cursor's field: nextPageCursor, next_page, any other name, or none (every listing ends after one page)",
            DefaultValueFactory = _ => ZuoraDialect.NextPageCursor,
        };
        var emptyListAnswer = new Option<string>("--empty-list-answer")
        {
            Description = "The empty list's 404 body: envelope (Zuora's, code of category 40), envelope-without-code, or gateway",
            DefaultValueFactory = _ => "envelope",
        };
        var errorShape = new Option<string>("--error-shape")
        {
            Description = "Error bodies: v1 ({\"success\":false,\"processId\",\"reasons\"}), code-message ({\"code\",\"message\"}) or nested ({\"error\":{..}})",
            DefaultValueFactory = _ => "v1",
        };
        var endlessListing = new Option<string>("--endless-listing")
        {
            Description = "The list never ends: none, repeated-page, fresh-jobs or cursor-cycle",
            DefaultValueFactory = _ => "none",
        };
        var command = new Command("simulate", "Serve a simulated Zuora tenant on 127.0.0.1 until Ctrl+C")
        {
            cursorField, emptyListAnswer, errorShape, endlessListing, anomalies, steadyGroups,
            port, jobs, seed, days, errorRate, errorBurst, rateLimitRate, retryAfter, concurrencyLimit, latency,
            hangRate, hangSeconds, truncateRate, malformedRate, notFound, tokenLifetime, notFoundEverywhere, listNotFoundAtPage,
            quotaExhaustedAfter, quotaResetSeconds, nonUuidIdShare, tokenRedirectTo, hostileErrorReasons,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new SimulatorOptions
            {
                Port = Range(parse.GetValue(port), 0, 65_535, "--port"),
                Jobs = Range(parse.GetValue(jobs), 0, 1_000_000, "--jobs"),
                Seed = parse.GetValue(seed),
                Days = Range(parse.GetValue(days), 1, 3_650, "--days"),
                TokenLifetime = TimeSpan.FromSeconds(Range(parse.GetValue(tokenLifetime), 1, 86_400, "--token-lifetime")),
                NonUuidIdShare = Share(parse.GetValue(nonUuidIdShare), "--non-uuid-id-share"),
                SteadyGroups = SimulatedAnomalies.SteadyGroups(parse.GetValue(steadyGroups)),
                Anomalies = SimulatedAnomalies.Parse(parse.GetValue(anomalies), environment.TimeProvider),
                Faults = new FaultOptions
                {
                    Seed = parse.GetValue(seed),
                    ServerErrorRate = Share(parse.GetValue(errorRate), "--error-rate"),
                    ServerErrorBurst = Range(parse.GetValue(errorBurst), 0, int.MaxValue, "--error-burst"),
                    RateLimitRate = Share(parse.GetValue(rateLimitRate), "--rate-limit-rate"),
                    RetryAfterSeconds = Range(parse.GetValue(retryAfter), 0, 3_600, "--retry-after"),
                    ConcurrencyLimit = parse.GetValue(concurrencyLimit) is { } limit ? Range(limit, 1, 10_000, "--concurrency-limit") : null,
                    Latency = TimeSpan.FromMilliseconds(Range(parse.GetValue(latency), 0, 600_000, "--latency-ms")),
                    HangRate = Share(parse.GetValue(hangRate), "--hang-rate"),
                    HangDuration = TimeSpan.FromSeconds(Range(parse.GetValue(hangSeconds), 0, 3_600, "--hang-seconds")),
                    TruncateRate = Share(parse.GetValue(truncateRate), "--truncate-rate"),
                    MalformedRate = Share(parse.GetValue(malformedRate), "--malformed-rate"),
                    // Ids are case-sensitive, as the simulator's tenant keeps them.
                    NotFoundIds = (parse.GetValue(notFound) ?? []).ToHashSet(StringComparer.Ordinal),
                    NotFoundEverywhere = parse.GetValue(notFoundEverywhere),
                    ListNotFoundAtPage = parse.GetValue(listNotFoundAtPage) is { } page ? Range(page, 1, int.MaxValue, "--list-not-found-at-page") : null,
                    QuotaExhaustedAfterCalls = parse.GetValue(quotaExhaustedAfter) is { } calls
                        ? Range(calls, 0, int.MaxValue, "--quota-exhausted-after")
                        : null,
                    QuotaResetSeconds = Range(parse.GetValue(quotaResetSeconds), 0, 86_400, "--quota-reset-seconds"),
                    TokenRedirectTo = parse.GetValue(tokenRedirectTo) is { } target
                        ? Uri.TryCreate(target, UriKind.Absolute, out var uri) ? uri : throw new UsageException("--token-redirect-to must be an absolute URL")
                        : null,
                    HostileErrorReasons = parse.GetValue(hostileErrorReasons),
                    Dialect = new ZuoraDialect
                    {
                        CursorField = parse.GetValue(cursorField) is "none" ? null : CursorField(parse.GetValue(cursorField)!),
                        EmptyList = Choice(parse.GetValue(emptyListAnswer)!, "--empty-list-answer", new Dictionary<string, EmptyListAnswer>
                        {
                            ["envelope"] = EmptyListAnswer.Envelope,
                            ["envelope-without-code"] = EmptyListAnswer.EnvelopeWithoutCode,
                            ["gateway"] = EmptyListAnswer.Gateway,
                        }),
                        Errors = Choice(parse.GetValue(errorShape)!, "--error-shape", new Dictionary<string, ErrorShape>
                        {
                            ["v1"] = ErrorShape.V1Envelope,
                            ["code-message"] = ErrorShape.CodeAndMessage,
                            ["nested"] = ErrorShape.NestedError,
                        }),
                    },
                    EndlessListing = Choice(parse.GetValue(endlessListing)!, "--endless-listing", new Dictionary<string, EndlessListing>
                    {
                        ["none"] = EndlessListing.None,
                        ["repeated-page"] = EndlessListing.RepeatedPage,
                        ["fresh-jobs"] = EndlessListing.FreshJobs,
                        ["cursor-cycle"] = EndlessListing.CursorCycle,
                    }),
                },
            };
            await ZuoraSimulator.RunStandaloneAsync(options, environment.Output, cancellationToken);
            return ExitCodes.Success;
        });
        command.WithExample("bulk-etl simulate --port 8080 --jobs 500 --rate-limit-rate 0.1 --error-rate 0.05");
        return command;
    }

    private static T Choice<T>(string value, string flag, IReadOnlyDictionary<string, T> choices) =>
        choices.TryGetValue(value, out var choice)
            ? choice
            : throw new UsageException($"{flag} must be one of {string.Join(", ", choices.Keys)}");

    /// <summary>A JSON member name the simulator writes as is: letters, digits, '_' or '-', 1 to 64 of them.</summary>
    private static string CursorField(string value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? value
            : throw new UsageException("--cursor-field must be 1 to 64 letters, digits, '_' or '-', or none");

    private static int Range(int value, int min, int max, string flag) =>
        value >= min && value <= max ? value : throw new UsageException($"{flag} must be between {min} and {max}");

    private static double Share(double value, string flag) =>
        value is >= 0 and <= 1 ? value : throw new UsageException($"{flag} must be a share between 0 and 1");
}
